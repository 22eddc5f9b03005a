/** SamAutomation AI model endpoints. */
import type { CatalogueEntry } from './define.js';

export const samautomationAiEntries: CatalogueEntry[] = [];
