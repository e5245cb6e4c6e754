// Routing findings Fluentd only shows at runtime, if ever (all warnings):
//   unmatched-source  no <match> of the source's router can match any of its tags:
//                     every event is dropped ("no patterns matched tag=…")
//   dead-filter       every tag the <filter> matches is taken by an earlier <match>, or
//                     no tag that arrives in its router reaches it (unreached-filters.ts)
//   shadowed-match    every tag the <match> matches is taken by an earlier <match>
//   unused-label      no @label (nor a plugin parameter such as timeout_label) sends events to this <label>
//   routing-not-analysed (information) a pattern was too costly to test against a tag
//                     (the analysis has a step budget); what depends on it is not reported
// Only what the config proves is reported: unknown tags, computed patterns, @include
// of unknown content and `/regexp/` against wildcard tags all silence a finding.
import type { Diagnostic } from '../types';
import type { SourceFile } from '../includes/host';
import type { ConfigTree, TreeElement } from '../includes/tree';
import { labelsNamedByParams } from './arrivals';
import { shortestAccepted } from './automaton';
import { exhausted, withBudget, type CostlyTest } from './budget';
import { at, MAX_RELATED, tagText, takenFirst } from './finding-text';
import { coversWorkers, buildModel, type Rule, type RoutingModel, type Scope } from './model';
import { PatternSet, type Pattern } from './pattern';
import { PatternIndex } from './pattern-index';
import { overlap, patternTaken } from './query';
import { unmatchedSource } from './unmatched-source';
import { unreachedFilters } from './unreached-filters';
import { Memo } from '../memo';

export interface RoutingFinding {
  file: SourceFile;
  diagnostic: Diagnostic;
}

/** Labels Fluentd itself sends events to. */
const BUILTIN_LABELS = new Set(['@ERROR', '@FLUENT_LOG']);

/** Work one analysis may take (budget.ts): about 150 ms; real configs, even of 20,000 rules, use a small part of it. */
export const ANALYSIS_STEP_BUDGET = 1_500_000;

export function analyzeRouting(tree: ConfigTree, model: RoutingModel = buildModel(tree), budget = ANALYSIS_STEP_BUDGET): RoutingFinding[] {
  const out: RoutingFinding[] = [];
  const covered = new Set<Rule>();
  const { value: stoppedAt, costly } = withBudget(budget, (): TreeElement | undefined => {
    for (const scope of [model.root, ...model.labels.values()]) {
      const stop = coveredRules(scope, out, covered);
      if (stop) return stop;
    }
    for (const src of model.sources) {
      if (exhausted()) return src.el;
      const d = unmatchedSource(model, src);
      if (d) out.push({ file: src.el.file, diagnostic: d });
    }
    const unreached = unreachedFilters(model, covered);
    // an answer given after the budget ran out may be a "cannot tell" read as proof: not reported
    if (exhausted()) return model.sources[0]?.el;
    for (const u of unreached) out.push({ file: u.rule.el.file, diagnostic: u.diagnostic });
    return undefined;
  });
  unusedLabels(model, out);
  notAnalysed(model, costly, out);
  if (stoppedAt) {
    out.push({
      file: stoppedAt.file,
      diagnostic: {
        range: at(stoppedAt),
        severity: 'information',
        code: 'routing-not-analysed',
        message: `Routing not analysed from here on (too costly): the config has more rules and patterns than the analysis can work through quickly, so shadowed matches, dead filters and unmatched sources from here on are not reported.`,
      },
    });
  }
  return out;
}

/** One note per rule whose pattern was too costly to test: its findings may be missing. */
function notAnalysed(model: RoutingModel, costly: readonly CostlyTest[], out: RoutingFinding[]): void {
  if (!costly.length) return;
  const byPattern = new Map<string, CostlyTest>();
  for (const c of costly) if (!byPattern.has(c.pattern)) byPattern.set(c.pattern, c);
  for (const scope of [model.root, ...model.labels.values()]) {
    for (const r of scope.rules) {
      const hit = r.patterns?.patterns.map((p) => byPattern.get(p.text)).find((c) => c);
      if (!hit) continue;
      const tag = hit.tag.length > 60 ? `${hit.tag.slice(0, 60)}… (${hit.tag.length} characters)` : hit.tag;
      out.push({
        file: r.el.file,
        diagnostic: {
          range: at(r.el),
          severity: 'information',
          code: 'routing-not-analysed',
          message: `Routing not analysed here (too costly): testing ${hit.pattern} against the tag ${tag} would take too long, so findings about this <${r.kind}> may be missing.`,
        },
      });
    }
  }
}

/**
 * dead-filter and shadowed-match: every tag of the rule is taken by earlier matches
 * of its scope. Earlier matches are indexed by the literal start and end of their
 * patterns (pattern-index.ts), so a config of thousands of distinct patterns stays
 * near linear.
 */
function coveredRules(scope: Scope, out: RoutingFinding[], covered: Set<Rule>): TreeElement | undefined {
  const index = new EarlierMatches();
  for (const r of scope.rules) {
    if (exhausted()) return r.el; // the budget ran out: the rest is not analysed
    if (r.patterns) {
      const takers = index.takers(r);
      if (takers) {
        covered.add(r);
        const filter = r.kind === 'filter';
        const names = takers.map((t) => tagText(t.el)).join(', ');
        out.push({
          file: r.el.file,
          diagnostic: {
            range: at(r.el),
            severity: 'warning',
            code: filter ? 'dead-filter' : 'shadowed-match',
            message: filter
              ? `This filter never runs: every tag it matches is taken by an earlier <match> (${names}), and events only pass filters that come before their <match>. Move it above.`
              : `This <match> never receives events: every tag it matches is taken by an earlier <match> (${names}) — the first match wins. Move it above or narrow the earlier pattern.`,
            related: takenFirst(takers),
          },
        });
      }
    }
    if (r.kind === 'match' && r.patterns) index.add(r);
  }
  return undefined;
}

/**
 * Earlier rules looked at for one question, at most: past it the answer is "cannot tell"
 * (no finding). A real pattern is taken by one or two broad earlier matches.
 */
const MAX_CANDIDATES = 256;
/** Stands for "any character" in a witness tag: no pattern names it. */
const WITNESS_FILLER = '\u0001';

/**
 * A shortest tag of a glob pattern: a pure function of the pattern, asked for each rule by every
 * analysis (each edit, each fluentd-lint run), so kept on the pattern (patterns are shared, see
 * compilePattern). Searching it again was a third of the allocation of a routing-heavy fuzz input.
 */
const WITNESS = new Memo<Pattern, string | undefined>('witness');
let witnessSearches = 0;

function witnessOf(p: Pattern): string | undefined {
  if (WITNESS.has(p)) return WITNESS.get(p);
  witnessSearches++;
  const w = shortestAccepted(p.nfa!, WITNESS_FILLER);
  WITNESS.set(p, w);
  return w;
}

/** How many witness tags were searched for (for tests: once per pattern, however often analysed). */
export function witnessSearchCount(): number {
  return witnessSearches;
}

/** The earlier <match> rules of a scope, one per distinct patterns and workers, indexed by literal start and end. */
class EarlierMatches {
  private readonly seen = new Set<string>();
  private readonly index = new PatternIndex<Rule>();
  private readonly catchAll: Rule[] = [];

  add(r: Rule): void {
    const key = `${r.patterns!.key}\u0000${r.workers === 'all' ? '' : r.workers.join(',')}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (r.patterns!.matchesAll) this.catchAll.push(r);
    else this.index.add(r, r.patterns!);
  }

  /** The earlier matches that take every tag of `r` (a few, for the message), or undefined when some tag gets through. */
  takers(r: Rule): Rule[] | undefined {
    const set = r.patterns!;
    const covers = (e: Rule) => coversWorkers(e.workers, r.workers);
    const all = this.catchAll.find(covers);
    if (all) return [all];
    const takers: Rule[] = [];
    for (const p of set.patterns) {
      if (p.literal !== undefined) {
        // one tag: the earlier patterns that can match it start and end like it; the first that does takes it
        const candidates = this.index.broader(p.literal, p.literal).slice(0, MAX_CANDIDATES);
        const hit = candidates.find((e) => covers(e) && e.patterns!.test(p.literal!) === true);
        if (!hit) return undefined;
        if (!takers.includes(hit)) takers.push(hit);
        continue;
      }
      if (p.isRegexp) return undefined; // a /regexp/: taken only where it is proven
      // one short tag of the pattern must be taken too: most patterns are out at this point
      const w = witnessOf(p);
      if (w === undefined) continue; // matches nothing
      const usable = (e: Rule) => covers(e) && e.patterns!.modelled;
      const takesWitness = this.index
        .broader(w, w)
        .slice(0, MAX_CANDIDATES)
        .filter((e) => usable(e) && e.patterns!.test(w) === true);
      if (!takesWitness.length) return undefined;
      const single = PatternSet.of(p.text);
      // the broad matches that take that tag usually take all; else every compatible earlier match together
      let before = takesWitness;
      if (
        !patternTaken(
          single,
          before.map((e) => e.patterns!),
        )
      ) {
        const all = this.index.compatible(p.prefix, p.suffix, MAX_CANDIDATES)?.filter(usable);
        if (
          !all ||
          all.length === before.length ||
          !patternTaken(
            single,
            all.map((e) => e.patterns!),
          )
        )
          return undefined;
        before = all;
      }
      for (const e of before) {
        if (takers.length >= MAX_RELATED) break;
        if (!takers.includes(e) && overlap(set, e.patterns!)) takers.push(e);
      }
    }
    return takers.slice(0, MAX_RELATED);
  }
}

function unusedLabels(model: RoutingModel, out: RoutingFinding[]): void {
  if (model.unknownLabelRef || !model.tree.complete) return;
  // a tree without sources is a fragment: its labels are used from elsewhere
  if (!model.sources.length) return;
  const named = labelsNamedByParams(model);
  for (const [name, scope] of model.labels) {
    if (!name || BUILTIN_LABELS.has(name) || model.labelRefs.has(name) || named.has(name) || !scope.label) continue;
    out.push({
      file: scope.label.file,
      diagnostic: {
        range: at(scope.label),
        severity: 'warning',
        code: 'unused-label',
        message: `No @label sends events to <label ${name}>: nothing in it ever runs. Route a <source> (@label ${name}) or an output (@type relabel) to it.`,
        data: { name },
      },
    });
  }
}
