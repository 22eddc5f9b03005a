import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.js';

type PromptResult = { messages: Array<{ role: string; content: { type: string; text: string } }> };

/** The estimate_cost call a prompt tells the agent to make, parsed from its text. */
function estimateCall(text: string): { tool: string; arguments: Record<string, unknown> } {
  const m = /Call estimate_cost with (\{.*\})\.$/m.exec(text);
  if (!m) throw new Error(`no estimate_cost step in:\n${text}`);
  return JSON.parse(m[1]!);
}

describe('prompts', () => {
  let h: Harness;
  const get = async (name: string, args: Record<string, string>) =>
    ((await h.client.getPrompt({ name, arguments: args })) as PromptResult).messages[0]!.content.text;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('lists the two flows with their arguments', async () => {
    const { prompts } = await h.client.listPrompts();
    const byName = Object.fromEntries(prompts.map((p: { name: string }) => [p.name, p]));
    expect(byName.video_from_prompt.arguments).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'prompt', required: true })]),
    );
    expect(byName.reel_from_images.arguments).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'image_urls', required: true })]),
    );
  });

  it('video_from_prompt walks estimate -> confirm -> create -> wait -> download with arguments the tools accept', async () => {
    const text = await get('video_from_prompt', {
      prompt: 'A lighthouse at dawn',
      duration: '10',
      video_model: 'RUNWAYML',
      language: 'en',
    });
    const order = [
      'estimate_cost',
      'ask me to confirm',
      'Call samsar_text_to_video',
      'wait_for_job',
      'download_video',
    ].map((w) => text.indexOf(w));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const quote = await h.call('estimate_cost', estimateCall(text));
    expect(quote.isError, h.text(quote)).toBeFalsy();
    expect(quote.structuredContent?.credits).toBe(300);
  });

  it('video_from_prompt asks to pick a model when none is given', async () => {
    const text = await get('video_from_prompt', { prompt: 'A lighthouse at dawn' });
    expect(text).toContain('samsar_list_models');
  });

  it('reel_from_images builds an image_list_to_video quote the tool accepts', async () => {
    const text = await get('reel_from_images', {
      image_urls:
        'https://cdn.example.com/a.jpg, https://cdn.example.com/b.jpg\nhttps://cdn.example.com/c.jpg',
      video_model: 'RUNWAYML',
    });
    const call = estimateCall(text);
    expect(call.tool).toBe('samsar_image_list_to_video');
    expect(call.arguments.image_urls).toHaveLength(3);
    expect(call.arguments.aspect_ratio).toBe('9:16');
    const quote = await h.call('estimate_cost', call);
    expect(quote.isError, h.text(quote)).toBeFalsy();
    expect(text).toContain('wait_for_job');
    expect(text).toContain('download_video');
  });

  it('completes models from the live list, languages and aspect ratios', async () => {
    const complete = async (name: string, argument: string, value: string) =>
      (
        await h.client.complete({
          ref: { type: 'ref/prompt', name },
          argument: { name: argument, value },
        })
      ).completion.values;
    expect(await complete('video_from_prompt', 'video_model', 'ru')).toEqual(['RUNWAYML']);
    expect(await complete('video_from_prompt', 'video_model', 'VEO')).toEqual(['VEO3.1I2V', 'VEO3.1I2VFAST']);
    expect(await complete('reel_from_images', 'language', 'j')).toEqual(['ja']);
    expect(await complete('reel_from_images', 'aspect_ratio', '9')).toEqual(['9:16']);
  });
});
