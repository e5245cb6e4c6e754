// The <worker> directives: an id or range (worker-without-id), ids within the workers
// <system> sets and used once (worker-id), and only source, match, filter and label inside
// (worker-child).
import type { ElementNode, Node } from '../../parser/ast';
import type { Diagnostic } from '../../types';
import { childElements, diag, findParamNode, isEvaluated, valueText } from '../util';

const WORKER_CHILDREN = new Set(['source', 'match', 'filter', 'label']);

/** `root`: the top-level nodes; `systems`: its <system> elements; `includes`: whether the file includes others. */
export function workerDirectives(root: Node[], systems: ElementNode[], includes: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const workers = workerCount(systems, includes);
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
}

/** The `workers` of the first <system>; undefined when unknown (evaluated, or a <system> may live in an included file). */
function workerCount(systems: ElementNode[], includes: boolean): number | undefined {
  const system = systems[0];
  const p = system && findParamNode(system, 'workers');
  if (!p) return systems.length || !includes ? 1 : undefined; // <system> may live in an included file
  if (isEvaluated(p)) return undefined;
  const n = Number.parseInt(valueText(p), 10);
  return Number.isFinite(n) ? n : 1;
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
