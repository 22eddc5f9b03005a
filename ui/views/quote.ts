/** The Quote view (estimate_cost): confirm the spend, then watch the render it starts. */
import { showResult } from '../flow.js';
import { startView } from '../start.js';

void startView('videogen-quote', showResult);
