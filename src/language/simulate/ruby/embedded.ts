// The embedded Ruby of config values (`"#{…}"`) that can be evaluated without Ruby:
// string, nil, true/false and integer literals, `ENV['X']`, `ENV.fetch('X')`,
// `ENV.fetch('X', default)`, `a || b` and parentheses, from a given environment. That
// covers the official images' `#{ENV['X'] || 'default'}` forms; anything else is
// reported as not simulated (never guessed). Like Fluentd, a missing `ENV.fetch` key
// is an error (KeyError) at start-up.
import { closingBracket } from '../../includes/static-value';

type RubyValue = string | number | boolean | null;

export type EmbeddedResult = { kind: 'value'; value: RubyValue } | { kind: 'error'; message: string } | { kind: 'unknown'; code: string };

class Unknown extends Error {}
class RubyError extends Error {}

type Token = { t: 'str'; v: string } | { t: 'int'; v: number } | { t: 'id'; v: string } | { t: 'op'; v: string };

const TOKEN = /\s*(?:('(?:[^'\\]|\\.)*')|("(?:[^"\\]|\\.)*")|(\d+)\b|([A-Za-z_]\w*[?!]?)|(\|\||\.|\(|\)|\[|\]|,))/y;

function tokenize(code: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < code.length) {
    if (/^\s*$/.test(code.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(code);
    if (!m) throw new Unknown();
    at = TOKEN.lastIndex;
    if (m[1] !== undefined) out.push({ t: 'str', v: m[1].slice(1, -1).replace(/\\([\\'])/g, '$1') });
    else if (m[2] !== undefined) {
      if (m[2].includes('#{')) throw new Unknown(); // nested interpolation
      out.push({ t: 'str', v: m[2].slice(1, -1).replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '0': '\0' })[c] ?? c) });
    } else if (m[3] !== undefined) out.push({ t: 'int', v: Number(m[3]) });
    else if (m[4] !== undefined) out.push({ t: 'id', v: m[4] });
    else out.push({ t: 'op', v: m[5] });
  }
  return out;
}

/**
 * Evaluates one `#{…}` body. Its top-level `a || b || c` is split first, so a known
 * value on the left decides even when the code on the right is beyond this evaluator.
 */
export function evaluateRuby(code: string, env: Readonly<Record<string, string | undefined>>): EmbeddedResult {
  const parts = topLevelOr(code);
  let last: EmbeddedResult = { kind: 'unknown', code };
  for (const part of parts) {
    last = evaluateExpression(part, env);
    if (last.kind !== 'value') return last.kind === 'unknown' ? { kind: 'unknown', code } : last;
    if (last.value !== null && last.value !== false) return last;
  }
  return last;
}

/** The operands of the top-level `||`s (outside brackets and strings). */
function topLevelOr(code: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let from = 0;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (depth === 0 && ch === '|' && code[i + 1] === '|') {
      parts.push(code.slice(from, i));
      from = i + 2;
      i++;
    }
  }
  parts.push(code.slice(from));
  return parts;
}

function evaluateExpression(code: string, env: Readonly<Record<string, string | undefined>>): EmbeddedResult {
  let toks: Token[];
  try {
    toks = tokenize(code);
  } catch {
    return { kind: 'unknown', code };
  }
  let i = 0;
  const peek = (v: string) => toks[i]?.t === 'op' && toks[i].v === v;
  const expect = (v: string) => {
    if (!peek(v)) throw new Unknown();
    i++;
  };
  const envKey = (): string => {
    const t = toks[i++];
    if (t?.t !== 'str') throw new Unknown();
    return t.v;
  };
  // `||` short-circuits: the right side is only read (and only needs to be understood) when needed
  const or = (skip: boolean): RubyValue => {
    let v = primary(skip);
    while (peek('||')) {
      i++;
      const taken = skip || (v !== null && v !== false);
      const r = primary(taken);
      if (!taken) v = r;
    }
    return v;
  };
  const primary = (skip: boolean): RubyValue => {
    const t = toks[i++];
    if (!t) throw new Unknown();
    if (t.t === 'str' || t.t === 'int') return t.v;
    if (t.t === 'op' && t.v === '(') {
      const v = or(skip);
      expect(')');
      return v;
    }
    if (t.t !== 'id') throw new Unknown();
    if (t.v === 'nil') return null;
    if (t.v === 'true') return true;
    if (t.v === 'false') return false;
    if (t.v !== 'ENV') throw new Unknown();
    if (peek('[')) {
      i++;
      const k = envKey();
      expect(']');
      return skip ? null : (env[k] ?? null);
    }
    expect('.');
    const m = toks[i++];
    if (m?.t !== 'id' || m.v !== 'fetch') throw new Unknown();
    expect('(');
    const k = envKey();
    let dflt: RubyValue | undefined;
    if (peek(',')) {
      i++;
      dflt = or(skip || env[k] !== undefined);
    }
    expect(')');
    if (skip) return null;
    const v = env[k];
    if (v !== undefined) return v;
    if (dflt !== undefined) return dflt;
    throw new RubyError(`key not found: ${JSON.stringify(k)}`);
  };
  try {
    const v = or(false);
    if (i !== toks.length) return { kind: 'unknown', code };
    return { kind: 'value', value: v };
  } catch (e) {
    if (e instanceof RubyError) return { kind: 'error', message: `KeyError: ${e.message}` };
    return { kind: 'unknown', code };
  }
}

/** `#{x}` as Ruby interpolates it: nil → '', others by to_s. */
function interpolated(v: RubyValue): string {
  return v === null ? '' : String(v);
}

export type TextResult = { kind: 'value'; text: string } | { kind: 'error'; message: string } | { kind: 'unknown'; code: string };

/** A double-quoted config value with each `#{…}` replaced by its value. */
export function evaluateDoubleQuoted(text: string, env: Readonly<Record<string, string | undefined>>): TextResult {
  let out = '';
  let i = 0;
  for (;;) {
    const start = text.indexOf('#{', i);
    if (start < 0) return { kind: 'value', text: out + text.slice(i) };
    const end = closingBracket(text, start + 2, '{', '}');
    if (end < 0) return { kind: 'unknown', code: text.slice(start + 2) };
    const r = evaluateRuby(text.slice(start + 2, end), env);
    if (r.kind !== 'value') return r;
    out += text.slice(i, start) + interpolated(r.value);
    i = end + 1;
  }
}
