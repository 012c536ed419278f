// rosterguard/sync, browser / bundler build: the runner of sync-core.js over
// the browser build (init() is awaited for you). No journal or state (no
// file system); digests (Feishu's client_token) use the core's own hash.
import * as api from './web.js';
import { createSync } from './sync-core.js';

export const sync = createSync(api, {});
export default sync;
