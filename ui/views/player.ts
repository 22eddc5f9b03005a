/** The Player view (download_video): the saved video, its length, and where it was saved. */
import { message } from '../message.js';
import { showSaved } from '../player-panel.js';
import { summaryOf } from '../results.js';
import { startView } from '../start.js';

void startView('videogen-player', (root, bridge, result, input) => {
  if (!showSaved(root, bridge, result, input))
    message(root, 'Not saved', summaryOf(result), Boolean(result.isError));
});
