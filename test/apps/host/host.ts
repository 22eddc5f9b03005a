/**
 * The test host page's script (runs in Chromium): embeds a view the way a chat client does, in a
 * sandboxed frame under the CSP its resource declares, and connects it with the ext-apps
 * AppBridge. Tool calls from the view go to `hostCallTool`, which the test binds to a real MCP
 * client on the real server.
 */
import type { CallToolResult } from '@modelcontextprotocol/client';
import {
  AppBridge,
  type McpUiResourceCsp,
  PostMessageTransport,
} from '@modelcontextprotocol/ext-apps/app-bridge';
import type { HostPageApi } from './page-api.js';

declare global {
  interface Window extends HostPageApi {}
}

/** The CSP a host builds from `_meta.ui.csp` (SEP-1865, "CSP Construction from Metadata"). */
function policy(csp: McpUiResourceCsp | undefined): string {
  const res = (csp?.resourceDomains ?? []).join(' ');
  const connect = (csp?.connectDomains ?? []).join(' ');
  return [
    "default-src 'none'",
    `script-src 'self' 'unsafe-inline' ${res}`,
    `style-src 'self' 'unsafe-inline' ${res}`,
    `connect-src 'self' ${connect}`,
    `img-src 'self' data: ${res}`,
    `font-src 'self' ${res}`,
    `media-src 'self' data: ${res}`,
    `frame-src ${(csp?.frameDomains ?? []).join(' ') || "'none'"}`,
    "object-src 'none'",
    `base-uri ${(csp?.baseUriDomains ?? []).join(' ') || "'self'"}`,
  ].join('; ');
}

function withPolicy(html: string, csp: McpUiResourceCsp | undefined): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(csp).replaceAll('"', '&quot;')}">`;
  return html.replace(/<head>/i, `<head>${meta}`);
}

let current: AppBridge | undefined;
window.toolCalls = [];
window.modelContext = [];

window.showView = async (view) => {
  const stage = document.getElementById('stage')!;
  await current?.teardownResource({}).catch(() => undefined);
  stage.replaceChildren();
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.title = 'MCP App view';
  stage.append(frame);
  const bridge = new AppBridge(
    null,
    { name: 'videogen-test-host', version: '1.0.0' },
    { serverTools: {}, updateModelContext: { text: {} }, logging: {} },
    { hostContext: view.hostContext },
  );
  bridge.oncalltool = async (params) => {
    window.toolCalls.push({ name: params.name, arguments: params.arguments });
    return (await window.hostCallTool({ name: params.name, arguments: params.arguments })) as CallToolResult;
  };
  bridge.onupdatemodelcontext = async (params) => {
    window.modelContext.push(params);
    return {};
  };
  bridge.onsizechange = ({ height }) => {
    if (height) frame.style.height = `${height}px`;
  };
  const initialized = new Promise<void>((resolve) => {
    bridge.oninitialized = () => resolve();
  });
  await bridge.connect(new PostMessageTransport(frame.contentWindow!, frame.contentWindow!));
  frame.srcdoc = withPolicy(view.html, view.csp);
  await initialized;
  await bridge.sendToolInput({ arguments: view.toolInput });
  await bridge.sendToolResult(view.toolResult as CallToolResult);
  current = bridge;
};

window.setHostContext = async (context) => {
  await current?.sendHostContextChange(context);
};
