/**
 * Status, latest version, completed sessions and cancel: the routes that read or stop a session
 * without creating one.
 */
import { json, type Route } from '../router.js';
import { viewSession } from './sessions.js';
import { externalUserOf, inputOf, type SamsarState } from './state.js';

const MAX_LIST = 5000;

export function readRoutes(state: SamsarState): Route[] {
  const status = state.authed((req, key) =>
    json(200, state.statusBody(state.owned(key, req.query.get('request_id'), 'request_id'))),
  );

  const latest = state.authed((req, key) => {
    const s = state.owned(key, req.query.get('session_id'), 'session_id');
    const v = viewSession(s, state.now());
    if (v.status === 'PENDING') {
      return json(202, { session_id: s.id, status: 'PENDING', message: 'Render not ready yet.' });
    }
    if (v.status === 'FAILED') {
      return json(200, { session_id: s.id, status: 'FAILED', message: 'Video generation failed.' });
    }
    if (v.status === 'CANCELLED') {
      return json(200, { session_id: s.id, status: 'CANCELLED', message: 'Render was cancelled.' });
    }
    return json(200, {
      session_id: s.id,
      result_url: state.resultUrl(s.id),
      has_subtitles: s.hasSubtitles,
      result_language: s.language,
    });
  });

  const completed = state.authed((req, key) => {
    const raw = req.query.get('limit');
    const asked = raw === null ? MAX_LIST : Number(raw);
    const limit = Number.isFinite(asked) && asked > 0 ? Math.min(Math.floor(asked), MAX_LIST) : MAX_LIST;
    const done = [...state.sessions.values()]
      .filter((s) => s.ownerKey === key && state.statusOf(s) === 'COMPLETED')
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, limit)
      .map((s) => ({
        session_id: s.id,
        // The reference's historic misspelling, kept beside the corrected field.
        langauge: s.language,
        result_language: s.language,
        has_subtitles: s.hasSubtitles,
        result_url: state.resultUrl(s.id),
      }));
    return json(200, done);
  });

  const cancel = state.authed((req, key) => {
    externalUserOf(req, false);
    const s = state.owned(key, inputOf(req).videoSessionId);
    const st = state.statusOf(s);
    if (st === 'COMPLETED' || st === 'FAILED') {
      return json(400, { error: `Session ${s.id} is ${st}: no render in progress` });
    }
    s.cancelled = true;
    return json(200, {
      request_id: s.id,
      session_id: s.id,
      status: 'CANCELLED',
      cancelled: true,
      message: 'Render cancellation requested.',
    });
  });

  return [
    { method: 'GET', pattern: '/status', handler: status },
    { method: 'GET', pattern: '/v2/status', handler: status },
    { method: 'GET', pattern: '/external_users/status', handler: status },
    { method: 'GET', pattern: '/video/fetch_latest_version', handler: latest },
    { method: 'GET', pattern: '/video/list_completed_video_sessions', handler: completed },
    { method: 'POST', pattern: '/video/cancel_render', handler: cancel },
  ];
}
