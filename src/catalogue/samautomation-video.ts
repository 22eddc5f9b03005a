/** SamAutomation video-generation, render and async endpoints, in the order of TOOLS.md. */
import type { CatalogueEntry } from './define.js';
import { samautomationAdvancedEntries } from './samautomation-video-advanced.js';
import { samautomationCreateEntries } from './samautomation-video-create.js';
import { samautomationTaskEntries } from './samautomation-video-tasks.js';

const ORDER = [
  'mix_video',
  'simple_video',
  'loop_video',
  'get_progress',
  'list_tasks',
  'usage_summary',
  'advanced_video',
  'advanced_video_progress',
  'async_status',
  'async_cancel',
  'queue_status',
  'async_health',
].map((n) => `samautomation_${n}`);

export const samautomationVideoEntries: CatalogueEntry[] = [
  ...samautomationCreateEntries,
  ...samautomationTaskEntries,
  ...samautomationAdvancedEntries,
].sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
