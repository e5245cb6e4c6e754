// "Why did my regexp not match?": the longest beginning of the pattern (whole top-level pieces)
// that still matches the line, and the piece after it, which is where matching stopped. A guide
// for the playground, not Onigmo's own trace: with top-level alternatives it says nothing.
import { compileRubyRegexp, type RubyRegexpOptions } from './ruby-regexp';

/** The top-level pieces of a Ruby pattern (each with its quantifier), or undefined when it has a top-level |. */
export function topLevelPieces(source: string): string[] | undefined {
  const pieces: string[] = [];
  let i = 0;
  while (i < source.length) {
    const start = i;
    const c = source[i];
    if (c === '|') return undefined;
    if (c === '\\') i += 2;
    else if (c === '[') {
      i++;
      if (source[i] === '^') i++;
      if (source[i] === ']') i++;
      for (let depth = 1; i < source.length && depth; i++) {
        if (source[i] === '\\') i++;
        else if (source[i] === '[') depth++;
        else if (source[i] === ']') depth--;
      }
    } else if (c === '(') {
      for (let depth = 0; i < source.length; i++) {
        if (source[i] === '\\') i++;
        else if (source[i] === '(') depth++;
        else if (source[i] === ')' && --depth === 0) {
          i++;
          break;
        }
      }
    } else i++;
    const q = /^(?:[*+?]|\{\d*,?\d*\})[+?]?/.exec(source.slice(i));
    if (q) i += q[0].length;
    pieces.push(source.slice(start, i));
  }
  return pieces;
}

/** A sentence saying where the pattern stopped matching `text`, or undefined when it cannot tell. */
export function whyNoMatch(source: string, options: RubyRegexpOptions, text: string): string | undefined {
  const pieces = topLevelPieces(source);
  if (!pieces || pieces.length < 2) return undefined;
  for (let k = pieces.length - 1; k >= 1; k--) {
    const prefix = pieces.slice(0, k).join('');
    const r = compileRubyRegexp(prefix, options);
    if (!r.ok) continue;
    let m;
    try {
      m = r.regexp.exec(text);
    } catch {
      return undefined;
    }
    if (!m) continue;
    const at = text.slice(m.end, m.end + 24);
    return `matches up to column ${m.end + 1} with /${prefix}/; the next part ${pieces[k]} does not match there (${at ? JSON.stringify(at) + (m.end + 24 < text.length ? '…' : '') : 'end of line'})`;
  }
  return `the first part ${pieces[0]} matches nowhere in the line`;
}
