// A bulk sync as a customer would write it with the installed npm package:
// DingTalk roster updates read from an NDJSON export, sent at the documented
// rate with retries, the token from the environment, a journal so that a
// rerun after a crash sends nothing twice.
//
//   DINGTALK_TOKEN=… node bulk-sync.mjs roster.ndjson [journal.ndjson]
//
// Without DINGTALK_TOKEN it runs against rosterguard/mock on 127.0.0.1 with
// 20 % injected faults, so that it can be tried anywhere.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { sync } from 'rosterguard/sync';
import { startMockVendor } from 'rosterguard/mock';

const ENDPOINT = 'dingtalk.updateEmployeeRoster';
const [file, journal = 'bulk-sync.journal.ndjson'] = process.argv.slice(2);

/** One record per line, streamed: memory stays flat however long the file is. */
async function* readNdjson(path) {
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (line.trim()) yield JSON.parse(line);
  }
}
/** Demo records when no file is given. */
function* demoRecords(n) {
  for (let i = 0; i < n; i++) {
    yield {
      body: {
        agentid: 123456,
        param: {
          userid: `user${i}`,
          groups: [{ group_id: 'sys02', sections: [{ old_index: 0, section: [{ field_code: 'sys02-birthTime', value: i === 3 ? '1990-02-30' : '1990-02-03' }] }] }],
        },
      },
    };
  }
}

const mock = process.env.DINGTALK_TOKEN ? undefined : await startMockVendor({ endpoint: ENDPOINT, faults: { rate: 0.2, slowMs: 1500 } });
const counts = { sent: 0, invalid: 0, failed: 0, skipped: 0 };
for await (const o of sync(ENDPOINT, file ? readNdjson(file) : demoRecords(60), {
  baseUrl: mock?.url, // undefined: the vendor's own host
  journal,
  concurrency: 4,
  timeoutMs: mock ? 1000 : 30000,
  getToken: async () => process.env.DINGTALK_TOKEN ?? 'demo-token', // called again when the token expires
})) {
  counts[o.status]++;
  if (o.status === 'invalid') console.log(`#${o.index} not sent:`, o.report.errors.map((e) => `${e.path} ${e.message}`).join('; '));
  if (o.status === 'failed') console.log(`#${o.index} failed after ${o.attempts} attempts: ${o.reply.message}`);
}
console.log(counts);
if (mock) {
  console.log(`mock vendor: ${mock.stats().requests} requests, max ${mock.stats().maxInAnySecond} in one second`);
  await mock.close();
}
