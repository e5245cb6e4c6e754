// One fluent.conf embedded in a YAML file: positions mapped both ways between the
// embedded text and the YAML text, and text edits mapped back only where the
// mapping is exact (a `|` block, or a one-line edit of plain characters in a quoted
// scalar).
import type { Position, Range, TextChange } from '../types';
import { LineIndex } from '../parser/line-index';
import type { EmbeddedConf } from './manifests';

export class EmbeddedText {
  readonly lines: LineIndex;

  constructor(
    readonly conf: EmbeddedConf,
    /** The YAML file's lines. */
    readonly yaml: LineIndex,
  ) {
    this.lines = new LineIndex(conf.text);
  }

  get text(): string {
    return this.conf.text;
  }

  /** Positions can be mapped (the decoder agreed with the yaml package). */
  get mapped(): boolean {
    return !!this.conf.decoded;
  }

  /** The data key's range in the YAML file. */
  keyRange(): Range {
    return { start: this.yaml.positionAt(this.conf.keyRange.start), end: this.yaml.positionAt(this.conf.keyRange.end) };
  }

  toYamlOffset(offset: number): number | undefined {
    const d = this.conf.decoded;
    if (!d) return undefined;
    return d.offsets[Math.max(0, Math.min(offset, d.offsets.length - 1))];
  }

  toYaml(pos: Position): Position | undefined {
    const o = this.toYamlOffset(this.lines.offsetAt(pos));
    return o === undefined ? undefined : this.yaml.positionAt(o);
  }

  /** A range of the embedded text in the YAML file (the key when positions cannot be mapped). */
  toYamlRange(r: Range): Range {
    const start = this.toYaml(r.start);
    const end = this.toYaml(r.end);
    if (!start || !end) return this.keyRange();
    return { start, end: end.line < start.line || (end.line === start.line && end.character < start.character) ? start : end };
  }

  /** The embedded position at a YAML position, if it falls inside this value's text. */
  fromYaml(pos: Position): Position | undefined {
    const d = this.conf.decoded;
    if (!d) return undefined;
    const o = this.yaml.offsetAt(pos);
    const offs = d.offsets;
    // the decoded offsets only grow: binary search the last character at or before `o`
    let lo = 0;
    let hi = offs.length - 1;
    if (o < offs[0] || o > offs[hi]) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offs[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // a position that is no character of the value (indentation, a quote, an escape's tail)
    if (offs[lo] !== o) return undefined;
    return this.lines.positionAt(lo);
  }

  fromYamlRange(r: Range): Range | undefined {
    const start = this.fromYaml(r.start) ?? (this.containsLine(r.start.line) ? { line: 0, character: 0 } : undefined);
    const end = this.fromYaml(r.end) ?? this.lines.positionAt(this.text.length);
    return start && end ? { start, end } : undefined;
  }

  /** Whether a YAML line lies within the value's text. */
  containsLine(line: number): boolean {
    const d = this.conf.decoded;
    if (!d || !d.offsets.length) return false;
    const first = this.yaml.positionAt(d.offsets[0]).line;
    const last = this.yaml.positionAt(d.offsets[d.offsets.length - 1]).line;
    return line >= first && line <= last;
  }

  /**
   * An edit of the embedded text as an edit of the YAML file, or undefined where that
   * cannot be done exactly. In a `|` block, each new line gets the block's indentation.
   */
  toYamlEdit(range: Range, newText: string): TextChange | undefined {
    const d = this.conf.decoded;
    if (!d) return undefined;
    const a = this.lines.offsetAt(range.start);
    const b = this.lines.offsetAt(range.end);
    const n = this.text.length;
    // the ends must be characters copied from the file (not escapes or folds), not past the end
    if (a >= n || b >= n || (a < b && !exactSpan(d.direct, a, b)) || d.direct[a] !== 1 || d.direct[b] !== 1) return undefined;
    const yamlRange = { start: this.yaml.positionAt(d.offsets[a]), end: this.yaml.positionAt(d.offsets[b]) };
    if (d.style === 'literal') {
      const indent = ' '.repeat(d.indent ?? 0);
      const parts = newText.split('\n');
      const followedByBreak = this.text[b] === '\n';
      const text = parts
        .map((p, i) => {
          if (i === 0) return p;
          const emptyLine = p === '' && (i < parts.length - 1 || followedByBreak);
          return emptyLine ? p : indent + p;
        })
        .join(this.yaml.text.includes('\r\n') ? '\r\n' : '\n');
      return { range: yamlRange, newText: text };
    }
    if ((d.style === 'double' || d.style === 'single') && !/[\n\r"'\\]/.test(newText) && range.start.line === range.end.line) {
      return { range: yamlRange, newText };
    }
    return undefined;
  }
}

function exactSpan(direct: Uint8Array, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (direct[i] !== 1) return false;
  return true;
}
