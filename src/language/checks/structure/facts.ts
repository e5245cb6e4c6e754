// What the structure rules read of each top-level node, kept per node: the <label> elements in
// it and the @label / @id parameters Fluentd does not evaluate. A node the incremental reparse
// took over is the same object with the same content, so after an edit only the edited
// node is walked again; the rules compare the facts of the whole file each time.
import type { Catalog } from '../../catalog';
import type { ElementNode, Node, ParamNode } from '../../parser/ast';
import { isEvaluated } from '../util';
import { Memo } from '../../memo';

export interface StructureFacts {
  /** `<label>` elements Fluentd reads as labels, depth first. */
  labels: ElementNode[];
  /** `@label`, `@id` and `id` parameters with a static value, with their element, depth first. */
  refs: { param: ParamNode; element: ElementNode }[];
}

const KNOWN = new Memo<Node, { catalog: Catalog; facts: StructureFacts }>('structure facts');
const NONE: StructureFacts = { labels: [], refs: [] };

export function structureFacts(node: Node, catalog: Catalog): StructureFacts {
  if (node.kind !== 'element') return NONE;
  const known = KNOWN.get(node);
  if (known && known.catalog === catalog) return known.facts;
  const facts: StructureFacts = { labels: [], refs: [] };
  // depth first in source order, like allElements
  const stack: ElementNode[] = [node];
  while (stack.length) {
    const e = stack.pop()!;
    if (e.name === 'label' && catalog.definitionFor(e).role === 'label') facts.labels.push(e);
    for (const c of e.children) {
      if (c.kind !== 'param' || !c.value || isEvaluated(c)) continue;
      if (c.key === '@label' || c.key === '@id' || c.key === 'id') facts.refs.push({ param: c, element: e });
    }
    for (let i = e.children.length - 1; i >= 0; i--) {
      const c = e.children[i];
      if (c.kind === 'element') stack.push(c);
    }
  }
  KNOWN.set(node, { catalog, facts });
  return facts;
}
