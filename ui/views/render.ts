/** The Render view (creation tools, wait_for_job): the quote a paid tool asks for, the render, the video. */
import { showResult } from '../flow.js';
import { startView } from '../start.js';

void startView('videogen-render', showResult);
