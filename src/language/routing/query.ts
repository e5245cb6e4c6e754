// Questions about tag sets against patterns, answered exactly where the patterns are
// globs and conservatively (undefined = cannot tell) where a `/regexp/` meets a tag
// with unknown parts. One tag is tested with the pattern's RegExp; a template with
// wildcard parts goes through the automata. Answers are memoised: big configs repeat
// the same patterns and tag shapes many times.
import { exists } from './automaton';
import { charged } from './budget';
import { unionOf, type PatternSet } from './pattern';
import type { TagTemplate } from './tags';

type Answer = boolean | undefined;

const memo = new Map<string, { value: Answer; cost: number }>();

/** Memoised, and charged to the routing budget in force at its first cost (budget.ts). */
function remember(key: string, compute: () => Answer): Answer {
  return charged(memo, key, compute);
}

/** Sets that may share a tag with the template (literal prefixes compatible), unique by key. */
function relevant(prefix: string, sets: readonly PatternSet[]): PatternSet[] {
  const out = new Map<string, PatternSet>();
  for (const s of sets) if (s.mayStartWith(prefix)) out.set(s.key, s);
  return [...out.values()];
}

/** Does some tag of the templates match `set`? */
export function mayMatch(templates: readonly TagTemplate[], set: PatternSet): Answer {
  return someTag(templates, set, []);
}

/** Does some tag of the templates match `set` and none of `earlier` (it reaches `set`)? */
export function someTag(templates: readonly TagTemplate[], set: PatternSet, earlier: readonly PatternSet[]): Answer {
  if (earlier.some((e) => e.matchesAll)) return false;
  let unknown = false;
  for (const t of templates) {
    let r: Answer;
    if (t.concrete !== undefined) {
      const hit = set.test(t.concrete);
      if (hit === false) continue;
      const taken = earlier.map((e) => e.test(t.concrete!));
      // a pattern we cannot run might have taken it: only "no" is certain
      r = taken.some((x) => x === true) ? false : hit === true && taken.every((x) => x === false) ? true : undefined;
    } else {
      if (!set.mayStartWith(t.prefix)) continue;
      const before = relevant(t.prefix, earlier);
      r = remember(`some\u0000${t.key}\u0000${set.key}\u0000${before.map((b) => b.key).join('\u0001')}`, () => {
        const dfa = set.union;
        if (!dfa) return undefined;
        const modelled = before.filter((e) => e.modelled);
        const neg = modelled.length ? unionOf(modelled) : undefined;
        const found = exists(t.nfa, [dfa], neg ? [neg] : []);
        // an earlier /regexp/ may take what the automata let through
        return found === true && modelled.length < before.length ? undefined : found;
      });
    }
    if (r === true) return true;
    if (r === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

/** Is every tag of the templates matched by one of `sets`? (false when unsure) */
export function allTaken(templates: readonly TagTemplate[], sets: readonly PatternSet[]): boolean {
  if (sets.some((s) => s.matchesAll)) return true;
  for (const t of templates) {
    if (t.concrete !== undefined) {
      if (!sets.some((s) => s.test(t.concrete!) === true)) return false;
      continue;
    }
    const modelled = relevant(t.prefix, sets).filter((s) => s.modelled);
    if (!modelled.length) return false;
    const covered = remember(`all\u0000${t.key}\u0000${modelled.map((m) => m.key).join('\u0001')}`, () => {
      const u = unionOf(modelled);
      return !!u && exists(t.nfa, [], [u]) === false;
    });
    if (!covered) return false;
  }
  return true;
}

/** Is every tag `set` matches already matched by one of `earlier`? (false when unsure) */
export function patternTaken(set: PatternSet, earlier: readonly PatternSet[]): boolean {
  if (!set.modelled) return false;
  if (earlier.some((e) => e.matchesAll)) return true;
  if (set.matchesAll) return false; // only `**` covers `**`
  for (const p of set.patterns) {
    const before = relevant(p.prefix, earlier).filter((e) => e.modelled);
    if (!before.length) return false;
    const covered = remember(`taken\u0000${p.text}\u0000${before.map((b) => b.key).join('\u0001')}`, () => {
      // one earlier set usually covers alone: cheaper than the union
      for (const b of before) if (exists(p.nfa!, [], [b.union!]) === false) return true;
      if (before.length === 1) return false;
      const u = unionOf(before);
      return !!u && exists(p.nfa!, [], [u]) === false;
    });
    if (!covered) return false;
  }
  return true;
}

/** Could some tag match both? (true when unsure) */
export function overlap(a: PatternSet, b: PatternSet): boolean {
  if (!a.modelled || !b.modelled) return true;
  if (a.matchesAll || b.matchesAll) return true;
  return (
    remember(`overlap\u0000${a.key}\u0000${b.key}`, () => {
      for (const p of a.patterns) {
        if (!b.mayStartWith(p.prefix)) continue;
        if (exists(p.nfa!, [b.union!], []) !== false) return true;
      }
      return false;
    }) !== false
  );
}
