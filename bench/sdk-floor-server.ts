/**
 * The SDK floor: the smallest useful MCP server on the same SDK (one tool, stdio, both eras), built
 * and launched exactly like ours. What it costs is the SDK's; what we cost beyond it is ours.
 */
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import * as z from 'zod/v4';

serveStdio(() => {
  const server = new McpServer({ name: 'sdk-floor', version: '1.0.0' });
  server.registerTool(
    'echo',
    { description: 'Echoes.', inputSchema: z.object({ text: z.string() }) },
    ({ text }) => ({
      content: [{ type: 'text', text }],
    }),
  );
  return server;
});
// Exit cleanly like the real server does, so the launcher writes its code cache at exit.
process.stdin.once('end', () => process.exit(0));
process.once('SIGTERM', () => process.exit(0));
