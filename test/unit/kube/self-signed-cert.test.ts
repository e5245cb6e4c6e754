// The forward pair's certificate, made with node:crypto and a small DER encoder: it parses as
// X.509 v3, is its own CA, names the aggregator's Service, matches its key, and a real TLS
// handshake (OpenSSL under Node, as under Ruby) trusts exactly it and checks the host name.
import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { connect, createServer, type TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { selfSignedCert } from '../../../src/kube/self-signed-cert';
import { aggregatorDnsNames } from '../../../src/kube/workload-env';

const names = aggregatorDnsNames('logging');
const pair = selfSignedCert({ commonName: names[0], dnsNames: [...names, 'localhost'] });

/** Connects to a TLS server with `pair`, trusting `ca`, checking `servername`; resolves with the error, if any. */
async function handshake(ca: string, servername: string): Promise<Error | undefined> {
  const server = createServer({ key: pair.key, cert: pair.cert }, (s) => s.end('ok'));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise<Error | undefined>((resolve) => {
      const socket: TLSSocket = connect({ host: '127.0.0.1', port, ca, servername }, () => {
        socket.end();
        resolve(undefined);
      });
      socket.on('error', (e) => resolve(e));
    });
  } finally {
    server.close();
  }
}

describe('self-signed certificate', () => {
  it('is an X.509 v3 CA certificate for the aggregator’s names, valid now for five years', () => {
    const x = new X509Certificate(pair.cert);
    assert.equal(x.subject, `CN=${names[0]}`);
    assert.equal(x.issuer, x.subject);
    assert.equal(x.ca, true);
    assert.ok(x.verify(x.publicKey), 'self-signed: verified by its own key');
    assert.ok(x.checkPrivateKey(createPrivateKey(pair.key)), 'the key is the certificate’s');
    assert.equal(x.subjectAltName, [...names, 'localhost'].map((n) => `DNS:${n}`).join(', '));
    for (const n of names) assert.equal(x.checkHost(n), n);
    assert.equal(x.checkHost('fluentd-aggregator.other.svc'), undefined);
    const from = new Date(x.validFrom).getTime();
    const to = new Date(x.validTo).getTime();
    assert.ok(from <= Date.now() && Date.now() < to);
    assert.ok(Math.abs((to - from) / 86_400_000 - (5 * 365 + 1 / 24)) < 1);
    assert.match(pair.key, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.notEqual(selfSignedCert({ commonName: 'x', dnsNames: ['x'] }).key, pair.key, 'a new key each time');
  });

  it('uses GeneralizedTime from 2050 on, as RFC 5280 requires', () => {
    const late = new X509Certificate(
      selfSignedCert({ commonName: 'x', dnsNames: ['x'], now: new Date('2049-06-01T00:00:00Z'), days: 365 }).cert,
    );
    assert.equal(new Date(late.validTo).getUTCFullYear(), 2050);
  });

  it('a TLS client that trusts it connects when the host name matches, and only then', async () => {
    assert.equal(await handshake(pair.cert, 'localhost'), undefined);
    const wrongName = await handshake(pair.cert, 'elsewhere.example.com');
    assert.match(String(wrongName), /altnames|Hostname\/IP does not match/);
    const other = selfSignedCert({ commonName: 'localhost', dnsNames: ['localhost'] });
    const untrusted = await handshake(other.cert, 'localhost');
    assert.ok(untrusted, 'a client trusting another certificate refuses this one');
  });
});
