/** Samsar Video API endpoints as catalogue entries, in the order of the public tool list. */
import type { CatalogueEntry } from './define.js';
import { samsarCreateEntries } from './samsar-create.js';
import { samsarReadEntries } from './samsar-read.js';
import { samsarSessionEntries } from './samsar-session.js';

const ORDER = [
  'samsar_list_models',
  'samsar_list_fonts',
  'samsar_text_to_video',
  'samsar_image_list_to_video',
  'samsar_add_outro_image',
  'samsar_update_outro_image',
  'samsar_update_footer_image',
  'samsar_clone_video',
  'samsar_translate_video',
  'samsar_join_videos',
  'samsar_remove_subtitles',
  'samsar_add_subtitles',
  'samsar_cancel_render',
  'samsar_fetch_latest_version',
  'samsar_list_completed_sessions',
  'samsar_get_status',
];

const all = [...samsarReadEntries, ...samsarCreateEntries, ...samsarSessionEntries];
const rank = (e: CatalogueEntry) => ORDER.indexOf(e.name);

export const samsarEntries: CatalogueEntry[] = all.sort((a, b) => rank(a) - rank(b));
