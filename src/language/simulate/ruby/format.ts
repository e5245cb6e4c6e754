// Ruby text helpers the routing engine needs beyond the parse engine's (parse/ruby-values):
// String#inspect of a UTF-8 string as Ruby 3.1 writes it (control characters as \u0001, the
// escaping in_tail's "pattern not matched" warning shows for a line read from the oracle's
// input), and String#split's dropping of trailing empty fields.

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\f': '\\f',
  '\v': '\\v',
  '\b': '\\b',
  '\x07': '\\a',
  '\x1b': '\\e',
};

/** String#inspect of a UTF-8 string. */
export function inspectString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const esc = SIMPLE_ESCAPES[ch];
    if (esc) {
      out += esc;
      continue;
    }
    // "#{", "#$" and "#@" would interpolate when read back: Ruby escapes the '#'
    if (ch === '#' && (s[i + 1] === '{' || s[i + 1] === '$' || s[i + 1] === '@')) {
      out += '\\#';
      continue;
    }
    const code = ch.charCodeAt(0);
    // control characters, C1 controls and the line/paragraph separators are not printable
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
      continue;
    }
    out += ch;
  }
  return `${out}"`;
}

/** String#split with a one-character separator: empty fields at the end are dropped. */
export function rubySplit(s: string, sep: string): string[] {
  const parts = s.split(sep);
  while (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
