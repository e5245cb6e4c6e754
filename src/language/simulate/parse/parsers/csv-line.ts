// Ruby's CSV.parse_line(text, col_sep:) for one line: quoted fields with "" for a quote, an
// unquoted empty field is nil, a quoted empty one is "". Malformed quoting raises as Ruby's CSV does.
import { RubyError } from '../ruby-error';

/** The fields of one CSV line; null for an empty text (Ruby's nil). */
export function parseCsvLine(text: string, sep: string): (string | null)[] | null {
  let s = text;
  // the row separator Ruby's CSV detects: a trailing \r\n, \n or \r ends the row
  s = s.replace(/(\r\n|\n|\r)$/, '');
  if (text === '') return null;
  if (/[\r\n]/.test(s)) throw new RubyError('CSV::MalformedCSVError', 'Unquoted fields do not allow new line <"\\n"> in line 1.');
  const out: (string | null)[] = [];
  let i = 0;
  for (;;) {
    if (s[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = s.indexOf('"', i);
        if (q < 0) throw new RubyError('CSV::MalformedCSVError', 'Unclosed quoted field in line 1.');
        v += s.slice(i, q);
        if (s[q + 1] === '"') {
          v += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      out.push(v);
      if (i === s.length) return out;
      if (!s.startsWith(sep, i)) throw new RubyError('CSV::MalformedCSVError', "Any value after quoted field isn't allowed in line 1.");
      i += sep.length;
      if (i === s.length) {
        out.push(null);
        return out;
      }
      continue;
    }
    const next = s.indexOf(sep, i);
    const field = next < 0 ? s.slice(i) : s.slice(i, next);
    if (field.includes('"')) throw new RubyError('CSV::MalformedCSVError', 'Illegal quoting in line 1.');
    out.push(field === '' ? null : field);
    if (next < 0) return out;
    i = next + sep.length;
    if (i === s.length) {
      out.push(null);
      return out;
    }
  }
}
