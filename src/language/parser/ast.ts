// The syntax tree of a Fluentd v1 config. Every node keeps its source range so
// diagnostics, outline, hover and formatting can point back into the text.
// Nothing here is evaluated: `#{…}` is kept as a node, @include is kept as a path.
import type { Range } from '../types';

export type Node = ElementNode | ParamNode | IncludeNode;

export interface ConfigDocument {
  kind: 'document';
  children: Node[];
  /** Every `# comment` (outside values), in source order; the formatter keeps them. */
  comments: Comment[];
  range: Range;
}

/** `<name arg> … </name>` — a directive (source/match/…) or a section (buffer/parse/…). */
export interface ElementNode {
  kind: 'element';
  name: string;
  nameRange: Range;
  /** The argument as Fluentd reads it (trimmed; a quoted one unquoted and unescaped); '' when absent. */
  arg: string;
  argRange?: Range;
  /** The start tag `<name arg>`. */
  openRange: Range;
  /** The end tag `</name>`; absent when the element is never closed. */
  closeRange?: Range;
  /** From `<` of the start tag to `>` of the end tag (or the last child when unclosed). */
  range: Range;
  children: Node[];
  /** Parent element; undefined for a root-level element. */
  parent?: ElementNode;
}

/** `key value` — a parameter. */
export interface ParamNode {
  kind: 'param';
  key: string;
  keyRange: Range;
  /** Absent when the key stands alone on its line (Fluentd gives it the value ""). */
  value?: Value;
  range: Range;
  parent?: ElementNode;
}

export type QuoteStyle = 'none' | 'single' | 'double' | 'json';

export interface Value {
  style: QuoteStyle;
  /** The source text of the value, quotes included. */
  raw: string;
  /**
   * The value as Fluentd sees it before conversion: escapes resolved, quotes removed.
   * Embedded Ruby is left as its source text `#{…}` (it is never evaluated).
   */
  text: string;
  range: Range;
  /** `#{…}` spans inside a double-quoted value (evaluated by Fluentd at start-up). */
  embedded: EmbeddedCode[];
}

export interface EmbeddedCode {
  /** Ruby source between `#{` and `}`. */
  code: string;
  range: Range;
}

/** `@include path-or-glob` (or the deprecated root-level `include`). */
export interface IncludeNode {
  kind: 'include';
  /** `@include` or `include`. */
  keyword: string;
  keywordRange: Range;
  path: string;
  pathRange: Range;
  range: Range;
  parent?: ElementNode;
}

export interface Comment {
  text: string;
  range: Range;
}
