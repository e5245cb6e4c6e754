// Which config includes this file? A fragment (kubernetes/containers.conf) only makes
// sense in the tree of the root that reads it (fluent.conf): its labels, its
// matches. Roots are looked for among the host's candidates (the file's directory
// and a few above it, open documents): a candidate whose include graph reaches the
// file, and that no other such candidate includes in turn.
import { posix } from 'node:path';
import { includes } from '../walk';
import type { ConfigHost } from './host';
import { resolveInclude } from './resolve';

/** Cap on the files visited while looking for roots of one file. */
const MAX_VISITS = 400;
/** Candidates larger than this are not parsed to look for includes (no real root is this big). */
const MAX_ROOT_CHARS = 2 * 1024 * 1024;
/** Only a file that says `include` can include anything. */
const MAY_INCLUDE = /(^|\s)@?include\s/m;

/** Conventional names of a root config, tried first when several roots qualify. */
const ROOT_NAMES = ['fluent.conf', 'fluentd.conf', 'td-agent.conf'];

export function findRoots(path: string, host: ConfigHost): string[] {
  const edges = new Map<string, string[]>();
  let visits = 0;
  const targetsOf = (p: string): string[] => {
    let out = edges.get(p);
    if (out) return out;
    out = [];
    edges.set(p, out);
    if (++visits > MAX_VISITS) return out;
    const text = host.peek(p, MAX_ROOT_CHARS);
    if (text === undefined || text.length > MAX_ROOT_CHARS || !MAY_INCLUDE.test(text)) return out;
    const file = host.file(p);
    if (!file) return out;
    for (const inc of includes(file.parsed.document.children)) {
      const r = resolveInclude(file, inc, host);
      if (r.kind === 'files') out.push(...r.paths);
    }
    return out;
  };
  /** Every file reachable from `start` through includes (start excluded unless in a cycle). */
  const closure = (start: string): Set<string> => {
    const seen = new Set<string>();
    const queue = [...targetsOf(start)];
    while (queue.length) {
      const p = queue.shift()!;
      if (seen.has(p)) continue;
      seen.add(p);
      queue.push(...targetsOf(p));
    }
    return seen;
  };

  const reachers = new Map<string, Set<string>>();
  for (const c of host.rootCandidates(path)) {
    if (c === path) continue;
    const reach = closure(c);
    if (reach.has(path)) reachers.set(c, reach);
  }
  // a root is a reacher no other reacher includes (in a cycle, every member qualifies)
  const roots = [...reachers.keys()].filter(
    (c) => ![...reachers].some(([other, reach]) => other !== c && reach.has(c) && !reachers.get(c)!.has(other)),
  );
  return roots.sort(byRootPreference);
}

function byRootPreference(a: string, b: string): number {
  const ra = ROOT_NAMES.indexOf(posix.basename(a));
  const rb = ROOT_NAMES.indexOf(posix.basename(b));
  if (ra !== rb) return (ra < 0 ? 99 : ra) - (rb < 0 ? 99 : rb);
  const da = a.split('/').length;
  const db = b.split('/').length;
  return da - db || (a < b ? -1 : a > b ? 1 : 0);
}
