// rosterguard/sync, Node build: the runner of sync-core.js over the Node
// build of the package, with the journal on disk (NDJSON, one final outcome
// per line, appended synchronously before the outcome is yielded, so that a
// process killed at any point never loses a line for a record it yielded).
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import * as api from './node.mjs';
import { createSync } from './sync-core.js';

/** Opens (or creates) the journal at `path`: which records it lists as sent, and an appender. */
function journal(path) {
  const sent = new Map();
  if (existsSync(path)) {
    const text = readFileSync(path, 'utf8');
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        continue; // a line cut short by a kill: that record was not final
      }
      if (entry && entry.status === 'sent' && Number.isSafeInteger(entry.index)) sent.set(entry.index, entry.digest);
    }
  }
  const fd = openSync(path, 'a');
  // A line cut short by a kill gets its own end, so that the next line stands alone.
  const size = fstatSync(fd).size;
  if (size > 0) {
    const last = Buffer.alloc(1);
    const rfd = openSync(path, 'r');
    try {
      readSync(rfd, last, 0, 1, size - 1);
    } finally {
      closeSync(rfd);
    }
    if (last[0] !== 0x0a) writeSync(fd, '\n');
  }
  let open = true;
  return {
    sent,
    append(entry) {
      writeSync(fd, JSON.stringify(entry) + '\n');
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

const digest = (text) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * `for await (const outcome of sync(endpointId, records, options))`: sends
 * every record, one final outcome each ({index, status, attempts, report?,
 * reply?}); see the package README, "Bulk sync".
 */
export const sync = createSync(api, { journal, digest });
export default sync;
