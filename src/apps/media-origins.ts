/**
 * Where result videos come from, as CSP sources for the views' `_meta.ui.csp.resourceDomains`: the
 * embedded sandbox's origin when it answers for the vendors, else the providers' domains, their
 * configured base URLs and VIDEOGEN_DOWNLOAD_HOSTS (the hosts download_video trusts as well).
 */
import type { AppDeps } from '../deps.js';
import { PROVIDER_DOMAINS } from '../download/allowed-hosts.js';

/** A download-host pattern ('cdn.x.com', '*.x.com', '.x.com', 'host:port') as CSP sources. */
function sourcesOf(pattern: string): string[] {
  const p = pattern.toLowerCase().trim();
  if (!p) return [];
  const domain = p.replace(/^\*?\./, '');
  return domain === p ? [`https://${p}`] : [`https://*.${domain}`, `https://${domain}`];
}

export async function mediaOrigins(deps: AppDeps): Promise<string[]> {
  // Started here if no call has started it yet: its port, hence its origin, is only known then.
  if (deps.sandbox) return [new URL((await deps.sandbox.start()).url).origin];
  const { samsar, samautomation, download } = deps.config;
  return [
    ...new Set([
      ...PROVIDER_DOMAINS.flatMap((d) => sourcesOf(`.${d}`)),
      ...[samsar.baseUrl, samautomation.baseUrl].map((u) => new URL(u).origin),
      ...download.extraHosts.flatMap(sourcesOf),
    ]),
  ];
}
