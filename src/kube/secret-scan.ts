// Finds secrets written literally into files that are about to be packed into a ConfigMap (or
// into rendered manifests), where anyone who can read the namespace could read them. Findings
// name the file, the line and what was found — never the value.
//
// Hand-written scanners, no regular expressions over whole lines: every line is read a bounded
// number of times, so the cost is linear in the text (a backtracking pattern such as
// `\s+(\S.*?)\s*$` takes minutes on one 1 MiB line of spaces, and this runs before the deploy
// confirmation, in the extension host).

export interface SecretFinding {
  path: string;
  /** 1-based. */
  line: number;
  /** What was found, e.g. `aws_secret_access_key`, `a private key`, `an AWS access key id`. */
  what: string;
}

/** Keys whose value is a secret (compared lower-case, `-` read as `_`). */
const SECRET_KEYS = new Set([
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_key_id',
  'aws_sec_key',
  'access_key_id',
  'secret_access_key',
  'shared_key',
  'password',
  'passwd',
  'token',
  'access_token',
  'bearer_token',
  'id_token',
  'refresh_token',
  'api_key',
  'apikey',
  'secret_key',
  'client_secret',
  'client_key_data',
  'private_key',
  'private_key_passphrase',
]);
const SECRET_SUFFIXES = ['_password', '_token', '_secret', '_api_key', '_sec_key', '_secret_key'];

export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/-/g, '_');
  return SECRET_KEYS.has(k) || SECRET_SUFFIXES.some((s) => k.endsWith(s));
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d;
const isKeyChar = (c: number) =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d || c === 0x2e;
const isUpperAlnum = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
const isAlnum = (c: number) => isUpperAlnum(c) || (c >= 0x61 && c <= 0x7a);

/**
 * `key value`, `key: value`, `key = value` (Fluentd, YAML, INI — a credentials file or a
 * kubeconfig parses as a config too): the key and the value's bounds, or undefined.
 */
function keyValue(line: string, from: number, to: number): { key: string; valueStart: number; valueEnd: number } | undefined {
  let i = from;
  while (i < to && isSpace(line.charCodeAt(i))) i++;
  if (line.charCodeAt(i) === 0x2d && isSpace(line.charCodeAt(i + 1))) i += 2; // a YAML list item: `- token: …`
  while (i < to && isSpace(line.charCodeAt(i))) i++;
  const quote = line.charCodeAt(i) === 0x22 || line.charCodeAt(i) === 0x27 ? line.charCodeAt(i++) : 0;
  const keyStart = i;
  while (i < to && isKeyChar(line.charCodeAt(i))) i++;
  if (i === keyStart) return undefined;
  const key = line.slice(keyStart, i);
  if (quote && line.charCodeAt(i) === quote) i++;
  const afterKey = i;
  while (i < to && isSpace(line.charCodeAt(i))) i++;
  const sep = line.charCodeAt(i);
  if (sep === 0x3a || sep === 0x3d) i++;
  else if (i === afterKey) return undefined; // `keyvalue`: no separator at all
  while (i < to && isSpace(line.charCodeAt(i))) i++;
  let end = to;
  while (end > i && isSpace(line.charCodeAt(end - 1))) end--;
  return { key, valueStart: i, valueEnd: end };
}

/** A value that is really there: not empty, not a reference (`#{ENV…}`, `${…}`), not a comment. */
function isLiteral(line: string, start: number, end: number): boolean {
  let s = start;
  let e = end;
  const first = line.charCodeAt(s);
  if ((first === 0x22 || first === 0x27) && e - s >= 2 && line.charCodeAt(e - 1) === first) {
    s++;
    e--;
  }
  if (e <= s) return false;
  if (line.charCodeAt(s) === 0x23 && line.charCodeAt(s + 1) !== 0x7b) return false; // `# comment`
  const value = line.slice(s, e);
  if (value.includes('#{') || value.includes('${')) return false;
  // YAML block scalars, null and empty-ish markers carry no secret on this line
  return !['|', '>', '|-', '>-', '~', 'null', 'nil', '""', "''"].includes(value);
}

/**
 * indexOf with memory: the scan asks for each needle at positions that only grow, so a position
 * found once (even lines ahead) answers every later question up to it. Without this, each line
 * would search to the end of the file for a needle that is not there: quadratic in the lines.
 */
class Finder {
  private readonly at = new Map<string, number>();
  constructor(readonly text: string) {}

  next(needle: string, from: number): number {
    const known = this.at.get(needle);
    if (known !== undefined && (known === -1 || known >= from)) return known;
    const found = this.text.indexOf(needle, from);
    this.at.set(needle, found);
    return found;
  }

  /** The first `needle` in [from, to), or -1. */
  within(needle: string, from: number, to: number): number {
    const at = this.next(needle, from);
    return at >= 0 && at < to ? at : -1;
  }
}

/** `AKIA…`/`ASIA…` followed by 16 upper-case letters or digits, as a word. */
function hasAwsKeyId(f: Finder, from: number, to: number): boolean {
  const line = f.text;
  for (const prefix of ['AKIA', 'ASIA']) {
    for (let at = f.within(prefix, from, to); at >= 0; at = f.within(prefix, at + 4, to)) {
      const before = at > 0 ? line.charCodeAt(at - 1) : 0;
      let n = 0;
      while (n < 16 && at + 4 + n < to && isUpperAlnum(line.charCodeAt(at + 4 + n))) n++;
      const next = at + 20 < to ? line.charCodeAt(at + 20) : 0;
      if (n === 16 && !isAlnum(before) && !isAlnum(next)) return true;
    }
  }
  return false;
}

const TOKEN_PREFIXES: [prefix: string, what: string][] = [
  ['ghp_', 'a GitHub token'],
  ['gho_', 'a GitHub token'],
  ['ghs_', 'a GitHub token'],
  ['github_pat_', 'a GitHub token'],
  ['xoxb-', 'a Slack token'],
  ['xoxp-', 'a Slack token'],
  ['glpat-', 'a GitLab token'],
];

/** What is secret on the line [from, to) of the text, or undefined. */
function secretOnLine(f: Finder, from: number, to: number): string | undefined {
  const text = f.text;
  const kv = keyValue(text, from, to);
  if (kv && isSecretKey(kv.key) && isLiteral(text, kv.valueStart, kv.valueEnd)) return kv.key;
  const begin = f.within('-----BEGIN ', from, to);
  if (begin >= 0 && f.within('PRIVATE KEY-----', begin, to) >= 0) return 'a private key';
  if (hasAwsKeyId(f, from, to)) return 'an AWS access key id';
  for (const [prefix, what] of TOKEN_PREFIXES) {
    const at = f.within(prefix, from, to);
    if (at >= 0 && (at === 0 || !isAlnum(text.charCodeAt(at - 1)))) return what;
  }
  // a JSON Web Token (a Kubernetes service account token): header and payload both start `eyJ`
  const jwt = f.within('eyJ', from, to);
  if (jwt >= 0 && f.within('.eyJ', jwt + 3, to) >= 0) return 'a token';
  return undefined;
}

/** Every literal secret in the files, in file and line order. */
export function findSecrets(files: readonly { path: string; text: string }[]): SecretFinding[] {
  const out: SecretFinding[] = [];
  for (const f of files) {
    const text = f.text;
    const finder = new Finder(text);
    let line = 1;
    for (let from = 0; from <= text.length; line++) {
      const nl = text.indexOf('\n', from);
      const to = nl < 0 ? text.length : nl;
      const what = secretOnLine(finder, from, to);
      if (what) out.push({ path: f.path, line, what });
      if (nl < 0) break;
      from = nl + 1;
    }
  }
  return out;
}

/** `aws_sec_key in fluent.conf:3, a private key in conf.d/tls.conf:1` (at most `max`, then `and N more`). */
export function describeSecrets(found: readonly SecretFinding[], max = 5): string {
  const shown = found.slice(0, max).map((f) => `${f.what} in ${f.path}:${f.line}`);
  if (found.length > max) shown.push(`and ${found.length - max} more`);
  return shown.join(', ');
}
