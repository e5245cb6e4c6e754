// The syntax tree of a Fluentd v1 config. Every node keeps where it stands in the
// text, so diagnostics, outline, hover and formatting can point back into it.
// Nothing here is evaluated: `#{…}` is kept as a node, @include is kept as a path.
//
// A node stores UTF-16 offsets (`start`, `end`); its LSP ranges are computed from
// them when read (see nodes.ts). A 10,000-line config has some 100,000 ranges and
// most are never read: building them all made the parse mostly garbage collection.
// A range read twice is two equal objects, not the same one.
import type { Range } from '../types';

/** Where a node stands in the parsed text: UTF-16 offsets, `end` exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Node = ElementNode | ParamNode | IncludeNode;

export interface ConfigDocument extends Span {
  readonly kind: 'document';
  readonly children: Node[];
  /** Every `# comment` (outside values), in source order; the formatter keeps them. */
  readonly comments: Comment[];
  readonly range: Range;
}

/** `<name arg> … </name>` — a directive (source/match/…) or a section (buffer/parse/…). */
export interface ElementNode extends Span {
  readonly kind: 'element';
  readonly name: string;
  readonly nameRange: Range;
  /** The argument as Fluentd reads it (trimmed; a quoted one unquoted and unescaped); '' when absent. */
  readonly arg: string;
  readonly argRange?: Range;
  /** The start tag `<name arg>`. */
  readonly openRange: Range;
  /** Offset just past the start tag's `>` (or where its recovery stopped). */
  readonly openEnd: number;
  /** Offsets of the end tag; -1 when the element is never closed. */
  readonly closeStart: number;
  readonly closeEnd: number;
  /** The end tag `</name>`; absent when the element is never closed. */
  readonly closeRange?: Range;
  /** From `<` of the start tag to `>` of the end tag (or the last child when unclosed). */
  readonly range: Range;
  readonly children: Node[];
  /** Parent element; undefined for a root-level element. */
  readonly parent?: ElementNode;
}

/** `key value` — a parameter. */
export interface ParamNode extends Span {
  readonly kind: 'param';
  readonly key: string;
  readonly keyRange: Range;
  /** Absent when the key stands alone on its line (Fluentd gives it the value ""). */
  readonly value?: Value;
  readonly range: Range;
  readonly parent?: ElementNode;
}

export type QuoteStyle = 'none' | 'single' | 'double' | 'json';

export interface Value extends Span {
  readonly style: QuoteStyle;
  /** The source text of the value, quotes included. */
  readonly raw: string;
  /**
   * The value as Fluentd sees it before conversion: escapes resolved, quotes removed.
   * Embedded Ruby is left as its source text `#{…}` (it is never evaluated).
   */
  readonly text: string;
  readonly range: Range;
  /** `#{…}` spans inside a double-quoted value (evaluated by Fluentd at start-up). */
  readonly embedded: readonly EmbeddedCode[];
}

export interface EmbeddedCode extends Span {
  /** Ruby source between `#{` and `}`. */
  readonly code: string;
  readonly range: Range;
}

/** `@include path-or-glob` (or the deprecated root-level `include`). */
export interface IncludeNode extends Span {
  readonly kind: 'include';
  /** `@include` or `include`. */
  readonly keyword: string;
  readonly keywordRange: Range;
  readonly path: string;
  readonly pathRange: Range;
  readonly range: Range;
  readonly parent?: ElementNode;
}

export interface Comment extends Span {
  readonly text: string;
  readonly range: Range;
}
