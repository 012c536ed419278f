// rosterguard/sync, Node build: the runner of sync-core.js over the Node
// build of the package, with its files on disk:
// - the journal: NDJSON, one final outcome per line, appended synchronously
//   before the outcome is yielded, so that a process killed at any point
//   never loses a line for a record it yielded;
// - the state: NDJSON, a header line then {k, d} lines (record key, request
//   digest). Each entry is one write of one line, and a line cut short by a
//   kill is ignored on reading, so a kill leaves the old entry or the new one.
//   On opening and on closing the file is rewritten whole into a temporary
//   file that is then renamed over it (atomic), so it does not grow;
// - a lock file next to each (FILE.lock, holding the owner's pid), so that a
//   second process given the same file refuses at the start.
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import * as api from './node.mjs';
import { createSync } from './sync-core.js';

const STATE_FORMAT = 'rosterguard-sync-state';
const held = new Set(); // files this process has locked

const inUse = (path, why) =>
  new api.RosterguardError(
    `rosterguard/sync: ${path} is in use by another sync (${why}); two runs must not share a journal or state file. ` +
      `If no other run is going, delete ${path}.lock.`,
    'invalid_option',
  );

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Takes FILE.lock for `path` or throws invalid_option naming the file; returns the release function. */
function lock(path) {
  const abs = resolve(path);
  if (held.has(abs)) throw inUse(path, 'this process');
  const lockPath = `${abs}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd;
    try {
      fd = openSync(lockPath, 'wx');
    } catch (e) {
      if (e.code !== 'EEXIST') throw new api.RosterguardError(`rosterguard/sync: cannot lock ${path}: ${e.code || e.message}`, 'invalid_option');
      let owner;
      let age = 0;
      try {
        age = Date.now() - statSync(lockPath).mtimeMs;
        owner = JSON.parse(readFileSync(lockPath, 'utf8'));
      } catch {
        owner = undefined; // being written right now (or gone): in use
      }
      // A lock left by a process of this machine that is gone (killed) is
      // stale; so is one never written in full (killed while taking it).
      const gone = owner && owner.host === hostname() && Number.isSafeInteger(owner.pid) && (owner.pid === process.pid || !alive(owner.pid));
      if (gone || (owner === undefined && age > 10000 && existsSync(lockPath))) {
        try {
          unlinkSync(lockPath);
        } catch {
          // another process took it over first: try again
        }
        continue;
      }
      throw inUse(path, owner ? `process ${owner.pid} on ${owner.host}` : 'a lock being taken');
    }
    try {
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
    } finally {
      closeSync(fd);
    }
    held.add(abs);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      held.delete(abs);
      try {
        unlinkSync(lockPath);
      } catch {
        // already gone
      }
    };
  }
  throw inUse(path, 'the lock keeps changing hands');
}

/** The lines of an NDJSON file that parse (a line cut short by a kill does not). */
function readLines(path) {
  if (!existsSync(path)) return [];
  const out = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      // cut short by a kill: that write did not happen
    }
  }
  return out;
}

/** Opens `path` for appending, ending a line cut short by a kill first. */
function openAppend(path) {
  const fd = openSync(path, 'a');
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
  return fd;
}

/** Writes `text` to `path` atomically: a temporary file, flushed, renamed over it. */
function replaceFile(path, text) {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** The journal at `path`: which records it lists as sent, and an appender. */
function journal(path, { readOnly }) {
  const release = lock(path);
  try {
    const sent = new Map();
    for (const entry of readLines(path)) {
      if (entry && entry.status === 'sent' && Number.isSafeInteger(entry.index)) sent.set(entry.index, entry.digest);
    }
    const fd = readOnly ? undefined : openAppend(path);
    let open = true;
    return {
      sent,
      append(entry) {
        if (fd !== undefined) writeSync(fd, JSON.stringify(entry) + '\n');
      },
      close() {
        if (!open) return;
        open = false;
        try {
          if (fd !== undefined) closeSync(fd);
        } finally {
          release();
        }
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

/** The state at `path` for `endpointId`: get(key), set(key, digest), close(). */
function state(path, { endpointId, readOnly }) {
  const release = lock(path);
  try {
    const entries = new Map();
    const lines = readLines(path);
    if (lines.length) {
      const head = lines[0];
      if (!head || head.format !== STATE_FORMAT) {
        throw new api.RosterguardError(`rosterguard/sync: ${path} is not a sync state file`, 'invalid_option');
      }
      if (head.endpoint !== endpointId) {
        throw new api.RosterguardError(`rosterguard/sync: the state file ${path} is for ${head.endpoint}, not ${endpointId}`, 'invalid_option');
      }
      for (const e of lines.slice(1)) if (e && typeof e.k === 'string' && typeof e.d === 'string') entries.set(e.k, e.d);
    }
    const header = JSON.stringify({ format: STATE_FORMAT, version: 1, endpoint: endpointId }) + '\n';
    const whole = () => header + [...entries].map(([k, d]) => JSON.stringify({ k, d }) + '\n').join('');
    let fd;
    if (!readOnly) {
      replaceFile(path, whole());
      fd = openAppend(path);
    }
    let open = true;
    return {
      get: (key) => entries.get(key),
      set(key, digest) {
        if (fd === undefined || entries.get(key) === digest) return;
        writeSync(fd, JSON.stringify({ k: key, d: digest }) + '\n');
        entries.set(key, digest);
      },
      close() {
        if (!open) return;
        open = false;
        try {
          if (fd !== undefined) {
            closeSync(fd);
            replaceFile(path, whole());
          }
        } finally {
          release();
        }
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

const digest = (text) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * `for await (const outcome of sync(endpointId, records, options))`: sends
 * every record, one final outcome each ({index, status, attempts, report?,
 * reply?}); see the package README, "Bulk sync".
 */
export const sync = createSync(api, { journal, state, digest });
export default sync;
