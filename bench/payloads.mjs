// The single-call payloads of the benchmarks: bench/run.mjs times them
// against the peers, tools/validate_loop.mjs runs them for instruction
// counts. The Fxiaoke updateMember and Ekuaibao updateStaff doc examples
// (tests/fixtures) and a bad variant of each, with 10 and 6 errors.
// ROSTERGUARD_REPO points at the repository (default: the working directory).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = process.env.ROSTERGUARD_REPO ?? process.cwd();
export const FX = 'fxiaoke.updateMember';
export const EK = 'ekuaibao.updateStaff';
/** The input of a fixture file under tests/fixtures. */
export const fixture = (f) => JSON.parse(readFileSync(join(repo, 'tests/fixtures', f), 'utf8')).input;

export const fxDoc = fixture(`${FX}/seed.json`);
export const ekDoc = fixture(`${EK}/seed-by-id.json`);
export const fxBad = structuredClone(fxDoc);
Object.assign(fxBad.body.user, {
  gender: 'X', // enum
  email: 'bad@', // format
  hireDate: '2020-02-30', // format
  mainDepartmentId: -1, // range
  attachingDepartmentIds: [1, 1, -3], // duplicate, range
  openUserId: '', // empty (required)
  qq: true, // type
  nope: 1, // unknown_field
  birthDate: 'yesterday', // format
});
export const ekBad = structuredClone(ekDoc);
Object.assign(ekBad.body, {
  name: '  ', // empty (blank)
  cellphone: '123', // format
  email: 'bad@', // format
  departments: ['a', 'a'], // duplicate
  defaultDepartment: 'zz', // not_in (cross-field)
});
ekBad.body.staffCustomForm.other = 'x'; // unknown_field
/** How many errors each bad variant holds. */
export const CLAIMED = { fxBad: 10, ekBad: 6 };
