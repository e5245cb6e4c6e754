// Random edits of a config, as a person typing makes them (and some a person rarely does):
// a character typed or deleted, a range replaced, lines removed, duplicated or pasted from
// another file, and the edits that move structure: opening or closing an element, a
// string, a `#{`, a JSON value, commenting a line out. For the incremental-vs-full
// differential tests; every edit is one replacement of a range, as an editor sends it.
import type { Rng } from './prng';

/** One replacement: `[start, end)` of the old text becomes `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** What opens or closes structure, typed anywhere. */
const TOKENS = ['<', '>', '</', '"', "'", '#{', '}', '#', '[', ']', '{', '\\', '\n', '\r\n', ' ', '\t', '@', ',', ':', 'x', 's'];

/** Whole lines that open or close elements and strings, or include. */
const LINES = [
  '<source>',
  '</source>',
  '<match **>',
  '</match>',
  '<filter kube.**>',
  '</filter>',
  '<label @X>',
  '</label>',
  '<buffer>',
  '</buffer>',
  '<system>\n  strict_config_value true\n</system>',
  '  @type tail',
  '  path "/var/log/#{ENV',
  '  key "unterminated',
  "  key 'single",
  '  json [1, 2,',
  '  @label @X',
  '@include other.conf',
  '# a comment',
  '',
];

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** A random edit of `text`; `others` are texts to paste lines from. */
export function randomEdit(text: string, rng: Rng, others: readonly string[]): Edit {
  const at = rng.int(text.length + 1);
  const starts = lineStarts(text);
  const line = rng.int(starts.length);
  const lineStart = starts[line];
  const lineEnd = line + 1 < starts.length ? starts[line + 1] : text.length;
  switch (rng.int(10)) {
    case 0: // type a character or token
      return { start: at, end: at, text: rng.pick(TOKENS) };
    case 1: // delete a few characters
      return { start: at, end: Math.min(text.length, at + 1 + rng.int(rng.chance(0.8) ? 3 : 60)), text: '' };
    case 2: // replace a character
      return { start: at, end: Math.min(text.length, at + 1), text: rng.pick(TOKENS) };
    case 3: // a line that opens or closes something
      return { start: lineStart, end: lineStart, text: `${rng.pick(LINES)}\n` };
    case 4: // delete whole lines
      return { start: lineStart, end: starts[Math.min(starts.length - 1, line + 1 + rng.int(4))] ?? text.length, text: '' };
    case 5: // duplicate a line
      return { start: lineEnd, end: lineEnd, text: text.slice(lineStart, lineEnd) };
    case 6: {
      // paste lines from another text
      const donor = rng.pick(others).split('\n');
      const from = rng.int(donor.length);
      return { start: lineStart, end: lineStart, text: donor.slice(from, from + 1 + rng.int(12)).join('\n') + '\n' };
    }
    case 7: // comment a line out, or back in
      return text[lineStart] === '#' ? { start: lineStart, end: lineStart + 1, text: '' } : { start: lineStart, end: lineStart, text: '#' };
    case 8: // type at the end of a line (after a value)
      return {
        start: Math.max(lineStart, lineEnd - 1),
        end: Math.max(lineStart, lineEnd - 1),
        text: rng.pick(['s', '0', 'x', ' ', '"', '}']),
      };
    default: // cut a span across lines
      return { start: at, end: Math.min(text.length, at + rng.int(400)), text: rng.chance(0.5) ? '' : rng.pick(LINES) };
  }
}

export function applyEdit(text: string, e: Edit): string {
  return text.slice(0, e.start) + e.text + text.slice(e.end);
}
