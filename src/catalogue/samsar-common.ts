/** Pieces shared by the Samsar catalogue entries: annotations, session id mapping, summaries. */
import type { ToolHints } from './define.js';

export const READ: ToolHints = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};
export const CREATE: ToolHints = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
};
export const DESTRUCTIVE: ToolHints = { ...CREATE, destructiveHint: true, idempotentHint: true };

/** Routes on /video/* name the source `videoSessionId`; their /external_users twins name it `request_id`. */
export function sourceField(sessionId: string, external: boolean): Record<string, string> {
  return external ? { request_id: sessionId } : { videoSessionId: sessionId };
}

/** One line for a call that started a new session from an existing one. */
export function newSessionSummary(what: string) {
  return (d: unknown, args: { session_id?: string }): string => {
    const id = (d as { session_id?: string; request_id?: string }).session_id;
    return `${what}${args.session_id ? ` of ${args.session_id}` : ''}: new session ${id} is rendering.`;
  };
}
