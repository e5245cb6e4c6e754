// A self-signed X.509 certificate for the forward pair's TLS, made locally with node:crypto.
//
// Why hand-written: node:crypto makes the key pair and the signature but has no API to issue a
// certificate; the only missing piece is the DER encoding of one fixed structure (RFC 5280
// TBSCertificate), about a hundred lines that tests check with Node's own X509Certificate and a
// real TLS handshake. The alternatives were node-forge (a 1.6 MB pure-JS crypto library, with
// its own history of signature-verification CVEs) or the `openssl` binary (not on every user's
// machine, and a process to run). Neither is worth one certificate.
//
// The certificate is its own CA (basicConstraints CA:TRUE, keyCertSign) so that clients can
// trust exactly it (`tls_cert_path` of out_forward) and check the host name against its
// subjectAltName DNS names.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

export interface SelfSignedCert {
  /** PEM certificate (also the CA the clients trust). */
  cert: string;
  /** PEM PKCS#8 private key. */
  key: string;
}

export interface CertOptions {
  commonName: string;
  /** subjectAltName DNS names (host names clients will verify). */
  dnsNames: string[];
  /** Validity from now (an hour of clock skew is allowed before). Default 5 years. */
  days?: number;
  /** Default now; for tests. */
  now?: Date;
}

// --- DER, as much as a certificate needs ---
function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let x = n; x > 0; x = Math.floor(x / 256)) bytes.unshift(x & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, ...content: Buffer[]) => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const seq = (...items: Buffer[]) => tlv(0x30, ...items);
const set = (...items: Buffer[]) => tlv(0x31, ...items);
const explicit = (n: number, inner: Buffer) => tlv(0xa0 + n, inner);
const nul = () => Buffer.from([0x05, 0x00]);
const bool = (v: boolean) => Buffer.from([0x01, 0x01, v ? 0xff : 0x00]);
const octets = (b: Buffer) => tlv(0x04, b);
const bits = (b: Buffer, unused = 0) => tlv(0x03, Buffer.from([unused]), b);
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));

function integer(b: Buffer): Buffer {
  // positive and minimal: no leading zero bytes, one zero byte if the high bit is set
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const v = b.subarray(i);
  return tlv(0x02, v[0] & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const n of rest) {
    const chunk: number[] = [n & 0x7f];
    for (let x = Math.floor(n / 128); x > 0; x = Math.floor(x / 128)) chunk.unshift(0x80 | (x & 0x7f));
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime until 2049, GeneralizedTime from 2050 (RFC 5280 4.1.2.5). */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z'; // YYYYMMDDHHMMSSZ
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2), 'ascii')) : tlv(0x18, Buffer.from(iso, 'ascii'));
}

const OID = {
  sha256WithRSA: '1.2.840.113549.1.1.11',
  commonName: '2.5.4.3',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

const extension = (id: string, critical: boolean, value: Buffer) => seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

/** The subjectPublicKey bits of a DER SubjectPublicKeyInfo (for the key identifier). */
function publicKeyBits(spki: Buffer): Buffer {
  // SEQUENCE { AlgorithmIdentifier, BIT STRING }: skip the outer header and the algorithm
  const skipHeader = (b: Buffer, at: number) => {
    const l = b[at + 1];
    return l < 0x80 ? at + 2 : at + 2 + (l & 0x7f);
  };
  const contentLength = (b: Buffer, at: number) => {
    const l = b[at + 1];
    if (l < 0x80) return l;
    let n = 0;
    for (let i = 0; i < (l & 0x7f); i++) n = n * 256 + b[at + 2 + i];
    return n;
  };
  const algo = skipHeader(spki, 0);
  const bitString = skipHeader(spki, algo) + contentLength(spki, algo);
  return spki.subarray(skipHeader(spki, bitString) + 1);
}

export function selfSignedCert(opts: CertOptions): SelfSignedCert {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const now = opts.now ?? new Date();
  const notBefore = new Date(now.getTime() - 3600_000);
  const notAfter = new Date(now.getTime() + (opts.days ?? 5 * 365) * 86_400_000);
  const name = seq(set(seq(oid(OID.commonName), utf8(opts.commonName))));
  const algorithm = seq(oid(OID.sha256WithRSA), nul());
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  const san = seq(...opts.dnsNames.map((n) => tlv(0x82, Buffer.from(n, 'ascii'))));
  const extensions = seq(
    extension(OID.basicConstraints, true, seq(bool(true))),
    // digitalSignature (bit 0), keyEncipherment (bit 2), keyCertSign (bit 5): 1010 0100, 2 unused bits
    extension(OID.keyUsage, true, bits(Buffer.from([0xa4]), 2)),
    extension(OID.extKeyUsage, false, seq(oid(OID.serverAuth), oid(OID.clientAuth))),
    extension(OID.subjectAltName, false, san),
    extension(OID.subjectKeyIdentifier, false, octets(createHash('sha1').update(publicKeyBits(spki)).digest())),
  );
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    algorithm,
    name,
    seq(time(notBefore), time(notAfter)),
    name,
    spki,
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, algorithm, bits(signature));
  const pem = (label: string, body: Buffer) =>
    `-----BEGIN ${label}-----\n${body
      .toString('base64')
      .match(/.{1,64}/g)!
      .join('\n')}\n-----END ${label}-----\n`;
  return { cert: pem('CERTIFICATE', der), key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}
