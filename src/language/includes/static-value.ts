// What a value becomes once Fluentd has evaluated its `#{…}`, where that can be
// known without running Ruby: the common "ENV or a default" forms the official
// DaemonSet images use (`#{ENV['X'] || 'dflt'}`, `#{ENV.fetch('X', 'dflt')}`),
// read with the variable unset. Anything else is unknown (undefined), never guessed.
import type { IncludeNode, Value } from '../parser/ast';

const STR = String.raw`'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"`;
const ENV_REF = String.raw`ENV\s*\[\s*(?:${STR})\s*\]`;
/** `ENV['A'] || ENV['B'] || 'default'` */
const ENV_OR_DEFAULT = new RegExp(String.raw`^(?:${ENV_REF}\s*\|\|\s*)+(${STR})$`);
/** `ENV.fetch('X', 'default')` */
const FETCH_DEFAULT = new RegExp(String.raw`^ENV\.fetch\(\s*(?:${STR})\s*,\s*(${STR})\s*\)$`);
const LITERAL = new RegExp(String.raw`^(${STR})$`);

/** The string a Ruby string literal denotes (the escapes configs use). */
function rubyString(lit: string): string {
  const body = lit.slice(1, -1);
  if (lit[0] === "'") return body.replace(/\\([\\'])/g, '$1');
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '0': '\0' })[c] ?? c);
}

/** The value of embedded Ruby code with every ENV variable unset, or undefined when unknowable. */
export function evaluateEmbedded(code: string): string | undefined {
  const c = code.trim();
  const m = ENV_OR_DEFAULT.exec(c) ?? FETCH_DEFAULT.exec(c) ?? LITERAL.exec(c);
  return m ? rubyString(m[1]) : undefined;
}

/** Replaces each `#{…}` of a double-quoted text by its value; undefined when one is unknowable. */
export function evaluateText(text: string): string | undefined {
  let out = '';
  let i = 0;
  for (;;) {
    const start = text.indexOf('#{', i);
    if (start < 0) return out + text.slice(i);
    const end = closingBracket(text, start + 2, '{', '}');
    if (end < 0) return undefined;
    const v = evaluateEmbedded(text.slice(start + 2, end));
    if (v === undefined) return undefined;
    out += text.slice(i, start) + v;
    i = end + 1;
  }
}

/** Index of the `close` that ends Ruby code starting at `from` (nested pairs and quoted strings skipped); -1 when none. */
export function closingBracket(text: string, from: number, open: string, close: string): number {
  let depth = 0;
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === open) depth++;
    else if (ch === close) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The text of a parameter value as Fluentd will see it, or undefined when it depends on Ruby we cannot evaluate. */
export function staticValue(value: Value | undefined): string | undefined {
  if (!value) return '';
  if (value.embedded.length === 0 || value.style !== 'double') return value.text;
  return evaluateText(value.text);
}

/**
 * The path of an @include as Fluentd will glob it. The parser keeps the text with
 * `#{…}` unevaluated and does not record the quoting, so the source decides: only a
 * double-quoted path is evaluated.
 */
export function includePath(
  include: IncludeNode,
  source: string,
  offsetOfPath: number,
  evaluate: (text: string) => string | undefined = evaluateText,
): string | undefined {
  const doubleQuoted = source[offsetOfPath] === '"';
  if (!doubleQuoted || !include.path.includes('#{')) return include.path;
  return evaluate(include.path);
}
