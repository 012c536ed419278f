// Child process of the sync tests: one sync run against the mock at
// argv[2] with a file argv[3] given as the option $RG_FILE_OPTION (journal,
// the default, or state), N = argv[4] DingTalk records, token from
// $RG_TOKEN. With $RG_HOLD set it sends one record and then waits for its
// input forever (a run that holds its files). Prints the outcome counts as
// JSON when it finishes.
import { sync } from 'rosterguard/sync';
import { countBy, dingtalk, localFetch } from './sync-helpers.mjs';

const [url, file, n] = process.argv.slice(2);
const option = process.env.RG_FILE_OPTION ?? 'journal';
const records = process.env.RG_HOLD
  ? (async function* () {
      yield dingtalk(0);
      process.stdout.write('holding\n');
      await new Promise(() => setInterval(() => {}, 1000));
    })()
  : (function* () {
      for (let i = 0; i < Number(n); i++) yield dingtalk(i);
    })();
const outcomes = [];
for await (const o of sync('dingtalk.updateEmployeeRoster', records, {
  fetch: localFetch,
  baseUrl: url,
  [option]: file,
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
