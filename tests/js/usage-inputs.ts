// [metadata] The generated per-endpoint input types (from the Rust field
// tables via typescript_definitions()): doc-like inputs type-check, wrong
// enum / boolean values do not.
import { buildRequest, type InputFor } from 'rosterguard';

const staff: InputFor['ekuaibao.updateStaff'] = {
  path: { staffId: 'JOYbpjPP-E2Q00:IIEbwYgR2E5M00' },
  query: { accessToken: 'token' },
  body: { name: '赵六', departments: ['d1'], defaultDepartment: 'd1', modifyAccountPhone: false },
};
buildRequest('ekuaibao.updateStaff', staff);

buildRequest('fxiaoke.setMemberStatusBatch', {
  body: { corpAccessToken: 't', corpId: 'c', openUserIds: ['u1'], status: 1 },
});

buildRequest('fxiaoke.updateMember', {
  // @ts-expect-error gender is M or F
  body: { corpAccessToken: 't', corpId: 'c', user: { openUserId: 'u', gender: 'X' } },
});

buildRequest('fxiaoke.setMemberStatusBatch', {
  // @ts-expect-error status is 1 or 2
  body: { corpAccessToken: 't', corpId: 'c', openUserIds: ['u1'], status: 3 },
});

buildRequest('ekuaibao.updateStaff', {
  path: { staffId: 's' },
  query: { accessToken: 't' },
  // @ts-expect-error modifyAccountPhone is a boolean
  body: { name: 'x', modifyAccountPhone: 'yes' },
});
