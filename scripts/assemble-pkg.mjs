#!/usr/bin/env node
// Assembles the npm package in pkg/ from wasm-pack's outputs and the
// hand-written files in pkg-template/ (run by `make pkg`).
//
//   node scripts/assemble-pkg.mjs <web-out> <node-out> <optimised.wasm> <inputs.d.ts>
//
// <web-out>, <node-out>: wasm-pack --target web / nodejs output folders;
// <optimised.wasm>: the module after wasm-opt (both targets use the same
// bytes); <inputs.d.ts>: rosterguard::typescript_definitions() output.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [webOut, nodeOut, wasmFile, inputsFile] = process.argv.slice(2);
if (!inputsFile) {
  console.error('usage: assemble-pkg.mjs <web-out> <node-out> <optimised.wasm> <inputs.d.ts>');
  process.exit(2);
}
const tpl = join(root, 'pkg-template');
const out = join(root, 'pkg');
const fail = (msg) => {
  console.error(`assemble-pkg: ${msg}`);
  process.exit(1);
};

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'web'), { recursive: true });
mkdirSync(join(out, 'node'), { recursive: true });

// wasm-bindgen glue and the optimised module.
copyFileSync(join(webOut, 'rosterguard.js'), join(out, 'web/rosterguard.js'));
// The package is "type": "module", so the CommonJS Node glue needs .cjs.
copyFileSync(join(nodeOut, 'rosterguard.js'), join(out, 'node/rosterguard.cjs'));
copyFileSync(wasmFile, join(out, 'web/rosterguard_bg.wasm'));
copyFileSync(wasmFile, join(out, 'node/rosterguard_bg.wasm'));

// Hand-written files.
for (const f of ['web.js', 'node.cjs', 'node.mjs', 'api.js', 'README.md']) {
  copyFileSync(join(tpl, f), join(out, f));
}

// api.cjs: the same code as api.js for require(), so that the template
// holds it once. The ESM file has only top-level `export function|class`.
const apiEsm = readFileSync(join(tpl, 'api.js'), 'utf8');
const exported = [...apiEsm.matchAll(/^export (?:function|class) (\w+)/gm)].map((m) => m[1]);
let apiCjs = apiEsm.replace(/^export (function|class) /gm, '$1 ');
if (/^\s*(import|export)\b/m.test(apiCjs)) fail('api.js may only use `export function` / `export class`');
apiCjs = `'use strict';\n${apiCjs}\nmodule.exports = { ${exported.join(', ')} };\n`;
writeFileSync(join(out, 'api.cjs'), apiCjs);

// package.json with the crate's version.
const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8');
const version = /^version = "([^"]+)"/m.exec(cargo)?.[1] ?? fail('no version in Cargo.toml');
const pkg = JSON.parse(readFileSync(join(tpl, 'package.json'), 'utf8'));
pkg.version = version;
writeFileSync(join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');

// Types: the hand-written API plus the generated per-endpoint inputs.
let inputs = readFileSync(inputsFile, 'utf8');
if (!/\binterface InputFor\b/.test(inputs) || !/\btype EndpointId\b/.test(inputs)) {
  // typescript_definitions() does not provide the id -> input map (yet):
  // fall back to a loose envelope so that the package still type-checks.
  console.warn('assemble-pkg: WARNING: typescript_definitions() lacks EndpointId / InputFor; using a loose fallback');
  const ids = createRequire(import.meta.url)(join(out, 'node.cjs')).endpoints().map((e) => e.id);
  inputs =
    '/** The endpoint ids. */\n' +
    `export type EndpointId = ${ids.map((id) => `'${id}'`).join(' | ')};\n` +
    '/** Fallback: the generated input types were not available at build time. */\n' +
    'export interface LooseInput {\n  baseUrl?: string;\n  path?: Record<string, unknown>;\n' +
    '  query?: Record<string, unknown>;\n  body: Record<string, unknown>;\n}\n' +
    `export interface InputFor {\n${ids.map((id) => `  '${id}': LooseInput;\n`).join('')}}\n`;
}
const dts = readFileSync(join(tpl, 'index.d.ts'), 'utf8') + '\n' + inputs.trim() + '\n';
writeFileSync(join(out, 'index.d.ts'), dts);
writeFileSync(join(out, 'index.d.cts'), dts);

// CSP: the glue must run under script-src 'self' 'wasm-unsafe-eval'.
for (const f of ['web/rosterguard.js', 'web.js', 'api.js']) {
  const text = readFileSync(join(out, f), 'utf8');
  if (/\beval\s*\(|\bFunction\s*\(/.test(text)) fail(`${f} uses eval or Function(): breaks a CSP without 'unsafe-eval'`);
}

// Every file listed in package.json exists.
for (const f of pkg.files) readFileSync(join(out, f));
console.log(`assemble-pkg: pkg/ ready (rosterguard ${version})`);
