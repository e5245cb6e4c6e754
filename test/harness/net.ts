// Network helpers shared by the test harnesses (moto, kube-apiserver, code-server).
import * as http from 'node:http';
import * as https from 'node:https';
import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, read back, released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * GET a URL (http or https, optionally trusting `ca`); resolves with the status and body, or with
 * undefined when nothing answers within `timeoutMs`. Never rejects: it is a readiness probe.
 */
export function httpGet(
  url: string,
  opts: { ca?: Buffer; timeoutMs?: number } = {},
): Promise<{ status: number; body: string } | undefined> {
  return new Promise((res) => {
    const mod = url.startsWith('https:') ? https : http;
    const req = mod.get(url, { ca: opts.ca, timeout: opts.timeoutMs ?? 5000 }, (r) => {
      let body = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (body += c));
      r.on('end', () => res({ status: r.statusCode ?? 0, body }));
      r.on('error', () => res(undefined));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => res(undefined));
  });
}
