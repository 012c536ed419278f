// Child process of sync.test.mjs: one sync run with a journal against the
// mock at argv[2], N = argv[4] DingTalk records, token from $RG_TOKEN.
// Prints the outcome counts as JSON when it finishes.
import { sync } from 'rosterguard/sync';
import { countBy, dingtalk, localFetch } from './sync-helpers.mjs';

const [url, journal, n] = process.argv.slice(2);
const records = (function* () {
  for (let i = 0; i < Number(n); i++) yield dingtalk(i);
})();
const outcomes = [];
for await (const o of sync('dingtalk.updateEmployeeRoster', records, {
  fetch: localFetch,
  baseUrl: url,
  journal,
  concurrency: 8,
  ratePerSecond: 400,
  maxAttempts: 10,
  backoffMs: 20,
  timeoutMs: 2000,
  getToken: async () => process.env.RG_TOKEN,
})) {
  outcomes.push(o);
}
process.stdout.write(JSON.stringify(countBy(outcomes)) + '\n');
