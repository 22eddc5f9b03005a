/**
 * The prompt-to-video flow as one prompt: pick a model, quote, get the person's confirmation,
 * create, wait, download. Nothing is spent before the person says yes.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod/v4';
import type { AppDeps } from '../deps.js';
import { promptArgs } from './completions.js';
import { followAndSave, userMessage } from './steps.js';

export function registerVideoFromPrompt(server: McpServer, deps: AppDeps): void {
  const a = promptArgs(deps);
  server.registerPrompt(
    'video_from_prompt',
    {
      title: 'Video from a prompt',
      description: 'Narrated Samsar video from a text prompt: model, quote, confirm, create, wait, download.',
      argsSchema: z.object({
        prompt: z.string().describe('What the video should show and say.'),
        duration: z.string().regex(/^\d+$/).optional().describe('Seconds, default 10.'),
        video_model: a.videoModel,
        image_model: a.imageModel,
        language: a.language,
        aspect_ratio: a.aspectRatio,
      }),
    },
    ({ prompt, duration, video_model, image_model, language, aspect_ratio }) => {
      const args = {
        prompt,
        image_model: image_model || 'GPTIMAGE2',
        video_model: video_model || '<chosen model>',
        duration: Number(duration || 10),
        ...(language ? { language } : {}),
        ...(aspect_ratio ? { aspect_ratio } : {}),
      };
      return userMessage(
        [
          `Make a narrated video with Samsar from this prompt: "${prompt}".`,
          video_model
            ? `1. Use the video model ${video_model}.`
            : '1. Call samsar_list_models and pick a video model (prices are per second); say which and why.',
          `2. Call estimate_cost with {"tool": "samsar_text_to_video", "arguments": ${JSON.stringify(args)}}.`,
          '3. Show me the quoted credits and ask me to confirm. Do not continue until I say yes.',
          '4. Call samsar_text_to_video with the same arguments plus the confirmation_token from the quote.',
          ...followAndSave('samsar', 5),
        ].join('\n'),
      );
    },
  );
}
