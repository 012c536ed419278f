// The cross-field rules of ekuaibao.updateStaff (src/vendors/ekuaibao.rs
// CROSS_RULES), in plain JS for the ajv peer; zod and valibot state the
// same rules in their own refinement forms. A value that is absent or null
// counts as not sent (rosterguard drops null).

const sent = (v) => v !== undefined && v !== null;

/** [pointer, code] of each broken rule, in rosterguard's order. */
export function ekuaibaoCross(body) {
  const out = [];
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return out;
  const hasDepts = sent(body.departments);
  const hasDefault = sent(body.defaultDepartment);
  // departments and defaultDepartment together or not at all; the error is at the missing one.
  if (hasDepts && !hasDefault) out.push(['/body/defaultDepartment', 'together']);
  if (hasDefault && !hasDepts) out.push(['/body/departments', 'together']);
  // defaultDepartment is one of departments.
  if (hasDepts && hasDefault && Array.isArray(body.departments) && !body.departments.includes(body.defaultDepartment)) {
    out.push(['/body/defaultDepartment', 'not_in']);
  }
  // modifyAccountPhone / modifyAccountEmail true need the value they make the login.
  if (body.modifyAccountPhone === true && !sent(body.cellphone)) out.push(['/body/cellphone', 'required']);
  if (body.modifyAccountEmail === true && !sent(body.email)) out.push(['/body/email', 'required']);
  return out;
}
