// A fixed loop of buildMany over generated Ekuaibao staff records (the
// records of bench/run.mjs's `staff(i)`), for instruction counts that do not
// depend on the machine's load:
//
//   valgrind --tool=callgrind node --single-threaded tools/batch_loop.mjs pkg 2000 12
//
// minus the same with 2 runs, divided by 10 × 2000, is the cost of a record
// (--single-threaded: no background compiles or GC threads, so reruns agree
// within ~1.5 %). Usage: node tools/batch_loop.mjs <package dir> <records> <runs>
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkgDir, records, runs] = process.argv.slice(2);
const rg = await import(pathToFileURL(resolve(pkgDir, 'node.mjs')).href);
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '勇', '军', '杰'];
const DEPTS = ['xgJ3wajigF25H0', 'xgJ3wajigF25H1', 'xgJ3wajigF25H2', 'xgJ3wajigF25H3'];
function staff(i) {
  const dept = DEPTS[i % DEPTS.length];
  return {
    path: { staffId: `JOYbpjPP-E2Q00:${i.toString(36).padStart(8, '0')}` },
    query: { accessToken: 'ID_3D5RavktZRM:xgJ3wajigF25H0' },
    body: {
      name: SURNAMES[i % SURNAMES.length] + GIVEN[i % GIVEN.length] + GIVEN[(i >> 4) % GIVEN.length],
      cellphone: `155${String(10_000_000 + i).padStart(8, '0')}`,
      email: `staff${i}@example.com`,
      code: `E${i}`,
      defaultDepartment: dept,
      departments: i % 3 === 0 ? [dept, DEPTS[(i + 1) % DEPTS.length]] : [dept],
      modifyAccountPhone: false,
      staffCustomForm: { rankType: 'ID_3D5RavktTRM', base: '[{"key":"8","label":"北京市/海淀区"}]' },
    },
  };
}
const text = JSON.stringify(Array.from({ length: Number(records) }, (_, i) => staff(i)));
let sink = 0;
for (let r = 0; r < Number(runs); r++) {
  const out = rg.buildMany('ekuaibao.updateStaff', text);
  sink += out.length + out[out.length - 1].request.body.length;
}
console.log(sink);
