/**
 * The JSON-RPC error answers the HTTP transport gives itself (before or beside the SDK), in one
 * shape: `{jsonrpc, error: {code, message}, id: null}`, as a web Response or on a node response.
 */
import type { ServerResponse } from 'node:http';

/** JSON-RPC codes the transport uses: its own server errors, and the standard ones it answers. */
export const RPC = { serverError: -32000, invalidRequest: -32600, parseError: -32700 } as const;

export function rpcErrorPayload(message: string, code: number = RPC.serverError): string {
  return JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null });
}

export function jsonRpcError(
  status: number,
  message: string,
  headers: Record<string, string> = {},
  code: number = RPC.serverError,
): Response {
  return new Response(rpcErrorPayload(message, code), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function writeRpcError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
  code: number = RPC.serverError,
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(rpcErrorPayload(message, code));
}
