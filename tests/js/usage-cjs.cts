// The same package through require() (index.d.cts).
import rg = require('rosterguard');

export const n: number = rg.endpoints().length;
export const ok: boolean = rg.validate('fxiaoke.updateMember', {}).ok;
export const isErr = (e: unknown): boolean => e instanceof rg.RosterguardError;
