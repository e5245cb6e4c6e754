// Questions about tag sets against patterns, answered exactly where the patterns are
// globs and conservatively (undefined = cannot tell) where a `/regexp/` meets a tag
// with unknown parts. One tag is tested with the pattern's RegExp; a template with
// wildcard parts goes through the automata.
import { exists } from './automaton';
import { unionOf, type PatternSet } from './pattern';
import type { TagTemplate } from './tags';

type Answer = boolean | undefined;

function relevant(t: TagTemplate, sets: readonly PatternSet[]): PatternSet[] {
  return sets.filter((s) => s.mayStartWith(t.prefix));
}

/** Does some tag of the templates match `set`? */
export function mayMatch(templates: readonly TagTemplate[], set: PatternSet): Answer {
  return someTag(templates, set, []);
}

/** Does some tag of the templates match `set` and none of `earlier` (it reaches `set`)? */
export function someTag(templates: readonly TagTemplate[], set: PatternSet, earlier: readonly PatternSet[]): Answer {
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
      const dfa = set.union;
      if (!dfa) r = undefined;
      else {
        const before = relevant(t, earlier);
        const modelled = before.filter((e) => e.modelled);
        const neg = modelled.length ? unionOf(modelled) : undefined;
        r = exists(t.nfa, [dfa], neg ? [neg] : []);
        // an earlier /regexp/ may take what the automata let through
        if (r === true && modelled.length < before.length) r = undefined;
      }
    }
    if (r === true) return true;
    if (r === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

/** Is every tag of the templates matched by one of `sets`? (false when unsure) */
export function allTaken(templates: readonly TagTemplate[], sets: readonly PatternSet[]): boolean {
  for (const t of templates) {
    if (t.concrete !== undefined) {
      if (!sets.some((s) => s.test(t.concrete!) === true)) return false;
      continue;
    }
    const modelled = relevant(t, sets).filter((s) => s.modelled);
    if (!modelled.length) return false;
    const u = unionOf(modelled);
    if (!u || exists(t.nfa, [], [u]) !== false) return false;
  }
  return true;
}

/** Is every tag `set` matches already matched by one of `earlier`? (false when unsure) */
export function patternTaken(set: PatternSet, earlier: readonly PatternSet[]): boolean {
  if (!set.modelled) return false;
  for (const p of set.patterns) {
    const before = earlier.filter((e) => e.modelled && (e.mayStartWith(p.prefix) || p.prefix === ''));
    if (!before.length) return false;
    const u = unionOf(before);
    if (!u || exists(p.nfa!, [], [u]) !== false) return false;
  }
  return true;
}

/** Could some tag match both? (true when unsure) */
export function overlap(a: PatternSet, b: PatternSet): boolean {
  if (!a.modelled || !b.modelled) return true;
  for (const p of a.patterns) {
    if (!b.mayStartWith(p.prefix)) continue;
    if (exists(p.nfa!, [b.union!], []) !== false) return true;
  }
  return false;
}
