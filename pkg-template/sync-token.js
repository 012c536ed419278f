// The token unit of rosterguard/sync: fetched once, again when a reply says
// it expired (one refresh for many such replies), and every value seen is
// remembered as a secret to scrub from messages.

/** `text` with every secret replaced by "***". */
export function scrubText(text, secrets) {
  if (typeof text !== 'string') return text;
  let out = text;
  for (const s of secrets) if (s && out.includes(s)) out = out.split(s).join('***');
  return out;
}

/**
 * {secrets, value(), generation(), start(), refresh(gen)} over the caller's
 * getToken (or none). `prefix` is the endpoint's tokenPrefix ("Bearer "):
 * added when getToken returns the bare token.
 */
export function createTokenSource(api, getToken, prefix = '') {
  const secrets = new Set();
  let token;
  let gen = 0;
  let refreshing;
  const fetchToken = async () => {
    let t;
    try {
      t = await getToken();
    } catch (e) {
      const msg = e && e.message ? e.message : String(e);
      throw new api.RosterguardError(`rosterguard/sync: getToken failed: ${scrubText(msg, secrets)}`, 'invalid_argument');
    }
    if (typeof t !== 'string' || t === '') throw new api.RosterguardError('rosterguard/sync: getToken must return a non-empty string', 'invalid_argument');
    const bare = prefix && t.startsWith(prefix) ? t.slice(prefix.length) : t;
    secrets.add(bare);
    secrets.add(t);
    return prefix && !t.startsWith(prefix) ? prefix + t : t;
  };
  return {
    secrets,
    /** The current token (with its prefix), or undefined without getToken. */
    value: () => token,
    /** How many refreshes so far. */
    generation: () => gen,
    async start() {
      if (getToken) token = await fetchToken();
    },
    /** A new token unless one newer than generation `since` is there already. */
    refresh(since) {
      if (since < gen) return Promise.resolve();
      if (!refreshing) {
        refreshing = fetchToken().then(
          (t) => {
            token = t;
            gen++;
            refreshing = undefined;
          },
          (e) => {
            refreshing = undefined;
            throw e;
          },
        );
      }
      return refreshing;
    },
  };
}
