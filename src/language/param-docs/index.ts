// What people need to know about a parameter beyond the catalogue's facts: a one-line
// description of what it does (descriptions/, written for this extension), and how often
// real configs set it (usage.ts), which completion ranks by.
import type { ParamDef, ResolvedElement } from '../catalog';
import { PARAM_DESCRIPTIONS } from './descriptions';
import { bundledUsage, contextKey, paramKey, usageScore, type ParamUsage } from './usage';

export { PARAM_DESCRIPTIONS } from './descriptions';
export { bundledUsage, contextKey, paramKey, usageScore, type ParamUsage } from './usage';

/**
 * What the parameter does, in one line; undefined when no description is written for it.
 * `section`: the section element it is set in, for the few names a class uses in several
 * sections with different meanings (`<log> path` vs `<source_only_buffer> path` of <system>).
 */
export function paramDescription(def: ParamDef, section?: string): string | undefined {
  if (def.from) {
    const inSection = section ? PARAM_DESCRIPTIONS[`${def.from}<${section}>#${def.name}`] : undefined;
    const text = inSection ?? PARAM_DESCRIPTIONS[`${def.from}#${def.name}`];
    if (text) return text;
  }
  return PARAM_DESCRIPTIONS[`#${def.name}`];
}

/** The section a parameter of `r` is set in, for paramDescription. */
export function sectionOf(r: ResolvedElement | undefined): string | undefined {
  return r && r.role === 'section' ? r.element.name : undefined;
}

/** How commonly real configs set the parameter where `r` is (0 when the corpus never does). */
export function commonness(def: ParamDef, r: ResolvedElement, usage: ParamUsage = bundledUsage): number {
  const context = contextKey(r);
  return usageScore(usage, paramKey(def, context), context);
}
