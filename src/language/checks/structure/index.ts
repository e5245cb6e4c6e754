// The shape of the whole config, as Fluentd's RootAgent and Label read it, as named rules:
// a single <system>, labels (unique, not @ROOT, each with a <match>, every @label pointing
// at one), unique @id, and <worker> ranges and children. Run in this order, so findings
// come in the order they always did, on the facts of each top-level node (facts.ts).
import type { Diagnostic } from '../../types';
import type { Check } from '../check';
import { catalogOf, childElements, hasIncludes } from '../util';
import { structureFacts } from './facts';
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
  const facts = root.map((n) => structureFacts(n, catalog));
  const { findings, labels } = labelDefinitions(
    facts.flatMap((f) => f.labels),
    catalog,
  );
  out.push(...findings);
  // @label references and @id: the parameters Fluentd does not evaluate, in order
  const paramRules: ParamRule[] = [undefinedLabel(ctx, catalog, labels, includes), duplicateId(catalog)];
  for (const f of facts) {
    for (const { param, element } of f.refs) {
      for (const rule of paramRules) {
        const d = rule(param, element);
        if (d) out.push(d);
      }
    }
  }
  out.push(...workerDirectives(root, systems, includes));
  return out;
};
