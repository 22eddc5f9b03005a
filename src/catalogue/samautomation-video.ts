/** SamAutomation video-generation, render and async endpoints. */
import type { CatalogueEntry } from './define.js';

export const samautomationVideoEntries: CatalogueEntry[] = [];
