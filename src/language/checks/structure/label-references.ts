// undefined-label: an @label that names no <label> — an error when the whole config is
// known (or the file includes nothing), a warning when the label may come from an @include.
import type { Catalog } from '../../catalog';
import type { ElementNode } from '../../parser/ast';
import type { CheckContext } from '../check';
import { diag, valueText } from '../util';
import type { ParamRule } from './param-rule';

/** Labels Fluentd defines itself (events go there even when no <label> is written). */
const SPECIAL_LABELS = new Set(['@ERROR', '@FLUENT_LOG']);

export function undefinedLabel(ctx: CheckContext, catalog: Catalog, labels: Map<string, ElementNode>, includes: boolean): ParamRule {
  let known: string[] | undefined;
  return (c) => {
    if (c.key !== '@label' || !c.value) return undefined;
    const name = valueText(c);
    // with the whole config known, a label defined in the root or another fragment counts
    if (labels.has(name) || SPECIAL_LABELS.has(name) || ctx.tree?.labels.has(name)) return undefined;
    known ??= [...new Set([...labels.keys(), ...(ctx.tree?.labels.keys() ?? [])])];
    // did-you-mean among a handful of labels; among hundreds it costs more than it helps
    const near = known.length <= 200 ? catalog.closest(name, known) : undefined;
    const hint = near ? ` Did you mean ${near}?` : '';
    return (ctx.tree ? !ctx.tree.complete : includes)
      ? diag(
          c.value.range,
          'warning',
          'undefined-label',
          `No <label ${name}> in this file (it may come from an @include); Fluentd stops with "${name} label not found" if none exists.${hint}`,
          {
            name,
            ...(near ? { replacement: near } : {}),
          },
        )
      : diag(c.value.range, 'error', 'undefined-label', `${name} label not found: no <label ${name}> is defined.${hint}`, {
          name,
          ...(near ? { replacement: near } : {}),
        });
  };
}
