import { measureMemory } from './memory.js';
import { KEYS_ENV } from './server-env.js';
import { measureStartup } from './startup.js';

const a = await measureStartup({ VIDEOGEN_SANDBOX: '1' }, 11);
const b = await measureStartup(KEYS_ENV, 11);
console.log(
  'sandbox',
  a.serverMs.toFixed(1),
  a.bareMs.toFixed(1),
  a.ratio.toFixed(2),
  'keys',
  b.serverMs.toFixed(1),
  b.bareMs.toFixed(1),
  b.ratio.toFixed(2),
);
console.log(await measureMemory());
