// Typed usage of rosterguard/sync and rosterguard/mock, checked by
// `tsc --noEmit --strict` (make test-pkg).
import { sync, type SyncOptions, type SyncOutcome } from 'rosterguard/sync';
import { startMockVendor, type MockStats, type MockVendor } from 'rosterguard/mock';

export async function main(records: unknown[], log: (...a: unknown[]) => void): Promise<number> {
  const mock: MockVendor = await startMockVendor({ endpoint: 'dingtalk.updateEmployeeRoster', faults: { rate: 0.2 }, port: 0 });
  const options: SyncOptions = {
    baseUrl: mock.url,
    concurrency: 8,
    ratePerSecond: 20,
    maxAttempts: 5,
    getToken: async () => 'token',
    journal: 'sync.ndjson',
    state: 'sync.state',
    dryRun: false,
    timeoutMs: 30000,
  };
  let failed = 0;
  for await (const o of sync('dingtalk.updateEmployeeRoster', records, options)) {
    const outcome: SyncOutcome = o;
    if (outcome.status === 'failed') {
      failed++;
      log(outcome.index, outcome.attempts, outcome.reply.message, outcome.reply.tokenExpired);
      const reason: 'quota' | 'permission' | null = outcome.reply.reason;
      log(reason, outcome.reply.alreadyExists, outcome.reply.notFound);
    } else if (outcome.status === 'invalid') {
      log(outcome.report.errors.length);
    } else if (outcome.status === 'sent') {
      const earlier: true | undefined = outcome.appliedEarlier;
      log(earlier);
    } else if (outcome.status === 'unchanged' || outcome.status === 'planned') {
      log(outcome.attempts);
    }
  }
  const stats: MockStats = mock.stats();
  log(stats.maxInAnySecond, stats.keys['u1']?.updates, stats.created, stats.fieldRates[0]?.minGapMs, stats.users.length);
  await startMockVendor({ endpoint: 'wecom.updateUser', users: ['a'], faults: { kinds: ['lost', 'late'] } });
  await mock.close();
  // @ts-expect-error unknown endpoint ids are a type error
  sync('wecom.nope', []);
  // @ts-expect-error options are typed
  sync('dingtalk.updateEmployeeRoster', [], { concurrency: 'many' });
  // @ts-expect-error dryRun is a boolean
  sync('dingtalk.updateEmployeeRoster', [], { dryRun: 'yes' });
  // @ts-expect-error fault kinds are typed
  await startMockVendor({ endpoint: 'ekuaibao.updateStaff', faults: { kinds: ['meteor'] } });
  return failed;
}
