// The pattern edits routing findings offer as quick fixes: widen a whole-part `*` to
// `**` where that makes a <match> catch a source's tags (unmatched-source), and the
// <filter>s on the same path with it, or makes a <filter> receive them (dead-filter).
// Carried in `Diagnostic.data.fixes`; the code actions provider turns them into edits.
import type { Range } from '../types';
import type { TreeElement } from '../includes/tree';
import { widenStars } from './finding-text';
import type { Rule } from './model';
import { PatternSet } from './pattern';
import { allTaken, mayMatch } from './query';
import type { TagTemplate } from './tags';

/** One new <match>/<filter> argument. */
export interface PatternEdit {
  uri: string;
  /** The argument. */
  range: Range;
  /** The whole new argument. */
  newText: string;
}

/** `Diagnostic.data.fixes` of unmatched-source and dead-filter. */
export interface PatternFix extends PatternEdit {
  /** e.g. `<match kubernetes.**> instead of <match kubernetes.*>` */
  title: string;
  /** The <filter>s on the same path widened with it, so the source's events pass them too. */
  filters?: (PatternEdit & { title: string })[];
}

/** The widened argument of a rule, when it is written plainly on one line (quoted or escaped ones are left to the user). */
function widened(el: TreeElement): PatternEdit | undefined {
  const { node, file } = el;
  const range = node.argRange;
  if (!range || range.start.line !== range.end.line) return undefined;
  const idx = file.parsed.lineIndex;
  if (file.text.slice(idx.offsetAt(range.start), idx.offsetAt(range.end)) !== node.arg) return undefined;
  const newText = widenStars(node.arg);
  return newText === undefined ? undefined : { uri: file.uri, range, newText };
}

/**
 * The matches that, widened, catch the source's tags (`kubernetes.*` → `kubernetes.**`),
 * each with the filters before it in `rules` that would then receive all of them.
 */
export function matchFixes(templates: readonly TagTemplate[], matches: readonly Rule[], rules: readonly Rule[] = []): PatternFix[] {
  const fixes: PatternFix[] = [];
  for (const m of matches) {
    const edit = widened(m.el);
    if (!edit || mayMatch(templates, PatternSet.of(edit.newText)) !== true) continue;
    const fix: PatternFix = { ...edit, title: `<match ${edit.newText}> instead of <match ${m.el.node.arg}>` };
    const filters = filterFixes(templates, rules.slice(0, Math.max(0, rules.indexOf(m))));
    if (filters.length) fix.filters = filters;
    fixes.push(fix);
  }
  return fixes;
}

/** The filters of `rules` that match none of the tags now and, widened, match every one of them. */
export function filterFixes(templates: readonly TagTemplate[], rules: readonly Rule[]): (PatternEdit & { title: string })[] {
  const out: (PatternEdit & { title: string })[] = [];
  for (const f of rules) {
    if (f.kind !== 'filter' || !f.patterns || mayMatch(templates, f.patterns) !== false) continue;
    const edit = widened(f.el);
    if (!edit || !allTaken(templates, [PatternSet.of(edit.newText)])) continue;
    out.push({ ...edit, title: `<filter ${edit.newText}> instead of <filter ${f.el.node.arg}>` });
  }
  return out;
}
