/** SamAutomation templates and video packs endpoints. */
import type { CatalogueEntry } from './define.js';

export const samautomationTemplateEntries: CatalogueEntry[] = [];
