// `make demo` (JS part): a bulk-sync script as a customer would write it
// with the installed npm package. It validates a small batch of staff
// changes per vendor, prints the problems in Chinese for the HR team, and
// prints the requests it would send (tokens masked; nothing is sent).
import { buildRequest, endpoints, redact, validate } from 'rosterguard';

const FXIAOKE = { corpAccessToken: 'FX-TOKEN-0001', corpId: 'FSCID_0001' };
const DINGTALK_TOKEN = 'DT-TOKEN-0001';
const EKUAIBAO_TOKEN = 'EKB-TOKEN-0001';

// Rows as an HR export would give them (some of them wrong).
const batch = [
  {
    who: '王五 (纷享销客)',
    endpoint: 'fxiaoke.updateMember',
    input: {
      body: {
        ...FXIAOKE,
        user: { openUserId: 'FSUID_A1', name: '王五', gender: 'M', email: 'wangwu@example.com', mainDepartmentId: 1001 },
      },
    },
  },
  {
    who: '李雷 (纷享销客)',
    endpoint: 'fxiaoke.updateMember',
    input: {
      body: {
        ...FXIAOKE,
        user: { openUserId: 'FSUID_A2', gender: '男', email: 'lilei at example.com', attachingDepartmentIds: [1, 1] },
      },
    },
  },
  {
    who: '停用两名员工 (纷享销客)',
    endpoint: 'fxiaoke.setMemberStatusBatch',
    input: { body: { ...FXIAOKE, openUserIds: ['FSUID_A3', 'FSUID_A4'], status: 2 } },
  },
  {
    who: '韩梅梅 (钉钉花名册)',
    endpoint: 'dingtalk.updateEmployeeRoster',
    input: {
      query: { access_token: DINGTALK_TOKEN },
      body: {
        agentid: 123456,
        param: {
          userid: 'manager4220',
          groups: [
            {
              group_id: 'sys02',
              sections: [{ old_index: 0, section: [{ field_code: 'sys02-birthTime', value: '1990-02-30' }] }],
            },
          ],
        },
      },
    },
  },
  {
    who: '赵六 (易快报)',
    endpoint: 'ekuaibao.updateStaff',
    input: {
      path: { staffId: 'JOYbpjPP-E2Q00:IIEbwYgR2E5M00' },
      query: { accessToken: EKUAIBAO_TOKEN },
      body: { name: '赵六', cellphone: '+852 1234 5678', departments: ['D1', 'D2'], defaultDepartment: 'D2' },
    },
  },
  {
    who: '钱七 (易快报)',
    endpoint: 'ekuaibao.updateStaff',
    input: {
      path: { staffId: '00007' },
      query: { accessToken: EKUAIBAO_TOKEN, type: 'code' },
      body: { name: ' ', email: '', defaultDepartment: 'D9', modifyAccountPhone: true },
    },
  },
];

const titles = new Map(endpoints().map((e) => [e.id, e.titleZh || e.title]));
let ready = 0;
for (const row of batch) {
  console.log(`== ${row.who}  [${titles.get(row.endpoint)}]`);
  const report = validate(row.endpoint, row.input, { locale: 'zh-CN' });
  for (const e of report.errors) console.log(`   错误  ${e.path.padEnd(44)} ${e.message}`);
  for (const w of report.warnings) console.log(`   提示  ${w.path.padEnd(44)} ${w.message}`);
  if (report.ok) {
    const req = redact(buildRequest(row.endpoint, row.input));
    console.log(`   -> fetch(${JSON.stringify(req.url)}, { method: ${JSON.stringify(req.method)}, headers, body })`);
    console.log(`      body ${req.body}`);
    ready++;
  } else {
    console.log(`   -> 未生成请求：${report.errors.length} 个错误`);
  }
  console.log();
}
console.log(`${ready} / ${batch.length} 条可以发送。`);
