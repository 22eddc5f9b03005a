/**
 * Which hosts download_video {url} may fetch from: the providers' own domains and API hosts, the
 * sandbox, and VIDEOGEN_DOWNLOAD_HOSTS. Anything else is refused, so the tool cannot be aimed at
 * internal services.
 */
import type { AppDeps } from '../deps.js';

/** Result files of both providers come from these domains (and their subdomains). */
export const PROVIDER_DOMAINS = ['samsar.one', 'samautomation.work'];

function matches(url: URL, pattern: string): boolean {
  const p = pattern.toLowerCase().replace(/^\*\./, '.');
  if (p.startsWith('.')) return url.hostname.endsWith(p) || url.hostname === p.slice(1);
  return p.includes(':') ? url.host === p : url.hostname === p;
}

export function allowedPatterns(deps: AppDeps): string[] {
  const fromBase = [deps.config.samsar.baseUrl, deps.config.samautomation.baseUrl].map(
    (u) => new URL(u).host,
  );
  const running = deps.sandbox?.running;
  const sandbox = running ? [new URL(running.url).host] : [];
  return [
    ...PROVIDER_DOMAINS.map((d) => `.${d}`),
    ...fromBase,
    ...sandbox,
    ...deps.config.download.extraHosts,
  ];
}

export function isAllowedHost(deps: AppDeps, url: URL): boolean {
  return allowedPatterns(deps).some((p) => matches(url, p));
}
