// Type-checks the generated declarations (rosterguard::typescript_definitions(),
// written to ./rosterguard-types.d.ts next to this file) with `tsc --noEmit --strict`:
// the seed examples type-check, wrong values do not. See tests/meta/README.md.
import type {
  AnyInput,
  DingtalkUpdateEmployeeRosterInput,
  EkuaibaoUpdateStaffInput,
  EndpointId,
  FxiaokeSetMemberStatusBatchInput,
  FxiaokeUpdateMemberInput,
  InputFor,
} from './rosterguard-types';

export const member: FxiaokeUpdateMemberInput = {
  body: {
    corpAccessToken: '{corpAccessToken}',
    corpId: '{corpId}',
    user: {
      qq: '45682156',
      hireDate: '1504173600000',
      gender: 'M',
      attachingDepartmentIds: [1, 2, 3],
      mobile: '15845698456',
      fullName: 'xxx-fullName',
      openUserId: 'fsuid_openId2',
      birthDate: '1504627199000',
      employeeNumber: '168XXXX123',
      leaderId: 'FSUID_XXXXXXXXXXXXXXXXXXX',
      weixin: '15010478956',
      name: 'xx-name',
      position: '经理',
      account: '',
      email: 'xxx@fxiaoke.com',
      startWorkDate: '1504173600000',
      mainDepartmentId: '',
    },
  },
};

export const status: InputFor['fxiaoke.setMemberStatusBatch'] = {
  query: { thirdTraceId: 'rg-demo-trace-0001' },
  body: { corpAccessToken: 't', corpId: 'c', openUserIds: ['openUserId1', 'openUserId2'], status: 1 },
};

export const roster: DingtalkUpdateEmployeeRosterInput = {
  query: { access_token: 'af21axxx' },
  body: {
    agentid: '23470561',
    param: {
      userid: 'user456',
      groups: [
        {
          group_id: 'sys03',
          sections: [
            { old_index: 0, section: [{ field_code: 'sys03-highestEdu', value: '1' }] },
            { section: [{ field_code: 'sys03-graduationTime', value: '2020-09-01' }] },
          ],
        },
      ],
    },
  },
};

export const staff: EkuaibaoUpdateStaffInput = {
  path: { staffId: 'JOYbpjPP-E2Q00:IIEbwYgR2E5M00' },
  query: { accessToken: 'ID_3D5RavktZRM:xgJ3wajigF25H0', type: 'code' },
  body: {
    name: '赵六',
    nickName: '老六',
    code: '',
    cellphone: '15588881010',
    email: '15588881010@163.com',
    note: 'Id修改',
    defaultDepartment: 'xgJ3wajigF25H0',
    departments: ['xgJ3wajigF25H0'],
    modifyAccountPhone: false,
    modifyAccountEmail: false,
    staffCustomForm: {
      rankType: 'ID_3D5RavktTRM',
      postType: 'ID_3D5RavktVRM',
      base: [{ key: '8', label: '北京市/海淀区' }],
      u_张国阳001: 'ID_3yrzERx1pf0',
    },
  },
};

export const ids: EndpointId[] = ['fxiaoke.updateMember', 'fxiaoke.setMemberStatusBatch', 'dingtalk.updateEmployeeRoster', 'ekuaibao.updateStaff'];
export const any: AnyInput[] = [member, status, roster, staff];
export function inputFor<K extends EndpointId>(_id: K, input: InputFor[K]): InputFor[K] {
  return input;
}
inputFor('ekuaibao.updateStaff', staff);

// Wrong values must not type-check.
// @ts-expect-error gender is M or F
export const badGender: FxiaokeUpdateMemberInput = { body: { corpAccessToken: 't', corpId: 'c', user: { openUserId: 'u', gender: 'X' } } };
// @ts-expect-error status is 1 or 2
export const badStatus: FxiaokeSetMemberStatusBatchInput = { body: { corpAccessToken: 't', corpId: 'c', openUserIds: ['u'], status: 3 } };
// @ts-expect-error body.user is required
export const noUser: FxiaokeUpdateMemberInput = { body: { corpAccessToken: 't', corpId: 'c' } };
// @ts-expect-error unknown body field
export const unknownField: EkuaibaoUpdateStaffInput = { path: { staffId: 's' }, query: { accessToken: 't' }, body: { name: 'n', nmae: 'typo' } };
// @ts-expect-error custom keys start with u_
export const badCustom: EkuaibaoUpdateStaffInput = { path: { staffId: 's' }, query: { accessToken: 't' }, body: { name: 'n', staffCustomForm: { x_1: 'v' } } };
// @ts-expect-error type is id or code
export const badType: EkuaibaoUpdateStaffInput = { path: { staffId: 's' }, query: { accessToken: 't', type: 'name' }, body: { name: 'n' } };
// @ts-expect-error modifyAccountPhone is a boolean
export const badFlag: EkuaibaoUpdateStaffInput = { path: { staffId: 's' }, query: { accessToken: 't' }, body: { name: 'n', modifyAccountPhone: 'true' } };
// @ts-expect-error email is a string
export const badEmail: EkuaibaoUpdateStaffInput = { path: { staffId: 's' }, query: { accessToken: 't' }, body: { name: 'n', email: 1 } };
// @ts-expect-error the path section is required
export const noPath: EkuaibaoUpdateStaffInput = { query: { accessToken: 't' }, body: { name: 'n' } };
// @ts-expect-error not an endpoint id
export const badId: EndpointId = 'nosuch.updateUser';
