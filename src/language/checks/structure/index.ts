// The shape of the whole config, as Fluentd's RootAgent and Label read it, as named rules:
// a single <system>, labels (unique, not @ROOT, each with a <match>, every @label pointing
// at one), unique @id, and <worker> ranges and children. Run in this order, so findings
// come in the order they always did.
import type { Diagnostic } from '../../types';
import type { Check } from '../check';
import { allElements, catalogOf, childElements, hasIncludes, isEvaluated } from '../util';
import { undefinedLabel } from './label-references';
import { labelDefinitions } from './labels';
import type { ParamRule } from './param-rule';
import { duplicateId } from './plugin-ids';
import { duplicateSystem } from './system';
import { workerDirectives } from './workers';

export const structureCheck: Check = (ctx) => {
  const catalog = catalogOf(ctx);
  const root = ctx.parsed.document.children;
  const includes = hasIncludes(ctx);
  const systems = childElements(undefined, root).filter((e) => e.name === 'system');
  const out: Diagnostic[] = duplicateSystem(systems);
  const { findings, labels } = labelDefinitions(allElements(ctx), catalog);
  out.push(...findings);
  // @label references and @id: one walk over the parameters Fluentd does not evaluate
  const paramRules: ParamRule[] = [undefinedLabel(ctx, catalog, labels, includes), duplicateId(catalog)];
  for (const e of allElements(ctx)) {
    for (const c of e.children) {
      if (c.kind !== 'param' || isEvaluated(c)) continue;
      for (const rule of paramRules) {
        const d = rule(c, e);
        if (d) out.push(d);
      }
    }
  }
  out.push(...workerDirectives(root, systems, includes));
  return out;
};
