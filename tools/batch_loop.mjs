// A fixed loop of buildMany over the batch benchmark's generated Ekuaibao
// staff records (bench/records.mjs), for instruction counts that do not
// depend on the machine's load:
//
//   valgrind --tool=callgrind node --single-threaded tools/batch_loop.mjs pkg 2000 12
//
// minus the same with 2 runs, divided by 10 × 2000, is the cost of a record
// (--single-threaded: no background compiles or GC threads, so reruns agree
// within ~1.5 %). Usage: node tools/batch_loop.mjs <package dir> <records> <runs>
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { staff } from '../bench/records.mjs';

const [pkgDir, records, runs] = process.argv.slice(2);
const rg = await import(pathToFileURL(resolve(pkgDir, 'node.mjs')).href);
const text = JSON.stringify(Array.from({ length: Number(records) }, (_, i) => staff(i)));
let sink = 0;
for (let r = 0; r < Number(runs); r++) {
  const out = rg.buildMany('ekuaibao.updateStaff', text);
  sink += out.length + out[out.length - 1].request.body.length;
}
console.log(sink);
