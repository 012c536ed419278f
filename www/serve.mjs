#!/usr/bin/env node
// A tiny static server for the demo page (node built-ins only). Serves
// www/ on 127.0.0.1 with the page's Content-Security-Policy: no inline
// script or style, no eval; WebAssembly compilation needs 'wasm-unsafe-eval'.
//
//   PORT=8080 node www/serve.mjs      (PORT=0 picks a free port)
//
// Prints "serving http://127.0.0.1:<port>/" once listening.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'";

const ROOT = dirname(fileURLToPath(import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

const HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

function send(res, status, text) {
  res.writeHead(status, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n');
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  } catch {
    return send(res, 400, 'bad request\n');
  }
  if (path.endsWith('/')) path += 'index.html';
  // Only plain names: no "..", no hidden files, no NUL; the server script itself is not served.
  const parts = path.split('/').slice(1);
  if (parts.some((p) => p === '' || p.startsWith('.') || p.includes('\0') || p.includes('\\'))) {
    return send(res, 404, 'not found\n');
  }
  const file = join(ROOT, ...parts);
  if (!file.startsWith(ROOT + sep) || file === join(ROOT, 'serve.mjs')) return send(res, 404, 'not found\n');
  const type = TYPES[extname(file)];
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return send(res, 404, 'not found\n');
  }
  if (!stat.isFile() || type === undefined) return send(res, 404, 'not found\n');
  res.writeHead(200, { ...HEADERS, 'Content-Type': type, 'Content-Length': stat.size });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
}

/** Starts the server; resolves with it once listening. */
export function start(port = 8080, host = '127.0.0.1') {
  const server = createServer(handle);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = process.env.PORT === undefined || process.env.PORT === '' ? 8080 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: PORT must be an integer 0-65535, not ${JSON.stringify(process.env.PORT)}`);
    process.exit(2);
  }
  try {
    statSync(join(ROOT, 'pkg', 'web.js'));
  } catch {
    console.error('serve: www/pkg/ is missing: run `make www` (it builds the package first)');
    process.exit(1);
  }
  start(port).then(
    (server) => console.log(`serving http://127.0.0.1:${server.address().port}/ (Ctrl-C to stop)`),
    (e) => {
      console.error(`serve: ${e.message}`);
      process.exit(1);
    },
  );
}
