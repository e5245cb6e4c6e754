// The shape of the whole config, as Fluentd's RootAgent and Label read it: labels
// (unique, not @ROOT, each with a <match>, every @label pointing at one), unique
// @id, <worker> ranges and children, a single <system>, and what <label> holds.
import type { ElementNode, ParamNode } from '../parser/ast';
import type { Diagnostic } from '../types';
import type { Check } from './check';
import { allElements, catalogOf, childElements, diag, findParamNode, hasIncludes, isEvaluated, valueText } from './util';

/** Labels Fluentd defines itself (events go there even when no <label> is written). */
const SPECIAL_LABELS = new Set(['@ERROR', '@FLUENT_LOG']);
const WORKER_CHILDREN = new Set(['source', 'match', 'filter', 'label']);
const LABEL_CHILDREN = new Set(['filter', 'match']);

export const structureCheck: Check = (ctx) => {
  const catalog = catalogOf(ctx);
  const out: Diagnostic[] = [];
  const root = ctx.parsed.document.children;
  const includes = hasIncludes(ctx);

  // ---- <system> ----
  const systems = childElements(undefined, root).filter((e) => e.name === 'system');
  for (const extra of systems.slice(1)) {
    out.push({
      ...diag(extra.openRange, 'error', 'duplicate-system', '<system> is written more than once: Fluentd reads a single <system> section.'),
      related: [{ range: systems[0].openRange, message: 'the first <system>' }],
    });
  }
  const workers = workerCount(systems[0]);

  // ---- labels ----
  const labels = new Map<string, ElementNode>();
  for (const e of allElements(ctx)) {
    if (e.name !== 'label' || catalog.definitionFor(e).role !== 'label') continue;
    const name = e.arg;
    if (!name) {
      out.push(diag(e.openRange, 'error', 'label-without-name', 'Missing symbol argument on <label> directive: write <label @NAME>.'));
      continue;
    }
    if (name === '@ROOT') {
      out.push(
        diag(e.argRange ?? e.openRange, 'error', 'root-label', '@ROOT for <label> is not permitted, reserved for getting root router.'),
      );
    }
    const first = labels.get(name);
    if (first) {
      out.push({
        ...diag(e.openRange, 'error', 'duplicate-label', `Section <label ${name}> appears twice.`, { name }),
        related: [{ range: first.openRange, message: `the first <label ${name}>` }],
      });
    } else labels.set(name, e);
    const children = childElements(e);
    if (!children.some((c) => c.name === 'match')) {
      out.push(diag(e.openRange, 'error', 'label-without-match', `Missing <match> sections in <label ${name}> section.`, { name }));
    }
    for (const c of children) {
      // elements the catalogue does not know are the schema check's (unknown-section)
      if (!LABEL_CHILDREN.has(c.name) && catalog.definitionFor(c).role !== 'unknown') {
        out.push(
          diag(
            c.nameRange,
            'warning',
            'unknown-section',
            `section <${c.name}> is not used in <label ${name}>: a label holds only <filter> and <match>.`,
            {
              name: c.name,
            },
          ),
        );
      }
    }
  }

  // ---- @label references and @id ----
  const ids = new Map<string, { param: ParamNode; scope: string | undefined }>();
  let known: string[] | undefined;
  for (const e of allElements(ctx)) {
    for (const c of e.children) {
      if (c.kind !== 'param' || isEvaluated(c)) continue;
      if (c.key === '@label' && c.value) {
        const name = valueText(c);
        // with the whole config known, a label defined in the root or another fragment counts
        if (!labels.has(name) && !SPECIAL_LABELS.has(name) && !ctx.tree?.labels.has(name)) {
          known ??= [...new Set([...labels.keys(), ...(ctx.tree?.labels.keys() ?? [])])];
          // did-you-mean among a handful of labels; among hundreds it costs more than it helps
          const near = known.length <= 200 ? catalog.closest(name, known) : undefined;
          const hint = near ? ` Did you mean ${near}?` : '';
          out.push(
            (ctx.tree ? !ctx.tree.complete : includes)
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
                }),
          );
        }
      }
      if ((c.key === '@id' || (c.key === 'id' && catalog.definitionFor(e).role === 'directive')) && c.value) {
        const id = valueText(c);
        const scope = workerScope(e);
        const first = ids.get(id);
        if (first && (first.scope === undefined || scope === undefined || first.scope === scope)) {
          out.push({
            ...diag(c.value.range, 'error', 'duplicate-id', `Duplicated plugin id \`${id}\`. Check whole configuration and fix it.`, {
              name: id,
            }),
            related: [{ range: first.param.range, message: `the first @id ${id}` }],
          });
        } else if (!first) ids.set(id, { param: c, scope });
      }
    }
  }

  // ---- <worker> ----
  const used = new Map<number, ElementNode>();
  for (const e of childElements(undefined, root)) {
    if (e.name !== 'worker') continue;
    const arg = e.arg.trim();
    if (!arg) {
      out.push(
        diag(e.openRange, 'error', 'worker-without-id', 'Missing worker id on <worker> directive: write <worker N> or <worker N-M>.'),
      );
    } else {
      const ids = workerIds(arg);
      if ('error' in ids) out.push(diag(e.argRange ?? e.openRange, 'error', 'worker-id', ids.error));
      else if (workers !== undefined) {
        for (const id of ids.list) {
          if (id < 0 || id > workers - 1) {
            out.push(
              diag(
                e.argRange ?? e.openRange,
                'error',
                'worker-id',
                `worker id ${id} specified by <worker> directive is not allowed. Available worker id is between 0 and ${workers - 1}${systems.length || includes ? '' : ' (no <system> sets workers, so there is one worker)'}.`,
              ),
            );
            break;
          }
          const first = used.get(id);
          if (first) {
            out.push({
              ...diag(
                e.argRange ?? e.openRange,
                'error',
                'worker-id',
                `specified worker_id<${id}> collisions is detected on <worker> directive.`,
              ),
              related: [{ range: first.openRange, message: `worker ${id} is already configured here` }],
            });
            break;
          }
          used.set(id, e);
        }
      }
    }
    for (const c of childElements(e)) {
      if (!WORKER_CHILDREN.has(c.name)) {
        out.push(diag(c.nameRange, 'error', 'worker-child', `<worker> section cannot have <${c.name}> directive.`, { name: c.name }));
      }
    }
  }
  return out;

  function workerCount(system: ElementNode | undefined): number | undefined {
    const p = system && findParamNode(system, 'workers');
    if (!p) return systems.length || !includes ? 1 : undefined; // <system> may live in an included file
    if (isEvaluated(p)) return undefined;
    const n = Number.parseInt(valueText(p), 10);
    return Number.isFinite(n) ? n : 1;
  }
};

/** The <worker> an element sits in (its argument), or undefined for every worker. */
function workerScope(e: ElementNode): string | undefined {
  for (let p: ElementNode | undefined = e; p; p = p.parent) if (p.name === 'worker' && !p.parent) return p.arg.trim();
  return undefined;
}

function workerIds(arg: string): { list: number[] } | { error: string } {
  const parts = arg.split('-');
  if (parts.length === 2) {
    const a = Number.parseInt(parts[0], 10) || 0;
    const b = Number.parseInt(parts[1], 10) || 0;
    if (a > b) {
      return {
        error: `greater first_worker_id<${a}> than last_worker_id<${b}> specified by <worker> directive is not allowed. Available multi worker assign syntax is <smaller_worker_id>-<greater_worker_id>`,
      };
    }
    const list: number[] = [];
    for (let i = a; i <= b && list.length < 4096; i++) list.push(i);
    return { list };
  }
  return { list: [Number.parseInt(arg, 10) || 0] };
}
