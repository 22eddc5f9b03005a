/**
 * Imported first by the bin: zod compiles a fast parser (new Function) for each object schema the
 * first time it parses, which V8's code cache cannot keep. A short-lived stdio server parses most
 * schemas once or a few times, so compiling costs more than it saves (measured: about 13 ms of CPU
 * before `initialize` is answered). Must run before any schema is built: zod reads it then.
 */
import { config } from 'zod/v4/core';

config({ jitless: true });
