// Ruby (Onigmo) regexps as far as JavaScript can follow them: named captures, and a
// compile check that reports only the errors Ruby raises too, in Ruby's words.
import { compileRubyRegexp as compileOnigmo } from '../simulate/parse/ruby-regexp';
import type { Converted } from './converted';

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
