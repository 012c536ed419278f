// A fixed loop of validate on one of the benchmark's payloads
// (bench/payloads.mjs: fxDoc, ekDoc, fxBad, ekBad), for instruction counts
// that do not depend on the machine's load:
//
//   valgrind --tool=callgrind node --single-threaded tools/validate_loop.mjs pkg ekDoc 120000
//
// minus the same with 40000, divided by 80000, is the cost of a call (every
// run first makes 20 000 calls, so that both are measured warm, the input
// keys read and the code optimised). Shorter differences (40000 - 20000)
// moved by several per cent between reruns (GC timing; BENCHMARKS.md): run
// each package more than once. Usage, from the repository:
// node tools/validate_loop.mjs <package dir> <payload> <calls>
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as payloads from '../bench/payloads.mjs';

const [pkgDir, name, calls] = process.argv.slice(2);
const rg = await import(pathToFileURL(resolve(pkgDir, 'node.mjs')).href);
const id = name.startsWith('fx') ? payloads.FX : payloads.EK;
const input = payloads[name];
if (input === undefined) throw new Error(`no payload ${name}: fxDoc, ekDoc, fxBad or ekBad`);
let sink = 0;
for (let i = 0; i < 20_000 + Number(calls); i++) sink += rg.validate(id, input).errors.length;
console.log(sink);
