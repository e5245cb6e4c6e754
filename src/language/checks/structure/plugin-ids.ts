// duplicate-id: an @id (or a directive's v0.12 `id`) used twice in the same worker scope.
import type { Catalog } from '../../catalog';
import type { ElementNode, ParamNode } from '../../parser/ast';
import { diag, valueText } from '../util';
import type { ParamRule } from './param-rule';

export function duplicateId(catalog: Catalog): ParamRule {
  const ids = new Map<string, { param: ParamNode; scope: string | undefined }>();
  return (c, e) => {
    if (!((c.key === '@id' || (c.key === 'id' && catalog.definitionFor(e).role === 'directive')) && c.value)) return undefined;
    const id = valueText(c);
    const scope = workerScope(e);
    const first = ids.get(id);
    if (first && (first.scope === undefined || scope === undefined || first.scope === scope)) {
      return {
        ...diag(c.value.range, 'error', 'duplicate-id', `Duplicated plugin id \`${id}\`. Check whole configuration and fix it.`, {
          name: id,
        }),
        related: [{ range: first.param.range, message: `the first @id ${id}` }],
      };
    }
    if (!first) ids.set(id, { param: c, scope });
    return undefined;
  };
}

/** The <worker> an element sits in (its argument), or undefined for every worker. */
function workerScope(e: ElementNode): string | undefined {
  for (let p: ElementNode | undefined = e; p; p = p.parent) if (p.name === 'worker' && !p.parent) return p.arg.trim();
  return undefined;
}
