/** SamAutomation JSON to Video API endpoints as catalogue entries. */
import type { CatalogueEntry } from './define.js';

export const samautomationEntries: CatalogueEntry[] = [];
