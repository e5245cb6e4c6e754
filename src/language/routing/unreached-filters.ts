// dead-filter (unreached): a <filter> no arriving tag can reach. Events pass the filters
// of their router that match their tag, up to the first <match> that takes them; when
// every tag that arrives in the router (arrivals.ts) either fails the filter's patterns
// or is taken by an earlier <match>, the filter never runs. The classic case:
// `<filter kubernetes.*>` after an in_tail source tagged kubernetes.var.log.containers.<file>.log.
// Only what the config proves is reported (the same reasoning as unmatched-source).
import type { Diagnostic } from '../types';
import { arrivals, type Arrival } from './arrivals';
import { code, MAX_RELATED, sourceName, sourceTagRange, tagText, takenFirst } from './finding-text';
import { coversWorkers, sharesWorker, type Rule, type RoutingModel, type Scope } from './model';
import { filterFixes } from './pattern-fixes';
import type { PatternSet } from './pattern';
import { mayMatch, someTag } from './query';
import { tagsDisplay, type TagTemplate } from './tags';

export interface UnreachedFilter {
  rule: Rule;
  diagnostic: Diagnostic;
}

/** Filters no arriving event reaches; `skip` holds filters already reported (taken by earlier matches). */
export function unreachedFilters(model: RoutingModel, skip: ReadonlySet<Rule> = new Set()): UnreachedFilter[] {
  // a tree without sources is a fragment: its events come from the config that includes it
  if (!model.sources.length) return [];
  const out: UnreachedFilter[] = [];
  for (const [scope, list] of arrivals(model)) {
    const earlier: Rule[] = [];
    for (const r of scope.rules) {
      if (r.kind === 'match') earlier.push(r);
      else if (r.patterns && !skip.has(r)) {
        const d = unreached(scope, r, earlier, list);
        if (d) out.push({ rule: r, diagnostic: d });
      }
    }
  }
  return out;
}

/** At most this many arrivals are listed in an explanation. */
const MAX_LISTED = 6;

/** An arrival and the tags of it whose literal start the filter could match. */
interface Near {
  arrival: Arrival;
  templates: TagTemplate[];
  /** Some of those match the filter, but an earlier <match> takes them all first. */
  takenBy?: Rule[];
}

/** `earlier`: the <match>es before the filter in its router. */
function unreached(scope: Scope, f: Rule, earlier: readonly Rule[], list: readonly Arrival[]): Diagnostic | undefined {
  const set = f.patterns!;
  const mine = list.filter((a) => sharesWorker(f.workers, a.workers));
  const near: Near[] = [];
  for (const a of mine) {
    // tags whose literal start the patterns cannot match are out at once (most of a big config's)
    const templates = a.templates.filter((t) => set.mayStartWith(t.prefix));
    if (!templates.length) continue;
    const before = earlier.filter((r) => coversWorkers(r.workers, a.workers) || coversWorkers(r.workers, f.workers));
    if (before.some((r) => !r.patterns)) {
      // a computed pattern may take some: only tags the filter cannot match count as proof
      if (mayMatch(templates, set) !== false) return undefined;
      near.push({ arrival: a, templates });
      continue;
    }
    if (someTag(templates, set, patternsOf(before)) !== false) return undefined;
    const matched = mayMatch(templates, set) !== false;
    near.push({ arrival: a, templates, ...(matched ? { takenBy: before.filter((r) => mayMatch(templates, r.patterns!) !== false) } : {}) });
  }
  // events only from Fluentd's own log (a router no source reaches) are the unused-label's business
  if (!mine.some((a) => a.source)) return undefined;
  return describe(scope, f, mine, near);
}

/** The finding: the short fact, the sources (those the filter seems meant for first), the takers, the fix. */
function describe(scope: Scope, f: Rule, mine: readonly Arrival[], near: readonly Near[]): Diagnostic {
  const pattern = f.el.node.arg || '**';
  const meant = near.filter((n) => n.arrival.source);
  const fixes = filterFixes(
    meant.flatMap((n) => n.templates),
    [f],
  );
  const ordered = [...meant.map((n) => n.arrival), ...mine.filter((a) => a.source && !meant.some((n) => n.arrival === a))];
  const takers = [...new Set(near.flatMap((n) => n.takenBy ?? []))];
  const related = ordered.slice(0, MAX_RELATED).map((a) => {
    const taken = near.find((n) => n.arrival === a)?.takenBy;
    return {
      uri: a.source!.el.file.uri,
      range: sourceTagRange(a.source!),
      message: `${sourceName(a.source!)} tags its events ${tagList(a.templates)}${a.via ? ` (relabelled here by ${tagText(a.via.el)})` : ''}: ${
        taken ? `${pattern} matches them, but an earlier <match> takes them first` : `${pattern} matches none of them`
      }`,
    };
  });
  related.push(...takenFirst(takers));
  if (fixes.length)
    related.push({
      uri: f.el.file.uri,
      range: f.el.node.openRange,
      message: `'*' matches exactly one tag part: <filter ${fixes[0].newText}> would receive them`,
    });
  const listed = [...ordered, ...mine.filter((a) => !a.source)];
  const lines = [
    `A filter runs on the events whose tag it matches, before the \`<match>\` that takes them. The events that arrive in ${
      scope.name ? code(`<label ${scope.name}>`) : 'this router'
    } are tagged:`,
    listed
      .slice(0, MAX_LISTED)
      .map((a) => `- ${code(tagList(a.templates))}${a.source ? `, from ${code(sourceName(a.source))}${reason(a)}` : ", Fluentd's own log"}`)
      .concat(listed.length > MAX_LISTED ? [`- … and ${listed.length - MAX_LISTED} more`] : [])
      .join('\n'),
    `${code(pattern)} matches none of them${
      takers.length ? ` that an earlier \`<match>\` does not take first (${takers.map((r) => code(tagText(r.el))).join(', ')})` : ''
    }: this filter never runs.`,
  ];
  if (fixes.length) lines.push(`\`*\` matches exactly one tag part: ${code(`<filter ${fixes[0].newText}>`)} would receive them.`);
  return {
    range: f.el.node.argRange ?? f.el.node.openRange,
    severity: 'warning',
    code: 'dead-filter',
    message: takers.length
      ? `No event reaches this filter: the arriving tags it matches are taken by an earlier <match> first`
      : `No event reaches this filter: no tag that arrives here matches ${pattern}`,
    related,
    explanation: lines.join('\n\n'),
    ...(fixes.length ? { data: { fixes } } : {}),
  };
}

function patternsOf(rules: readonly Rule[]): PatternSet[] {
  return rules.map((r) => r.patterns!);
}

function tagList(templates: readonly TagTemplate[]): string {
  return tagsDisplay({ kind: 'tags', templates: [...templates] });
}

/** Why the tags are not the `tag` as written, and how they got to a label. */
function reason(a: Arrival): string {
  const tags = a.source!.tags;
  const note = tags.kind === 'tags' ? tags.note : tags.kind === 'runtime' ? tags.reason : undefined;
  const parts = [note, a.via ? `relabelled by ${code(tagText(a.via.el))}` : undefined].filter(Boolean);
  return parts.length ? ` (${parts.join('; ')})` : '';
}
