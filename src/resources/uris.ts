/** The URIs of the server's resources, in one place so tools can notify about the right ones. */
import type { Provider } from '../errors.js';

export const URIS = {
  samsarModels: 'samsar://models',
  samsarFonts: 'samsar://fonts',
  samsarSessions: 'samsar://sessions',
  samsarSession: 'samsar://sessions/{session_id}',
  aiModels: 'samautomation://ai-models',
  templates: 'samautomation://templates',
  tasks: 'samautomation://tasks',
  task: 'samautomation://tasks/{id}',
} as const;

/** The resource that shows one job: a Samsar session or a SamAutomation task/job. */
export function jobUri(provider: Provider, id: string): string {
  return provider === 'samsar'
    ? `samsar://sessions/${encodeURIComponent(id)}`
    : `samautomation://tasks/${encodeURIComponent(id)}`;
}
