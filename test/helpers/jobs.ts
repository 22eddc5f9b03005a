/** Helpers for the job tests: start a sandbox render through the real tools and count status polls. */
import type { Harness } from './harness.js';

export const RENDER = {
  prompt: 'Clouds over a city',
  image_model: 'GPTIMAGE2',
  video_model: 'RUNWAYML',
  duration: 10,
};

/** A 5 s Samsar render of `prompt` (150 credits on RUNWAYML): a paid call to count. */
export const shortRender = (prompt: string) => ({ ...RENDER, prompt, duration: 5 });

/** Starts a Samsar text-to-video render (credits must be auto-approved) and returns its session id. */
export async function startSamsarRender(h: Harness, prompt = RENDER.prompt): Promise<string> {
  const r = await h.call('samsar_text_to_video', { ...RENDER, prompt });
  if (r.isError) throw new Error(h.text(r));
  return (r.structuredContent!.job as { id: string }).id;
}

/** Status requests the sandbox received for one job (of any harness that has the sandbox). */
export function statusPolls(h: Pick<Harness, 'sandbox'>, id: string): number {
  return h.sandbox.requests.entries.filter(
    (e) => e.method === 'GET' && (Object.values(e.query).includes(id) || e.path.includes(id)),
  ).length;
}

export interface Progress {
  progress: number;
  total?: number;
  message?: string;
}

export const AI_JOB = {
  model_id: 'kling-3-0-pro',
  prompt: 'Cinematic tracking shot in a rainy neon city',
  options: { duration_seconds: 8 },
};

/** Starts a SamAutomation AI job (credits must be auto-approved) and returns its job id. */
export async function startAiJob(h: Harness, prompt = AI_JOB.prompt): Promise<string> {
  const r = await h.call('samautomation_create_ai_job', { ...AI_JOB, prompt });
  if (r.isError) throw new Error(h.text(r));
  return (r.structuredContent!.job as { id: string }).id;
}

/** Records the resource change notifications a client receives (either protocol era). */
export function recordResourceChanges(client: Harness['client']) {
  const changes = { updated: [] as string[], listChanged: 0 };
  client.setNotificationHandler('notifications/resources/updated', (n: { params: { uri: string } }) => {
    changes.updated.push(n.params.uri);
  });
  client.setNotificationHandler('notifications/resources/list_changed', () => {
    changes.listChanged++;
  });
  return changes;
}
