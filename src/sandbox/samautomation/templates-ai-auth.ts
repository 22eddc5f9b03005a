/**
 * How the templates, video-pack and AI routes of the sandbox authenticate: the X-API-Key header (or
 * the legacy api_key query parameter the reference still accepts), with its documented 401 and 403.
 */
import { SANDBOX_KEYS } from '../keys.js';
import { type Handler, json, type SandboxRequest } from '../router.js';

export const SAMAUTOMATION_SANDBOX_KEYS: readonly string[] = [
  SANDBOX_KEYS.samautomation,
  SANDBOX_KEYS.samautomationOther,
];

/** Wraps a handler so it runs only for a known key, which it receives. */
export const withApiKey =
  (handler: (req: SandboxRequest, key: string) => ReturnType<Handler>): Handler =>
  (req) => {
    const header = req.headers['x-api-key'];
    const key = (Array.isArray(header) ? header[0] : header) ?? req.query.get('api_key') ?? '';
    if (!key) {
      return json(401, { success: false, message: 'API key required', error_code: 'API_KEY_MISSING' });
    }
    if (!SAMAUTOMATION_SANDBOX_KEYS.includes(key)) {
      return json(403, { success: false, message: 'API key is not active or missing' });
    }
    return handler(req, key);
  };

/** The documented error body. */
export const fail = (status: number, message: string, extra: Record<string, unknown> = {}) =>
  json(status, { success: false, message, ...extra });
