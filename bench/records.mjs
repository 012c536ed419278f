// The generated Ekuaibao staff records of the batch benchmarks: bench/run.mjs
// (throughput and memory) and tools/batch_loop.mjs (instruction counts)
// time the same records.
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '勇', '军', '杰'];
const DEPTS = ['xgJ3wajigF25H0', 'xgJ3wajigF25H1', 'xgJ3wajigF25H2', 'xgJ3wajigF25H3'];
/** The i-th record: an `updateStaff` input, valid, with Chinese text. */
export function staff(i) {
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
