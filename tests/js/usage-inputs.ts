// [metadata] The generated per-endpoint input types (from the Rust field
// tables via typescript_definitions()): a doc example type-checks, a wrong
// field type does not.
import { buildRequest, type EndpointInputs } from 'rosterguard';

const staff: EndpointInputs['ekuaibao.updateStaff'] = {
  path: { staffId: 'JOYbpjPP-E2Q00:IIEbwYgR2E5M00' },
  query: { accessToken: 'token' },
  body: { name: '赵六', departments: ['d1'], defaultDepartment: 'd1', modifyAccountPhone: false },
};
buildRequest('ekuaibao.updateStaff', staff);

buildRequest('fxiaoke.setMemberStatusBatch', {
  body: { corpAccessToken: 't', corpId: 'c', openUserIds: ['u1'], status: 1 },
});

buildRequest('ekuaibao.updateStaff', {
  path: { staffId: 's' },
  query: { accessToken: 't' },
  // @ts-expect-error name is a string
  body: { name: 42 },
});

buildRequest('dingtalk.updateEmployeeRoster', {
  query: { access_token: 't' },
  // @ts-expect-error agentid is a number
  body: { agentid: 'x', param: { userid: 'u', groups: [] } },
});
