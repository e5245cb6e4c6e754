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
    readonly text: string,
    readonly start: number,
    readonly end: number,
    readonly embedded: readonly EmbeddedCode[] = NO_EMBEDDED,
  ) {}

  /** Unquoted and JSON values are their source; a quoted one is sliced when asked. */
  get raw(): string {
    return this.style === 'none' || this.style === 'json' ? this.text : this.idx.text.slice(this.start, this.end);
  }

  get range(): Range {
    return this.idx.range(this.start, this.end);
  }
}

// Embedded code, comments and the document are separate classes, not subclasses of
// one: V8 does not inline a derived constructor's super() call, and a parse makes
// thousands of comments.

export class EmbeddedImpl implements EmbeddedCode {
  constructor(
    private readonly idx: LineIndex,
    readonly code: string,
    readonly start: number,
    readonly end: number,
  ) {}

  get range(): Range {
    return this.idx.range(this.start, this.end);
  }
}

export class CommentImpl implements Comment {
  constructor(
    private readonly idx: LineIndex,
    readonly start: number,
    readonly end: number,
  ) {}

  /** Sliced when asked: only the formatter reads comments' text. */
  get text(): string {
    return this.idx.text.slice(this.start, this.end);
  }

  get range(): Range {
    return this.idx.range(this.start, this.end);
  }
}

export class DocumentImpl implements ConfigDocument {
  readonly kind = 'document';
  readonly start = 0;
  readonly end: number;

  constructor(
    private readonly idx: LineIndex,
    readonly children: Node[],
    readonly comments: Comment[],
  ) {
    this.end = idx.text.length;
  }

  get range(): Range {
    return this.idx.range(this.start, this.end);
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
