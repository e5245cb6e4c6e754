// The parser's node classes: offsets stored, LSP ranges computed on read through the
// parse's LineIndex (see ast.ts for why). Only the parser creates and mutates them;
// everyone else sees the read-only interfaces of ast.ts. An incremental reparse moves
// the nodes after an edit by the edit's length (shift) instead of building them again.
//
// Fields are `declare`d and assigned once in the constructor, in a fixed order: a
// class field (or a parameter property) is emitted as a define before the
// constructor runs, so each field would be written twice for every node. Each class
// has its own `range` getter rather than a shared base class: V8 does not inline a
// derived constructor's super() call, and a parse makes thousands of these.
import type { Range } from '../types';
import type { Comment, ConfigDocument, ElementNode, EmbeddedCode, IncludeNode, Node, ParamNode, QuoteStyle, Value } from './ast';
import type { LineIndex } from './line-index';

/** Shared by every value without embedded Ruby: never written to. */
const NO_EMBEDDED: readonly EmbeddedCode[] = Object.freeze([]);

export class ElementImpl implements ElementNode {
  declare readonly kind: 'element';
  declare readonly children: Node[];
  declare private readonly idx: LineIndex;
  declare readonly name: string;
  declare readonly arg: string;
  declare start: number;
  /** Until the element closes: the end of its start tag. */
  declare end: number;
  /** End of the start tag. */
  declare openEnd: number;
  /** The argument's offsets; -1 when there is no argument. */
  declare argStart: number;
  declare argEnd: number;
  /** The end tag's offsets; -1 while the element is unclosed. */
  declare closeStart: number;
  declare closeEnd: number;
  declare readonly parent: ElementNode | undefined;

  constructor(
    idx: LineIndex,
    name: string,
    arg: string,
    start: number,
    openEnd: number,
    argStart: number,
    argEnd: number,
    parent: ElementNode | undefined,
  ) {
    this.kind = 'element';
    this.children = [];
    this.idx = idx;
    this.name = name;
    this.arg = arg;
    this.start = start;
    this.end = openEnd;
    this.openEnd = openEnd;
    this.argStart = argStart;
    this.argEnd = argEnd;
    this.closeStart = -1;
    this.closeEnd = -1;
    this.parent = parent;
  }

  /** Moves the element's own offsets (not its children's) by `delta`. */
  shift(delta: number): void {
    this.start += delta;
    this.end += delta;
    this.openEnd += delta;
    if (this.argStart >= 0) {
      this.argStart += delta;
      this.argEnd += delta;
    }
    if (this.closeStart >= 0) {
      this.closeStart += delta;
      this.closeEnd += delta;
    }
  }

  /** The name follows `<` directly (Fluentd allows nothing between). */
  get nameRange(): Range {
    return this.idx.range(this.start + 1, this.start + 1 + this.name.length);
  }
  get argRange(): Range | undefined {
    return this.argStart < 0 ? undefined : this.idx.range(this.argStart, this.argEnd);
  }
  get openRange(): Range {
    return this.idx.range(this.start, this.openEnd);
  }
  get closeRange(): Range | undefined {
    return this.closeStart < 0 ? undefined : this.idx.range(this.closeStart, this.closeEnd);
  }
  get range(): Range {
    return this.idx.range(this.start, this.end);
  }
}

export class ParamImpl implements ParamNode {
  declare readonly kind: 'param';
  declare private readonly idx: LineIndex;
  declare readonly key: string;
  declare start: number;
  declare keyEnd: number;
  /** The value; null while it is a plain unquoted one at [plainStart, plainEnd) not read yet. */
  declare private val: Value | undefined | null;
  declare private plainStart: number;
  declare private plainEnd: number;
  declare readonly parent: ElementNode | undefined;

  constructor(idx: LineIndex, key: string, start: number, keyEnd: number, parent: ElementNode | undefined) {
    this.kind = 'param';
    this.idx = idx;
    this.key = key;
    this.start = start;
    this.keyEnd = keyEnd;
    this.val = undefined;
    this.plainStart = -1;
    this.plainEnd = -1;
    this.parent = parent;
  }

  /**
   * A plain unquoted value (`key value` with nothing quoted, escaped or commented) at
   * [start, end): its Value is made when first read, as most lines of a parse are such
   * values and a request after an edit reads few of them.
   */
  setPlainValue(start: number, end: number): void {
    this.val = null;
    this.plainStart = start;
    this.plainEnd = end;
  }

  get value(): Value | undefined {
    if (this.val === null) this.val = new ValueImpl(this.idx, 'none', undefined, this.plainStart, this.plainEnd);
    return this.val;
  }
  set value(v: Value | undefined) {
    this.val = v;
  }

  get end(): number {
    return this.val === null ? this.plainEnd : this.val ? this.val.end : this.keyEnd;
  }

  /** Moves the parameter and its value by `delta`. */
  shift(delta: number): void {
    this.start += delta;
    this.keyEnd += delta;
    if (this.val === null) {
      this.plainStart += delta;
      this.plainEnd += delta;
    } else if (this.val) (this.val as ValueImpl).shift(delta);
  }
  get keyRange(): Range {
    return this.idx.range(this.start, this.keyEnd);
  }
  get range(): Range {
    return this.idx.range(this.start, this.end);
  }
}

export class ValueImpl implements Value {
  declare private readonly idx: LineIndex;
  declare readonly style: QuoteStyle;
  /** The value's text; undefined until first read when it is a stretch of the source (see `text`). */
  declare private decoded: string | undefined;
  declare start: number;
  declare end: number;
  /** The `#{…}` spans; null until first read for a plain double-quoted value (see `embedded`). */
  declare private spans: readonly EmbeddedCode[] | null;

  /**
   * `text` undefined: the value's text is its source (unquoted or JSON), or for a double-quoted
   * value what stands between its quotes, which then holds no escape and no `#{…}` other than
   * code closing at its first `}` (the parser's plain quoted line); `embedded` is then null.
   * Both are read from the source on first use: a parse makes one value per line, and a
   * request reads only some of them.
   */
  constructor(
    idx: LineIndex,
    style: QuoteStyle,
    text: string | undefined,
    start: number,
    end: number,
    embedded: readonly EmbeddedCode[] | null = NO_EMBEDDED,
  ) {
    this.idx = idx;
    this.style = style;
    this.decoded = text;
    this.start = start;
    this.end = end;
    this.spans = embedded;
  }

  /** The value as Fluentd reads it. */
  get text(): string {
    if (this.decoded === undefined) {
      this.decoded =
        this.style === 'double' ? this.idx.text.slice(this.start + 1, this.end - 1) : this.idx.text.slice(this.start, this.end);
    }
    return this.decoded;
  }

  /** The `#{…}` code in a double-quoted value, in order. */
  get embedded(): readonly EmbeddedCode[] {
    if (this.spans === null) this.spans = plainEmbeddedSpans(this.idx, this.start + 1, this.end - 1);
    return this.spans;
  }

  shift(delta: number): void {
    this.start += delta;
    this.end += delta;
    // spans not read yet are read later from the moved offsets
    if (this.spans) for (const e of this.spans) (e as EmbeddedImpl).shift(delta);
  }

  /** The source text: an unquoted or JSON value's text, a quoted one with its quotes and escapes. */
  get raw(): string {
    return this.style === 'none' || this.style === 'json' ? this.text : this.idx.text.slice(this.start, this.end);
  }

  get range(): Range {
    return this.idx.range(this.start, this.end);
  }
}

/** The `#{…}` spans in [from, to) of the source, each closing at its first `}` (a plain quoted value). */
function plainEmbeddedSpans(idx: LineIndex, from: number, to: number): readonly EmbeddedCode[] {
  const text = idx.text;
  let out: EmbeddedImpl[] | undefined;
  for (let p = text.indexOf('#{', from); p >= 0 && p < to; p = text.indexOf('#{', p)) {
    const brace = text.indexOf('}', p + 2);
    (out ??= []).push(new EmbeddedImpl(idx, text.slice(p + 2, brace), p, brace + 1));
    p = brace + 1;
  }
  return out ?? NO_EMBEDDED;
}

export class EmbeddedImpl implements EmbeddedCode {
  declare private readonly idx: LineIndex;
  declare readonly code: string;
  declare start: number;
  declare end: number;

  constructor(idx: LineIndex, code: string, start: number, end: number) {
    this.idx = idx;
    this.code = code;
    this.start = start;
    this.end = end;
  }

  shift(delta: number): void {
    this.start += delta;
    this.end += delta;
  }

  get range(): Range {
    return this.idx.range(this.start, this.end);
  }
}

export class CommentImpl implements Comment {
  declare private readonly idx: LineIndex;
  declare start: number;
  declare end: number;

  constructor(idx: LineIndex, start: number, end: number) {
    this.idx = idx;
    this.start = start;
    this.end = end;
  }

  /** Sliced when asked: only the formatter reads comments' text. */
  get text(): string {
    return this.idx.text.slice(this.start, this.end);
  }

  get range(): Range {
    return this.idx.range(this.start, this.end);
  }
}

export class DocumentImpl implements ConfigDocument {
  declare readonly kind: 'document';
  declare private readonly idx: LineIndex;
  declare readonly children: Node[];
  /** Each comment's start and end offsets, in source order (what a reparse takes over). */
  declare readonly commentSpans: readonly number[];
  declare private commentNodes: Comment[] | undefined;
  declare start: number;
  declare end: number;

  constructor(idx: LineIndex, children: Node[], commentSpans: readonly number[]) {
    this.kind = 'document';
    this.idx = idx;
    this.children = children;
    this.commentSpans = commentSpans;
    this.commentNodes = undefined;
    this.start = 0;
    this.end = idx.text.length;
  }

  /** The comments, made when first asked: only folding and the formatter read them. */
  get comments(): Comment[] {
    if (!this.commentNodes) {
      const spans = this.commentSpans;
      const out: Comment[] = [];
      for (let i = 0; i < spans.length; i += 2) out.push(new CommentImpl(this.idx, spans[i], spans[i + 1]));
      this.commentNodes = out;
    }
    return this.commentNodes;
  }

  get range(): Range {
    return this.idx.range(this.start, this.end);
  }
}

export class IncludeImpl implements IncludeNode {
  declare readonly kind: 'include';
  declare private readonly idx: LineIndex;
  declare readonly keyword: string;
  declare readonly path: string;
  declare start: number;
  /** The keyword's end (a quoted `"@include"` key includes its quotes). */
  declare keywordEnd: number;
  declare pathStart: number;
  declare end: number;
  declare readonly parent: ElementNode | undefined;

  constructor(
    idx: LineIndex,
    keyword: string,
    path: string,
    start: number,
    keywordEnd: number,
    pathStart: number,
    end: number,
    parent: ElementNode | undefined,
  ) {
    this.kind = 'include';
    this.idx = idx;
    this.keyword = keyword;
    this.path = path;
    this.start = start;
    this.keywordEnd = keywordEnd;
    this.pathStart = pathStart;
    this.end = end;
    this.parent = parent;
  }

  shift(delta: number): void {
    this.start += delta;
    this.keywordEnd += delta;
    this.pathStart += delta;
    this.end += delta;
  }

  get keywordRange(): Range {
    return this.idx.range(this.start, this.keywordEnd);
  }
  get pathRange(): Range {
    return this.idx.range(this.pathStart, this.end);
  }
  get range(): Range {
    return this.idx.range(this.start, this.end);
  }
}

/** Moves a node and everything inside it by `delta` (iterative: any depth is fine). */
export function shiftTree(node: Node, delta: number): void {
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    (n as ElementImpl | ParamImpl | IncludeImpl).shift(delta);
    if (n.kind === 'element') for (const c of n.children) stack.push(c);
  }
}
