// What "Try log lines…" tries at a position: the in_tail <source> around it (lines through its
// <parse>, then its route), another <source> (JSON records routed from it), or a lone <parse>
// (a parser filter's, a syslog source's: lines through the parser only).
import type { ElementNode } from '../../parser/ast';
import type { Position } from '../../types';
import { nodeAt, param, type ParsedTree } from '../../walk';

export type TryTarget =
  | { mode: 'tail'; source: ElementNode; parse: ElementNode | undefined }
  | { mode: 'events'; source: ElementNode }
  | { mode: 'parse'; parse: ElementNode };

export function typeOf(el: ElementNode): string | undefined {
  return param(el, '@type', 'type')?.value?.text;
}

export function firstChild(el: ElementNode, name: string): ElementNode | undefined {
  for (const c of el.children) if (c.kind === 'element' && c.name === name) return c;
  return undefined;
}

/** The target for an element that holds the position (its innermost <parse> or <source> ancestor). */
export function targetOf(el: ElementNode | undefined): TryTarget | undefined {
  let parse: ElementNode | undefined;
  for (let e = el; e; e = e.parent) {
    if (e.name === 'parse' && !parse) parse = e;
    if (e.name === 'source') {
      if (typeOf(e) === 'tail') return { mode: 'tail', source: e, parse: parse ?? firstChild(e, 'parse') };
      // in_syslog, in_tcp, in_http read lines with their <parse>, but only in_tail's reading is simulated
      return parse ? { mode: 'parse', parse } : { mode: 'events', source: e };
    }
  }
  return parse ? { mode: 'parse', parse } : undefined;
}

export function targetAt(parsed: ParsedTree, pos: Position): TryTarget | undefined {
  const hit = nodeAt(parsed, pos);
  const el = hit.node?.kind === 'element' ? hit.node : hit.element;
  return targetOf(el);
}
