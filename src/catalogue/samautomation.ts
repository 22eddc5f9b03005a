/** SamAutomation JSON to Video API endpoints as catalogue entries, in tools/list order. */
import type { CatalogueEntry } from './define.js';
import { samautomationAiEntries } from './samautomation-ai.js';
import { samautomationTemplateEntries } from './samautomation-templates.js';
import { samautomationVideoEntries } from './samautomation-video.js';

export const samautomationEntries: CatalogueEntry[] = [
  ...samautomationVideoEntries,
  ...samautomationTemplateEntries,
  ...samautomationAiEntries,
];
