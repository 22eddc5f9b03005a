/** A short vertical reel from a list of images: quote, confirm, create, wait, download. */
import type { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod/v4';
import type { AppDeps } from '../deps.js';
import { promptArgs } from './completions.js';
import { followAndSave, userMessage } from './steps.js';

export function registerReelFromImages(server: McpServer, deps: AppDeps): void {
  const a = promptArgs(deps);
  server.registerPrompt(
    'reel_from_images',
    {
      title: 'Reel from images',
      description: 'Narrated 9:16 Samsar reel from image URLs: quote, confirm, create, wait, download.',
      argsSchema: z.object({
        image_urls: z.string().describe('Image URLs in order, separated by spaces, commas or new lines.'),
        prompt: z.string().optional().describe('What the narration should be about.'),
        video_model: a.videoModel,
        language: a.language,
        aspect_ratio: a.aspectRatio,
      }),
    },
    ({ image_urls, prompt, video_model, language, aspect_ratio }) => {
      const urls = image_urls.split(/[\s,]+/).filter(Boolean);
      const args = {
        image_urls: urls,
        ...(prompt ? { prompt } : {}),
        ...(video_model ? { video_model } : {}),
        aspect_ratio: aspect_ratio || '9:16',
        ...(language ? { language } : {}),
      };
      return userMessage(
        [
          `Make a narrated ${args.aspect_ratio} reel with Samsar from ${urls.length} image(s), in this order.`,
          `1. Call estimate_cost with {"tool": "samsar_image_list_to_video", "arguments": ${JSON.stringify(args)}}.`,
          '2. Show me the quoted credits (the render length depends on the number of images) and ask me to confirm. Do not continue until I say yes.',
          '3. Call samsar_image_list_to_video with the same arguments plus the confirmation_token from the quote.',
          ...followAndSave('samsar', 4),
        ].join('\n'),
      );
    },
  );
}
