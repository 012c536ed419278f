// The ledger unit of rosterguard/sync: what the runner remembers across
// runs. The journal (resume one interrupted run, by index) and the state
// (per record key, a digest of the last request the vendor accepted) are
// files, so the host (sync-node.mjs) opens them; this module decides what
// goes in them.

/** The state's key of a record: its one key, or all of them for a batch; undefined without one. */
export function stateKey(keys) {
  if (keys.length === 0) return undefined;
  return keys.length === 1 ? keys[0] : JSON.stringify(keys);
}

/**
 * The text a request is remembered by: redacted (no token), and without the
 * query parameters and headers that differ between two builds `a` and `b`
 * of the same record (generated per build, such as Fxiaoke's thirdTraceId).
 */
export function requestText(api, a, b) {
  let url = a.url;
  let headers = a.headers || {};
  if (b) {
    const ua = new URL(a.url);
    const ub = new URL(b.url);
    let changed = false;
    for (const k of [...new Set(ua.searchParams.keys())]) {
      if (ua.searchParams.getAll(k).join('\n') !== ub.searchParams.getAll(k).join('\n')) {
        ua.searchParams.delete(k);
        changed = true;
      }
    }
    if (changed) url = ua.toString();
    const other = b.headers || {};
    headers = Object.fromEntries(Object.entries(headers).filter(([k, v]) => other[k] === v));
  }
  const safe = api.redact({ method: a.method, url, headers, body: a.body });
  return JSON.stringify([safe.method, safe.url, safe.headers, safe.body]);
}

/**
 * Opens the journal and the state the options name, through the host
 * (each one locked against a second process). Dry runs open them read-only.
 */
export function openLedger(api, host, endpointId, values) {
  const readOnly = values.dryRun === true;
  if (values.journal !== undefined && values.journal === values.state) {
    throw new api.RosterguardError(`rosterguard/sync: journal and state must be two files (both are ${values.journal})`, 'invalid_option');
  }
  let journal;
  let state;
  try {
    if (values.journal !== undefined) journal = host.journal(values.journal, { readOnly });
    if (values.state !== undefined) state = host.state(values.state, { endpointId, readOnly });
  } catch (e) {
    if (journal) journal.close();
    throw e;
  }
  return {
    journal,
    state,
    close() {
      let failure;
      for (const f of [journal, state]) {
        if (!f) continue;
        try {
          f.close();
        } catch (e) {
          failure = failure ?? e;
        }
      }
      if (failure) throw failure;
    },
  };
}
