// The lines of the top-level element around the cursor, found by a line scan
// without parsing the document: completion right after an edit then parses only
// that element instead of a whole (possibly 10,000-line) config. Fluentd's syntax
// is line based — a start tag or an end tag begins its line — so the lines that
// begin with `<name` and `</name` give the nesting; the window is parsed on its
// own exactly as it would be inside the document. (A line inside a multi-line
// value that begins with `<` could mislead the scan: completion then offers a
// little less, it never fails.)

export interface LineWindow {
  /** First line of the window in the document. */
  startLine: number;
  /** The window's text: whole lines, startLine up to and including the last one. */
  text: string;
}

/** Beyond this many lines the window is no cheaper than the document: parse it all. */
const MAX_WINDOW_LINES = 3000;

/** Offsets at which each line starts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The element name of a line's start tag (`<name`) or end tag (`</name`), else undefined. */
function tagOf(text: string, start: number, end: number): { close: boolean; name: string; oneLine: boolean } | undefined {
  let i = start;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 0xfeff)) i++;
  if (text.charCodeAt(i) !== 60) return undefined; // <
  const close = text.charCodeAt(i + 1) === 47; // </
  let j = i + (close ? 2 : 1);
  const from = j;
  while (j < end && isNameChar(text.charCodeAt(j))) j++;
  if (j === from && !close) return undefined;
  // a start tag ends on its line unless `>` is missing or a comment follows the
  // name (Fluentd then reads the argument from the next lines)
  let k = j;
  while (k < end && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  const gt = text.indexOf('>', j);
  // and nothing but a comment may follow it (`</a><b>` puts a second tag on the line)
  const clean = gt !== -1 && gt < end && /^[ \t]*(?:#.*)?\r?$/.test(text.slice(gt + 1, end));
  const oneLine = clean && (close || text.charCodeAt(k) !== 35);
  return { close, name: text.slice(from, j), oneLine };
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * The top-level element holding `line` (its start tag line to its end tag line, or
 * as far as it reaches), or just `line` itself at the root. Undefined when the
 * window would be too large to be worth it. Start and end tags are matched by name
 * the way the parser matches them: an end tag closes the innermost open element of
 * its name and every element opened inside it; an end tag matching nothing is ignored.
 */
export function elementWindow(text: string, line: number): LineWindow | undefined {
  const starts = lineStarts(text);
  const count = starts.length;
  if (line < 0 || line >= count) return undefined;
  const endOf = (l: number) => (l + 1 < count ? starts[l + 1] - 1 : text.length);
  const stack: { name: string; line: number }[] = [];
  let startLine = line;
  let last = count - 1;
  for (let l = 0; l < count; l++) {
    if (l === line) {
      if (!stack.length) {
        // at the root: the line is its own window
        last = line;
        break;
      }
      startLine = stack[0].line;
    }
    const tag = tagOf(text, starts[l], endOf(l));
    // a tag running over lines or sharing its line (not the one being typed): leave
    // it to the whole-document parse
    if (tag && !tag.oneLine && l !== line) return undefined;
    if (tag && !tag.close) stack.push({ name: tag.name, line: l });
    else if (tag) {
      let i = stack.length - 1;
      while (i >= 0 && stack[i].name !== tag.name) i--;
      if (i >= 0) stack.length = i;
      if (l >= line && !stack.length) {
        last = l;
        break;
      }
    }
    if (l > line && l - startLine > MAX_WINDOW_LINES) return undefined;
  }
  if (last - startLine > MAX_WINDOW_LINES) return undefined;
  return { startLine, text: text.slice(starts[startLine], endOf(last)) };
}
