/**
 * download_video: saves a finished result into VIDEOGEN_OUTPUT_DIR and reports the path, size and
 * duration (from the MP4 header), because provider links expire and people want the file.
 */
import * as z from 'zod/v4';
import { isAllowedHost } from '../download/allowed-hosts.js';
import { readFileMp4Duration } from '../download/file-mp4-duration.js';
import { ensureOutputFolder } from '../download/output-folder.js';
import { defaultName, pathInside, requestedName } from '../download/safe-filename.js';
import { DownloadError, saveUrl } from '../download/save-url.js';
import { ValidationError } from '../errors.js';
import { fetchSnapshot, JOB_KINDS } from '../jobs/fetch-snapshot.js';
import { isSandboxed, requireCallable } from '../provider-access.js';
import { redactValue } from '../redact.js';
import { defineOwnTool } from './define.js';

export const downloadVideo = defineOwnTool({
  name: 'download_video',
  title: 'Download a video',
  description:
    'Saves a finished job ({provider, id}) or a result URL to the local output folder; reports path, bytes, duration. Free.',
  toolset: 'jobs',
  billing: 'free',
  // Writes a local file, and replaces one only when overwrite is set.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  input: z.object({
    provider: z.enum(['samsar', 'samautomation']).optional(),
    id: z.string().trim().min(1).max(200).optional(),
    // Accepted so the job object of a creation or wait result can be passed as it is.
    kind: z.enum(JOB_KINDS).optional(),
    url: z.string().url().max(4000).optional().describe('Instead of provider and id.'),
    filename: z.string().trim().min(1).max(200).optional(),
    overwrite: z.boolean().default(false),
  }),
  handler: async (args, ctx, deps) => {
    const signal = ctx.mcpReq.signal;
    if (args.url && args.id) throw new ValidationError('url', 'give either url or provider and id, not both');
    // A bad name is refused before anything is fetched.
    const asked = args.filename ? requestedName(args.filename) : undefined;
    await ensureOutputFolder(deps.config.download.outputDir);
    let url = args.url;
    // Provider-resolved URLs may sit on any CDN; a caller's URL must come from a provider host.
    let allow = (u: URL) => isAllowedHost(deps, u);
    if (!url) {
      if (!args.provider || !args.id) {
        throw new ValidationError(
          'id',
          'provider and id (or url) are required',
          'Use the job from the creation result.',
        );
      }
      requireCallable(deps.config, args.provider);
      const ref = { provider: args.provider, id: args.id, kind: args.kind };
      const snapshot = await fetchSnapshot(deps, ref, signal);
      if (snapshot.state !== 'completed' || !snapshot.result_urls[0]) {
        throw new DownloadError(
          'job_not_finished',
          `Job ${args.id} is ${snapshot.state} (${snapshot.stage}), so there is no video to save yet.`,
          snapshot.state === 'pending'
            ? `Call wait_for_job {provider: "${args.provider}", id: "${args.id}"} first.`
            : snapshot.reason,
        );
      }
      url = snapshot.result_urls[0];
      allow = () => true;
    }
    // Marked when the video came from the sandbox: a sandboxed provider's job, or a sandbox URL.
    const running = deps.sandbox?.running;
    const fromSandbox = args.url
      ? running !== undefined && new URL(url).host === new URL(running.url).host
      : isSandboxed(deps.config, args.provider!);
    const name = asked ?? defaultName(args.id, url);
    const target = pathInside(deps.config.download.outputDir, name);
    const saved = await saveUrl(deps.http, {
      url,
      target,
      overwrite: args.overwrite,
      maxBytes: deps.config.download.maxBytes,
      allow,
      signal,
    });
    const duration = await readFileMp4Duration(target);
    const result = redactValue({
      path: target,
      bytes: saved.bytes,
      duration_seconds: duration ?? null,
      content_type: saved.contentType ?? null,
      url,
      ...(fromSandbox ? { sandbox: true } : {}),
    });
    const length = duration === undefined ? 'duration unknown' : `${duration} s`;
    return {
      content: [{ type: 'text', text: `Saved ${result.path} (${saved.bytes} bytes, ${length}).` }],
      structuredContent: result,
    };
  },
});
