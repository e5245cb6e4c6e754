// The parser's node classes: offsets stored, LSP ranges computed on read through the
// parse's LineIndex (see ast.ts for why). Only the parser creates and mutates them;
// everyone else sees the read-only interfaces of ast.ts.
import type { Range } from '../types';
import type { Comment, ConfigDocument, ElementNode, EmbeddedCode, IncludeNode, Node, ParamNode, QuoteStyle, Value } from './ast';
import type { LineIndex } from './lineIndex';

/** Shared by every value without embedded Ruby: never written to. */
const NO_EMBEDDED: readonly EmbeddedCode[] = Object.freeze([]);

export class ElementImpl implements ElementNode {
  readonly kind = 'element';
  readonly children: Node[] = [];
  /** The end tag's offsets; -1 while the element is unclosed. */
  closeStart = -1;
  closeEnd = -1;
  /** Until the element closes: the end of its start tag. */
  end: number;

  constructor(
    private readonly idx: LineIndex,
    readonly name: string,
    readonly arg: string,
    readonly start: number,
    /** End of the start tag. */
    readonly openEnd: number,
    readonly nameStart: number,
    readonly nameEnd: number,
    /** -1 when there is no argument. */
    readonly argStart: number,
    readonly argEnd: number,
    readonly parent: ElementNode | undefined,
  ) {
    this.end = openEnd;
  }

  get nameRange(): Range {
    return this.idx.range(this.nameStart, this.nameEnd);
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
  readonly kind = 'param';
  value: Value | undefined = undefined;

  constructor(
    private readonly idx: LineIndex,
    readonly key: string,
    readonly start: number,
    readonly keyEnd: number,
    readonly parent: ElementNode | undefined,
  ) {}

  get end(): number {
    return this.value ? this.value.end : this.keyEnd;
  }
  get keyRange(): Range {
    return this.idx.range(this.start, this.keyEnd);
  }
  get range(): Range {
    return this.idx.range(this.start, this.end);
  }
}

export class ValueImpl implements Value {
  constructor(
    private readonly idx: LineIndex,
    readonly style: QuoteStyle,
    readonly raw: string,
    readonly text: string,
    readonly start: number,
    readonly end: number,
    readonly embedded: readonly EmbeddedCode[] = NO_EMBEDDED,
  ) {}

  get range(): Range {
    return this.idx.range(this.start, this.end);
  }
}

/** Embedded code, a comment, the whole document: text and a span. */
class Spanned {
  constructor(
    protected readonly idx: LineIndex,
    readonly start: number,
    readonly end: number,
  ) {}

  get range(): Range {
    return this.idx.range(this.start, this.end);
  }
}

export class EmbeddedImpl extends Spanned implements EmbeddedCode {
  constructor(idx: LineIndex, readonly code: string, start: number, end: number) {
    super(idx, start, end);
  }
}

export class CommentImpl extends Spanned implements Comment {
  constructor(idx: LineIndex, readonly text: string, start: number, end: number) {
    super(idx, start, end);
  }
}

export class DocumentImpl extends Spanned implements ConfigDocument {
  readonly kind = 'document';
  constructor(idx: LineIndex, readonly children: Node[], readonly comments: Comment[]) {
    super(idx, 0, idx.text.length);
  }
}

export class IncludeImpl implements IncludeNode {
  readonly kind = 'include';
  constructor(
    private readonly idx: LineIndex,
    readonly keyword: string,
    readonly path: string,
    readonly start: number,
    readonly keywordEnd: number,
    readonly pathStart: number,
    readonly end: number,
    readonly parent: ElementNode | undefined,
  ) {}

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
