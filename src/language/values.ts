// Fluentd's conversions of parameter values (lib/fluent/config/types.rb), reproduced
// so checks and hover can say what Fluentd will actually use. Each conversion returns
// the value plus, where Fluentd silently reads something unexpected, a `surprise`
// (a warning), or, where Fluentd refuses to start, an `error`. Non-strict mode unless
// `strict` is given (`strict_config_value true` in <system>).

import { compileRubyRegexp as compileOnigmo } from './simulate/parse/ruby-regexp';

export interface Converted<T> {
  /** What Fluentd will use (null where Fluentd gets nil). */
  value: T;
  /** Fluentd accepts the value but reads it differently than it looks: what it will use. */
  surprise?: string;
  /** Fluentd refuses to start with this value. */
  error?: string;
}

export interface ConvertOptions {
  /** `strict_config_value true`: conversions that would coerce fail instead. */
  strict?: boolean;
}

// ---- Ruby's String#to_i / #to_f -------------------------------------------------

const TO_I = /^\s*([+-]?\d+(?:_\d+)*)/;
const TO_F = /^\s*([+-]?(?:\d+(?:_\d+)*)?(?:\.\d+(?:_\d+)*)?(?:[eE][+-]?\d+)?)/;

/** Ruby `str.to_i`: leading digits (underscores between digits allowed), else 0. */
export function rubyToI(text: string): number {
  const m = TO_I.exec(text);
  return m ? Number(m[1].replace(/_/g, '')) : 0;
}

/** Ruby `str.to_f`: the longest leading float, else 0. */
export function rubyToF(text: string): number {
  const m = TO_F.exec(text);
  if (!m || !/\d/.test(m[1])) return 0;
  // "1e" or "1." are read up to the last valid digit
  const s = m[1].replace(/_/g, '');
  const n = Number(s);
  if (Number.isFinite(n)) return n;
  const safe = /^[+-]?(?:\d+)?(?:\.\d+)?/.exec(s);
  return safe ? Number(safe[0]) || 0 : 0;
}

// ---- formatting ---------------------------------------------------------------------

// one formatter for every number: toLocaleString builds a new one per call, which made
// this the slowest step of checking a file with many time values
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
const group = (n: number): string => NUMBER.format(n);

/** "2,097,152 bytes" */
export function formatBytes(n: number): string {
  return `${group(n)} byte${n === 1 ? '' : 's'}`;
}

/** "30,000 seconds (8h 20m)" — the parenthesis only where it helps. */
export function formatSeconds(n: number): string {
  const base = `${group(n)} second${n === 1 ? '' : 's'}`;
  if (!Number.isFinite(n) || Math.abs(n) < 60) return base;
  let rest = Math.round(Math.abs(n));
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return `${base} (${n < 0 ? '-' : ''}${parts.join(' ')})`;
}

/** Binary-unit shorthand when exact: 5242880 → "5 MiB". */
function iec(n: number): string | undefined {
  for (const [unit, size] of [
    ['TiB', 1024 ** 4],
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const) {
    if (n !== 0 && n % size === 0) return `${n / size} ${unit}`;
  }
  return undefined;
}

/** "2m = 2,097,152 bytes" — what hover shows for a size value. */
export function describeSize(text: string): string {
  const { value } = sizeValue(text);
  const short = iec(value);
  return `${text.trim()} = ${formatBytes(value)}${short && !text.trim().startsWith(String(value)) ? ` (${short})` : ''}`;
}

/** "500ms = 30,000 seconds (8h 20m)" — what hover shows for a time value. */
export function describeTime(text: string): string {
  return `${text.trim()} = ${formatSeconds(timeValue(text).value)}`;
}

// ---- size -----------------------------------------------------------------------------

const SIZE_UNITS: [string, number][] = [
  ['kK', 1024],
  ['mM', 1024 ** 2],
  ['gG', 1024 ** 3],
  ['tT', 1024 ** 4],
];

/**
 * What Ruby's unanchored `/([0-9]+)u/` captures: the run of digits right before the
 * first unit letter that follows a digit (found in one pass — the regexp itself
 * backtracks quadratically on long digit runs).
 */
/** The number before the first unit of `table` (in its order) found in the text, times that unit. */
function scaledByUnit(text: string, table: [string, number][]): number | undefined {
  for (const [units, mult] of table) {
    const digits = digitsBeforeUnit(text, units);
    if (digits !== undefined) return Number(digits) * mult;
  }
  return undefined;
}

function digitsBeforeUnit(text: string, units: string): string | undefined {
  for (let j = 1; j < text.length; j++) {
    if (!units.includes(text[j])) continue;
    let i = j;
    while (i > 0 && text.charCodeAt(i - 1) >= 48 && text.charCodeAt(i - 1) <= 57) i--;
    if (i < j) return text.slice(i, j);
  }
  return undefined;
}

/** What a person most likely meant by a size (bytes and how to say it), or undefined when it does not look like one. */
function intendedSize(text: string): { bytes: number; label: string } | undefined {
  // trimmed first: adjacent optional blanks around an optional unit would backtrack quadratically
  const m = /^([+-]?\d+(?:\.\d+)?)(?: *(?:(b|bytes?)|([kmgt])(?:i?b)?))?$/i.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!m[3]) return { bytes: n, label: formatBytes(n) };
  const u = m[3].toUpperCase();
  return { bytes: n * 1024 ** ('KMGT'.indexOf(u) + 1), label: `${m[1]} ${u}iB` };
}

/**
 * Fluentd's size: the first of k, m, g, t (any case, powers of 1024) found right
 * after digits anywhere in the text (unanchored: `1.5m` is 5 MiB, `8 MB` is 8 bytes);
 * otherwise `to_i`.
 */
export function sizeValue(text: string, opts: ConvertOptions = {}): Converted<number> {
  const value = scaledByUnit(text, SIZE_UNITS) ?? rubyToI(text);
  const meant = intendedSize(text);
  if (meant?.bytes === value) return { value };
  const short = iec(value);
  const uses = `${formatBytes(value)}${short ? ` (${short})` : ''}`;
  let why: string;
  if (meant !== undefined) {
    why =
      /\s/.test(text.trim()) && !/\d[kmgt]/i.test(text)
        ? `Fluentd reads '${text}' as ${uses}: the unit must follow the number directly (e.g. '${text.trim().replace(/\s+/g, '')}').`
        : `Fluentd reads only the digits right before the unit: '${text}' is ${uses}, not ${meant.label}.`;
  } else {
    why = `'${text}' is not a size Fluentd understands (number + k/m/g/t): it will use ${uses}.`;
  }
  if (opts.strict) return { value, error: `strict_config_value: ${why}` };
  return { value, surprise: why };
}

// ---- time -----------------------------------------------------------------------------

const TIME_UNITS: [string, number][] = [
  ['s', 1],
  ['m', 60],
  ['h', 3600],
  ['d', 86400],
];

const HUMAN_TIME: Record<string, number> = {
  ms: 0.001,
  msec: 0.001,
  millis: 0.001,
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  d: 86400,
  day: 86400,
  days: 86400,
  w: 604800,
  week: 604800,
  weeks: 604800,
};

function intendedTime(text: string): number | undefined {
  const m = /^([+-]?(?:\d+(?:\.\d+)?|\.\d+))(?: *([a-z]+))?$/i.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!m[2]) return n;
  const unit = Object.hasOwn(HUMAN_TIME, m[2].toLowerCase()) ? HUMAN_TIME[m[2].toLowerCase()] : undefined;
  return unit === undefined ? undefined : n * unit;
}

/**
 * Fluentd's time: the first of s, m, h, d (case-sensitive) found right after digits
 * anywhere in the text (`500ms` is 500 minutes = 30000 s); otherwise `to_f`
 * (`10M` is 10 seconds).
 */
export function timeValue(text: string, opts: ConvertOptions = {}): Converted<number> {
  const value = scaledByUnit(text, TIME_UNITS) ?? rubyToF(text);
  const meant = intendedTime(text);
  if (meant === value) return { value };
  const uses = formatSeconds(value);
  const why =
    meant !== undefined
      ? `Fluentd reads '${text}' as ${uses}, not ${formatSeconds(meant)} (units are s, m, h, d — lower case — right after a whole number).`
      : `'${text}' is not a time Fluentd understands (number + s/m/h/d): it will use ${uses}.`;
  if (opts.strict) return { value, error: `strict_config_value: ${why}` };
  return { value, surprise: why };
}

// ---- numbers ---------------------------------------------------------------------------

/** Fluentd's integer: `to_i` (`abc` → 0, `10k` → 10, `4.2` → 4). */
export function integerValue(text: string, opts: ConvertOptions = {}): Converted<number> {
  const value = rubyToI(text);
  if (/^\s*[+-]?\d+(?:_\d+)*\s*$/.test(text)) return { value };
  const why = `'${text}' is not an integer: Fluentd will use ${value}.`;
  if (opts.strict) return { value, error: `strict_config_value: ${why}` };
  return { value, surprise: why };
}

/** Fluentd's float: `to_f` (`abc` → 0.0). */
export function floatValue(text: string, opts: ConvertOptions = {}): Converted<number> {
  const value = rubyToF(text);
  if (/^\s*[+-]?(?:\d+(?:_\d+)*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/.test(text)) return { value };
  const why = `'${text}' is not a number: Fluentd will use ${value}.`;
  if (opts.strict) return { value, error: `strict_config_value: ${why}` };
  return { value, surprise: why };
}

// ---- bool and enum ------------------------------------------------------------------------

/**
 * Fluentd's bool: `true`/`yes`/empty → true, `false`/`no` → false, anything else
 * (`TRUE`, `1`, `on`) → nil. The caller decides whether nil is an error: it is
 * unless the parameter's default is nil ("'x' parameter is required but nil is specified").
 */
export function boolValue(text: string): Converted<boolean | null> {
  if (text === 'true' || text === 'yes' || text === '') return { value: true };
  if (text === 'false' || text === 'no') return { value: false };
  const lower = text.trim().toLowerCase();
  const hint =
    lower === 'true' || lower === 'yes' || lower === 'on' || lower === '1'
      ? " (write 'true')"
      : lower === 'false' || lower === 'no' || lower === 'off' || lower === '0'
        ? " (write 'false')"
        : '';
  return { value: null, error: `'${text}' is not a boolean: Fluentd reads it as nil. Use true/false or yes/no${hint}.` };
}

/** Fluentd's enum: one of the listed choices, exactly. */
export function enumValue(text: string, list: readonly string[]): Converted<string | null> {
  if (list.includes(text)) return { value: text };
  return { value: null, error: `valid options are ${list.join(',')} but got ${text}` };
}

// ---- array and hash --------------------------------------------------------------------------

/**
 * Ruby's strip + split on commas with the blanks around them: trailing empty fields
 * dropped, none for ''.
 * Written without the regexp, whose backtracking is quadratic on long blank runs.
 */
function rubySplitComma(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const parts = trimmed.split(',').map((p) => p.trim());
  while (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Fluentd's array: JSON when it starts with `[`, else split on commas (spaces around trimmed). */
export function arrayValue(text: string): Converted<unknown[] | null> {
  if (text.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(text);
      if (Array.isArray(v)) return { value: v };
      return { value: null, error: `array required but got ${JSON.stringify(text)}` };
    } catch (err) {
      return { value: null, error: `'${text}' starts with '[' but is not valid JSON: ${(err as Error).message}` };
    }
  }
  return { value: rubySplitComma(text) };
}

/** Fluentd's hash: JSON when it starts with `{`, else `k:v,k2:v2`. */
export function hashValue(text: string): Converted<Record<string, unknown> | null> {
  if (text.startsWith('{')) {
    try {
      const v: unknown = JSON.parse(text);
      if (v && typeof v === 'object' && !Array.isArray(v)) return { value: v as Record<string, unknown> };
      return { value: null, error: `hash required but got ${JSON.stringify(text)}` };
    } catch (err) {
      return { value: null, error: `'${text}' starts with '{' but is not valid JSON: ${(err as Error).message}` };
    }
  }
  const out: Record<string, unknown> = {};
  const noValue: string[] = [];
  {
    for (const pair of rubySplitComma(text)) {
      const i = pair.indexOf(':');
      if (i < 0) {
        out[pair] = null;
        noValue.push(pair);
      } else out[pair.slice(0, i)] = pair.slice(i + 1);
    }
  }
  if (noValue.length) {
    return { value: out, surprise: `${noValue.map((k) => `'${k}'`).join(', ')} has no ':value': Fluentd will use nil for it.` };
  }
  return { value: out };
}

// ---- regexp ---------------------------------------------------------------------------------

export interface RegexpInfo {
  /** The pattern between the slashes (or the whole text). */
  source: string;
  /** Ruby options given after the right slash (only i and m are honoured). */
  flags: string;
  /** Named captures, in order (duplicates kept once). */
  names: string[];
  /** A JavaScript equivalent, when the pattern could be translated and compiled. */
  js?: RegExp;
  /** False when the pattern uses Ruby syntax the compile check cannot follow (no error is claimed then). */
  checked: boolean;
}

/** JavaScript compile errors that Ruby (Onigmo) also raises, with Onigmo's wording. */
const RUBY_ERRORS: [RegExp, string][] = [
  [/Unmatched '\)'/, 'unmatched close parenthesis'],
  [/Unterminated group/, 'end pattern with unmatched parenthesis'],
  [/Nothing to repeat/, 'target of repeat operator is not specified'],
  [/Unterminated character class/, 'premature end of char-class'],
  [/\\ at end of pattern/, 'too short escape sequence'],
  [/Range out of order in character class/, 'empty range in char class'],
  [/numbers out of order in \{\} quantifier/, 'upper is smaller than lower in repeat range'],
  [/Invalid capture group name/, 'invalid group name'],
];

/** Ruby syntax with no JavaScript counterpart: the compile check stays silent on these. */
const UNCHECKABLE = /\(\?\(|\\g<|\\g'|\(\?~|\\[pP]\{\^|\\[xo]\{|\\R|\\X/;

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\s',
  blank: ' \\t',
  xdigit: '0-9a-fA-F',
  word: '\\w',
  punct: '!-\\/:-@\\[-`{-~',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
};

/** Named groups of a Ruby pattern: `(?<name>…)` and `(?'name'…)`, outside classes and escapes. */
export function namedCaptures(source: string): string[] {
  const names: string[] = [];
  let inClass = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === '[') inClass++;
      else if (c === ']') inClass--;
      continue;
    }
    if (c === '[') {
      inClass = 1;
      if (source[i + 1] === '^') i++;
      if (source[i + 1] === ']') i++; // a leading ] is literal
      continue;
    }
    if (c === '(' && source[i + 1] === '?') {
      const m = /^\(\?(?:<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')/.exec(source.slice(i, i + 80));
      if (m) {
        const name = m[1] ?? m[2];
        if (!names.includes(name)) names.push(name);
      }
    }
  }
  return names;
}

/**
 * Rewrites Ruby-only syntax into JavaScript for a compile check: \A \z \Z \h \H,
 * POSIX brackets, (?'name'), atomic groups, possessive quantifiers, inline options
 * and comments. Returns undefined where no faithful rewrite exists.
 */
function toJavaScript(source: string, flags: string): { source: string; flags: string } | undefined {
  if (UNCHECKABLE.test(source)) return undefined;
  let out = '';
  let jsFlags = flags;
  let inClass = 0;
  const seen = new Map<string, number>();
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const n = source[i + 1];
      if (n === undefined) {
        out += '\\';
        continue;
      }
      i++;
      if (!inClass && n === 'A') out += '(?<![\\s\\S])';
      else if (!inClass && n === 'z') out += '(?![\\s\\S])';
      else if (!inClass && n === 'Z') out += '(?=\\n?(?![\\s\\S]))';
      else if (!inClass && (n === 'G' || n === 'K')) return undefined;
      else if (n === 'h') out += inClass ? '0-9a-fA-F' : '[0-9a-fA-F]';
      else if (n === 'H') {
        if (inClass) return undefined;
        out += '[^0-9a-fA-F]';
      } else out += '\\' + n;
      continue;
    }
    if (inClass) {
      if (c === '[' && source[i + 1] === ':') {
        const m = /^\[:(\^?)(\w+):\]/.exec(source.slice(i));
        if (m && Object.hasOwn(POSIX_CLASSES, m[2]) && !m[1]) {
          out += POSIX_CLASSES[m[2]];
          i += m[0].length - 1;
          continue;
        }
        if (m) return undefined;
      }
      if (c === '[') {
        // Ruby allows nested classes and && intersections; JavaScript (without v) does not
        return undefined;
      }
      if (c === '&' && source[i + 1] === '&') return undefined;
      if (c === ']') inClass--;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = 1;
      out += c;
      if (source[i + 1] === '^') out += source[++i];
      if (source[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && source[i + 1] === '?') {
      const rest = source.slice(i);
      let m: RegExpExecArray | null;
      if ((m = /^\(\?#[^)]*\)/.exec(rest))) {
        i += m[0].length - 1; // comment
        continue;
      }
      if ((m = /^\(\?([imx]*)(?:-([imx]*))?\)/.exec(rest))) {
        // inline options for the rest of the pattern
        if (m[1].includes('x') || out.length) return undefined;
        if (m[1].includes('i')) jsFlags += 'i';
        if (m[1].includes('m')) jsFlags += 'm';
        i += m[0].length - 1;
        continue;
      }
      if ((m = /^\(\?([imx]*)(?:-([imx]*))?:/.exec(rest))) {
        if (m[1].includes('x')) return undefined;
        out += '(?:'; // option-scoped group: syntax checked, options approximated
        i += m[0].length - 1;
        continue;
      }
      if (rest.startsWith('(?>')) {
        out += '(?:';
        i += 2;
        continue;
      }
      if ((m = /^\(\?'([A-Za-z_]\w*)'/.exec(rest)) || (m = /^\(\?<([A-Za-z_]\w*)>/.exec(rest))) {
        // Ruby allows a name twice; JavaScript (before ES2025) does not
        const k = (seen.get(m[1]) ?? 0) + 1;
        seen.set(m[1], k);
        out += `(?<${m[1]}${k > 1 ? `__${k}` : ''}>`;
        i += m[0].length - 1;
        continue;
      }
    }
    const prev = source[i - 1];
    if (c === '+' && (prev === '*' || prev === '+' || prev === '?' || prev === '}') && source[i - 2] !== '\\') {
      // Ruby's x{n}+ repeats the repeat, which JavaScript cannot write
      if (source[i - 1] === '}') return undefined;
      continue; // possessive x*+ x++ x?+ → greedy (same syntax, no backtracking control)
    }
    out += c;
  }
  // Ruby: ^ and $ always match at line boundaries; Ruby's m is JavaScript's s
  let f = 'm';
  if (jsFlags.includes('i')) f += 'i';
  if (jsFlags.includes('m') || flags.includes('m')) f += 's';
  return { source: out, flags: f };
}

/** Compiled patterns by flags + source: the same regexps come back on every edit. */
const COMPILED = new Map<string, Converted<RegexpInfo>>();
const COMPILED_MAX = 2000;

/** Compiles a Ruby pattern (without slashes) as far as JavaScript can follow it. The result is shared: copy before changing it. */
export function compileRubyRegexp(source: string, flags = ''): Converted<RegexpInfo> {
  const key = `${flags}/${source}`;
  const hit = COMPILED.get(key);
  if (hit) return hit;
  const r = compileUncached(source, flags);
  if (COMPILED.size >= COMPILED_MAX) COMPILED.clear();
  COMPILED.set(key, r);
  return r;
}

/**
 * The JavaScript check, then Onigmo's own rules (through the simulator's Ruby regexp translation):
 * what Onigmo refuses and JavaScript accepts (a numbered backreference beside named groups, a{3,1})
 * is an error; Ruby-only syntax it translates exactly counts as checked.
 */
function compileUncached(source: string, flags: string): Converted<RegexpInfo> {
  const r = compileJavaScript(source, flags);
  if (r.error) return r;
  const onigmo = compileOnigmo(source, { ignoreCase: flags.includes('i'), multiline: flags.includes('m') });
  if (!onigmo.ok && 'error' in onigmo) {
    return {
      value: { ...r.value, checked: true },
      error: `${onigmo.error.slice(0, onigmo.error.lastIndexOf(': /'))}: /${source}/${flags}`,
    };
  }
  return onigmo.ok && !r.value.checked ? { value: { ...r.value, checked: true } } : r;
}

function compileJavaScript(source: string, flags: string): Converted<RegexpInfo> {
  const names = namedCaptures(source);
  const info: RegexpInfo = { source, flags, names, checked: false };
  const js = toJavaScript(source, flags);
  if (!js) return { value: info };
  try {
    info.js = new RegExp(js.source, js.flags);
    info.checked = true;
    return { value: info };
  } catch (err) {
    const message = (err as Error).message;
    for (const [re, ruby] of RUBY_ERRORS) {
      if (re.test(message)) {
        info.checked = true;
        return { value: info, error: `${ruby}: /${source}/${flags}` };
      }
    }
    // a JavaScript-only limitation: say nothing rather than a false error
    return { value: info };
  }
}

/**
 * Fluentd's regexp: `/pattern/flags` (i and m honoured; a right slash more than two
 * characters before the end is "missing right slash"), or the whole text as a pattern.
 */
export function regexpValue(text: string): Converted<RegexpInfo> {
  if (!text.startsWith('/')) return compileRubyRegexp(text);
  const right = text.lastIndexOf('/');
  if (right < text.length - 3) {
    return {
      value: { source: text, flags: '', names: [], checked: true },
      error: `invalid regexp: missing right slash: ${text}`,
    };
  }
  const options = text.slice(right + 1);
  const flags = (options.includes('i') ? 'i' : '') + (options.includes('m') ? 'm' : '');
  const r = { ...compileRubyRegexp(text.slice(1, right), flags) };
  const ignored = [...options].filter((c) => c !== 'i' && c !== 'm');
  if (!r.error && ignored.length) {
    r.surprise = `Fluentd ignores the regexp option${ignored.length > 1 ? 's' : ''} '${ignored.join('')}' (only i and m exist).`;
  }
  return r;
}

/** `/…/` as the multiline parser requires for format_firstline and formatN (always compiled with m). */
export function slashedRegexpValue(text: string, key: string): Converted<RegexpInfo> {
  if (!(text.startsWith('/') && text.endsWith('/') && text.length >= 2)) {
    return {
      value: { source: text, flags: '', names: [], checked: true },
      error: `format should be Regexp, need //, in ${key}: '${text}'`,
    };
  }
  const r = { ...compileRubyRegexp(text.slice(1, -1), 'm') };
  if (r.error) r.error = `Invalid regexp in ${key}: ${r.error}`;
  return r;
}

// ---- by type ---------------------------------------------------------------------------------

export type ValueType = 'string' | 'integer' | 'float' | 'size' | 'time' | 'bool' | 'enum' | 'array' | 'hash' | 'regexp' | 'custom';

/** Converts a value by catalogue type; `list` for enums. Strings and custom types pass through. */
export function convert(
  type: ValueType | string,
  text: string,
  opts: ConvertOptions & { list?: readonly string[] } = {},
): Converted<unknown> {
  switch (type) {
    case 'integer':
      return integerValue(text, opts);
    case 'float':
      return floatValue(text, opts);
    case 'size':
      return sizeValue(text, opts);
    case 'time':
      return timeValue(text, opts);
    case 'bool':
      return boolValue(text);
    case 'enum':
      return opts.list ? enumValue(text, opts.list) : { value: text };
    case 'array':
      return arrayValue(text);
    case 'hash':
      return hashValue(text);
    case 'regexp':
      return regexpValue(text);
    default:
      return { value: text };
  }
}
