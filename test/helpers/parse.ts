// Small helpers for parser tests: parse a text and look at its diagnostics, nodes
// and the source text a range covers.
import { parse, type ParseResult } from '../../src/language/parser';
import type { ConfigDocument, ElementNode, IncludeNode, Node, ParamNode } from '../../src/language/parser';
import type { Diagnostic, Range } from '../../src/language/types';

export { parse };

export function errors(r: ParseResult | string): Diagnostic[] {
  const res = typeof r === 'string' ? parse(r) : r;
  return res.diagnostics.filter((d) => d.severity === 'error');
}

export function warnings(r: ParseResult | string): Diagnostic[] {
  const res = typeof r === 'string' ? parse(r) : r;
  return res.diagnostics.filter((d) => d.severity === 'warning');
}

/** `code@line` (0-based line) of every diagnostic, in order: compact to assert on. */
export function codes(r: ParseResult | string): string[] {
  const res = typeof r === 'string' ? parse(r) : r;
  return res.diagnostics.map((d) => `${d.code}@${d.range.start.line}`);
}

/** The source text a range covers. */
export function textAt(r: ParseResult, range: Range): string {
  return r.lineIndex.text.slice(r.lineIndex.offsetAt(range.start), r.lineIndex.offsetAt(range.end));
}

/** [line, character, line, character] of a range, for compact assertions. */
export function pos(range: Range | undefined): [number, number, number, number] | undefined {
  return range && [range.start.line, range.start.character, range.end.line, range.end.character];
}

export function asElement(n: Node | undefined): ElementNode {
  if (!n || n.kind !== 'element') throw new Error(`expected an element, got ${n ? n.kind : 'nothing'}`);
  return n;
}

export function asParam(n: Node | undefined): ParamNode {
  if (!n || n.kind !== 'param') throw new Error(`expected a param, got ${n ? n.kind : 'nothing'}`);
  return n;
}

export function asInclude(n: Node | undefined): IncludeNode {
  if (!n || n.kind !== 'include') throw new Error(`expected an include, got ${n ? n.kind : 'nothing'}`);
  return n;
}

/** The only top-level param of a one-line config `k …`. */
export function paramOf(text: string): { r: ParseResult; p: ParamNode } {
  const r = parse(text);
  return { r, p: asParam(r.document.children[0]) };
}

/** The value text Fluentd would see for `k <value>` (undefined when the key stands alone). */
export function valueOf(text: string): string | undefined {
  return paramOf(text).p.value?.text;
}

/** Everything a parse says, as plain data: what the consumers of the tree can read. */
export function dump(r: ParseResult): unknown {
  const node = (n: Node): unknown => {
    switch (n.kind) {
      case 'element':
        return {
          kind: n.kind,
          name: n.name,
          arg: n.arg,
          span: [n.start, n.end],
          nameRange: n.nameRange,
          argRange: n.argRange,
          openRange: n.openRange,
          closeRange: n.closeRange,
          range: n.range,
          parent: n.parent?.start,
          children: n.children.map(node),
        };
      case 'param': {
        const v = n.value;
        return {
          kind: n.kind,
          key: n.key,
          span: [n.start, n.end],
          keyRange: n.keyRange,
          range: n.range,
          parent: n.parent?.start,
          value: v && {
            style: v.style,
            raw: v.raw,
            text: v.text,
            span: [v.start, v.end],
            range: v.range,
            embedded: v.embedded.map((e) => ({ code: e.code, span: [e.start, e.end], range: e.range })),
          },
        };
      }
      case 'include':
        return {
          kind: n.kind,
          keyword: n.keyword,
          path: n.path,
          span: [n.start, n.end],
          keywordRange: n.keywordRange,
          pathRange: n.pathRange,
          range: n.range,
          parent: n.parent?.start,
        };
    }
  };
  const doc: ConfigDocument = r.document;
  return {
    children: doc.children.map(node),
    comments: doc.comments.map((c) => ({ text: c.text, span: [c.start, c.end], range: c.range })),
    range: doc.range,
    diagnostics: r.diagnostics,
  };
}
