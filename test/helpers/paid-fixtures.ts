/**
 * Minimal valid arguments for every paid tool of the catalogue, in the vendors' documented field
 * names, shared by the tests that must cover each paid tool (the gate, the fault matrix). The tools
 * that work on existing videos take two completed source sessions.
 */
import type { SandboxHandle } from '../../src/sandbox/index.js';

export const TEXT = {
  prompt: 'Clouds over a city',
  image_model: 'GPTIMAGE2',
  video_model: 'RUNWAYML',
  duration: 10,
  // update_outro_image needs a source whose last layer is an outro
  outro_image_url: 'https://cdn.example.com/outro.png',
};
const IMG = 'https://cdn.example.com/a.jpg';

export function paidFixtures(s1: string, s2: string): Record<string, Record<string, unknown>> {
  return {
    samsar_text_to_video: TEXT,
    samsar_image_list_to_video: { image_urls: [IMG, IMG], video_model: 'RUNWAYML' },
    samsar_add_outro_image: { session_id: s1, outro_image_url: 'https://cdn.example.com/outro.png' },
    samsar_update_outro_image: { session_id: s1, outro_image_url: 'https://cdn.example.com/outro.png' },
    samsar_update_footer_image: { session_id: s1, cta_text: 'Book now' },
    samsar_translate_video: { session_id: s1, language: 'es' },
    samsar_join_videos: { session_ids: [s1, s2] },
    samautomation_mix_video: { media_list: [{ type: 'image', url: IMG, duration: 3 }] },
    samautomation_simple_video: { media_list: [{ type: 'image', url: IMG, duration: 3 }] },
    samautomation_loop_video: {
      media_list: [{ type: 'video', url: 'https://cdn.example.com/a.mp4' }],
      background_url: 'https://cdn.example.com/bg.mp3',
    },
    samautomation_advanced_video: {
      output_settings: { aspect_ratio: '16:9', resolution: '1080p', framerate: 30 },
      media_inputs: { main_clips: [{ type: 'image', url: IMG, duration: 3 }] },
      render_options: { mode: 'full' },
    },
    samautomation_create_ai_job: { model_id: 'kling-3-0', prompt: 'A rainy neon city' },
    samautomation_buy_video_pack: { pack_id: '1' },
  };
}

/**
 * Two completed Samsar sessions made straight on the sandbox (the documented POST, then its clock
 * stepped past the render), for tests whose server must not see the setup.
 */
export async function completedSessions(sandbox: SandboxHandle): Promise<[string, string]> {
  const ids: string[] = [];
  for (const duration of [10, 5]) {
    const res = await fetch(`${sandbox.samsarBaseUrl}/video/text_to_video`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.keys.samsar}`, 'content-type': 'application/json' },
      body: JSON.stringify({ input: { ...TEXT, duration } }),
    });
    if (!res.ok) throw new Error(`sandbox refused the source session: ${res.status} ${await res.text()}`);
    ids.push(((await res.json()) as { request_id: string }).request_id);
  }
  sandbox.samsar.advance(3_600_000);
  return [ids[0]!, ids[1]!];
}
