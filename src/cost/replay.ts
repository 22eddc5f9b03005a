/** A recorded result returned again, marked so the agent knows nothing new was sent. */
import type { CallToolResult } from '@modelcontextprotocol/server';

/** What a later call reused: the confirmation (token or elicitation), or the client's idempotency key. */
export type Reuse = 'confirmation' | 'idempotency_key';

export function markReplay(
  result: CallToolResult,
  time: string,
  reused: Reuse = 'confirmation',
): CallToolResult {
  const copy = structuredClone(result);
  const note = `Replay: this ${reused} was already used at ${time}; nothing was sent again. The original result follows.`;
  copy.structuredContent = { ...(copy.structuredContent ?? {}), replay: true };
  const first = copy.content[0];
  if (first?.type === 'text') first.text = `${note}\n${first.text}`;
  else copy.content.unshift({ type: 'text', text: note });
  return copy;
}
