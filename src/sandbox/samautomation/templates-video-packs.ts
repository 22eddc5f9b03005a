/**
 * The sandbox's video-pack checkout: POST /api/video-packs/{pack_id}/buy/ answers a checkout link
 * and nothing else. A person pays on that page; the sandbox's page takes no payment at all.
 */
import { randomBytes } from 'node:crypto';
import { json, type Route } from '../router.js';
import { fail, withApiKey } from './templates-ai-auth.js';

export const VIDEO_PACKS: Record<string, { name: string; videos: number; price: number }> = {
  '1': { name: '10 extra videos', videos: 10, price: 9 },
  '2': { name: '50 extra videos', videos: 50, price: 39 },
  '3': { name: '200 extra videos', videos: 200, price: 129 },
};

export function createVideoPackRoutes(options: { filesUrl(): string }) {
  const sessions = new Map<string, { packId: string; key: string }>();

  const buy = withApiKey((req, key) => {
    const packId = req.params.pack_id ?? '';
    const pack = VIDEO_PACKS[packId];
    if (!pack) return fail(404, 'Video pack not found');
    const sessionId = `cs_sandbox_${randomBytes(8).toString('hex')}`;
    sessions.set(sessionId, { packId, key });
    return json(200, {
      success: true,
      checkout_url: `${options.filesUrl()}/samautomation-checkout/${sessionId}`,
      session_id: sessionId,
      pack: { id: packId, ...pack, currency: 'usd' },
    });
  });

  const routes: Route[] = [{ method: 'POST', pattern: '/api/video-packs/{pack_id}/buy/', handler: buy }];
  const fileRoutes: Route[] = [
    {
      method: 'GET',
      pattern: '/samautomation-checkout/{session}',
      handler: (req) => {
        const s = sessions.get(req.params.session ?? '');
        if (!s) return json(404, { error: 'Not found' });
        const page = `<!doctype html><title>Sandbox checkout</title><p>Sandbox checkout for video pack ${s.packId}: this is a simulation, no payment is taken.</p>`;
        return {
          status: 200,
          raw: Buffer.from(page),
          headers: { 'content-type': 'text/html; charset=utf-8' },
        };
      },
    },
  ];
  return { routes, fileRoutes };
}
