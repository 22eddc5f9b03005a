/** Every endpoint of both providers, in the order tools/list shows them. */
import type { CatalogueEntry } from './define.js';
import { samautomationEntries } from './samautomation.js';
import { samsarEntries } from './samsar.js';

export const catalogue: readonly CatalogueEntry[] = [...samsarEntries, ...samautomationEntries];
