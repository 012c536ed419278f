// rosterguard/sync, browser / bundler build: the runner of sync-core.js over
// the browser build (init() is awaited for you). No journal (no file system).
import * as api from './web.js';
import { createSync } from './sync-core.js';

export const sync = createSync(api, { journal: undefined, digest: (text) => text });
export default sync;
