// The rules of a scope indexed by the literal start and end of their patterns
// (pattern-index.ts), built once per routing model: "which rules could take some tag of
// this source?" without trying every rule of a 20,000-rule config.
import type { Rule, Scope } from './model';
import { PatternIndex } from './pattern-index';
import type { TagTemplate } from './tags';
import { Memo } from '../memo';

type Kinds = 'match' | 'all';

interface Indexed {
  index: PatternIndex<Rule>;
  /** Rules whose pattern is computed at start-up: they may take anything. */
  computed: Rule[];
  /** Position of each rule in its scope. */
  order: Map<Rule, number>;
}

const indexes = new Memo<Scope, Map<Kinds, Indexed>>();

function indexed(scope: Scope, kinds: Kinds): Indexed {
  let byKinds = indexes.get(scope);
  if (!byKinds) indexes.set(scope, (byKinds = new Map()));
  let hit = byKinds.get(kinds);
  if (!hit) {
    hit = { index: new PatternIndex<Rule>(), computed: [], order: new Map(scope.rules.map((r, i) => [r, i])) };
    for (const r of scope.rules) {
      if (kinds === 'match' && r.kind !== 'match') continue;
      if (r.patterns) hit.index.add(r, r.patterns);
      else hit.computed.push(r);
    }
    byKinds.set(kinds, hit);
  }
  return hit;
}

/** The literal end every tag of a template has. */
export function templateSuffix(t: TagTemplate): string {
  const last = t.tokens[t.tokens.length - 1];
  return typeof last === 'string' ? last : '';
}

/**
 * The rules of `scope` (matches only, or all) that may take some tag of `templates`, in
 * scope order, and those whose pattern is computed; never misses one. undefined when more
 * than `limit` would have to be looked at.
 */
export function ruleCandidates(
  scope: Scope,
  kinds: Kinds,
  templates: readonly TagTemplate[],
  limit: number,
): { rules: Rule[]; computed: Rule[] } | undefined {
  const { index, computed, order } = indexed(scope, kinds);
  const found = new Set<Rule>();
  for (const t of templates) {
    const list = t.concrete !== undefined ? index.broader(t.concrete, t.concrete) : index.compatible(t.prefix, templateSuffix(t), limit);
    if (!list || list.length > limit) return undefined;
    for (const r of list) found.add(r);
  }
  if (templates.length === 1) return { rules: [...found], computed }; // already in order
  return { rules: [...found].sort((a, b) => order.get(a)! - order.get(b)!), computed };
}
