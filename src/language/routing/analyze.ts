// Routing findings Fluentd only shows at runtime, if ever (all warnings):
//   unmatched-source  no <match> of the source's router can match any of its tags:
//                     every event is dropped ("no patterns matched tag=…")
//   dead-filter       every tag the <filter> matches is taken by an earlier <match>, or
//                     no tag that arrives in its router reaches it (unreached-filters.ts)
//   shadowed-match    every tag the <match> matches is taken by an earlier <match>
//   unused-label      no @label (nor a plugin parameter such as timeout_label) sends events to this <label>
// Only what the config proves is reported: unknown tags, computed patterns, @include
// of unknown content and `/regexp/` against wildcard tags all silence a finding.
import type { Diagnostic } from '../types';
import type { SourceFile } from '../includes/host';
import type { ConfigTree } from '../includes/tree';
import { labelsNamedByParams } from './arrivals';
import { at, MAX_RELATED, tagText, takenFirst } from './finding-text';
import { coversWorkers, buildModel, type Rule, type RoutingModel, type Scope } from './model';
import { PatternSet } from './pattern';
import { overlap, patternTaken } from './query';
import { unmatchedSource } from './unmatched-source';
import { unreachedFilters } from './unreached-filters';

export interface RoutingFinding {
  file: SourceFile;
  diagnostic: Diagnostic;
}

/** Labels Fluentd itself sends events to. */
const BUILTIN_LABELS = new Set(['@ERROR', '@FLUENT_LOG']);

export function analyzeRouting(tree: ConfigTree, model: RoutingModel = buildModel(tree)): RoutingFinding[] {
  const out: RoutingFinding[] = [];
  const covered = new Set<Rule>();
  for (const scope of [model.root, ...model.labels.values()]) coveredRules(scope, out, covered);
  for (const src of model.sources) {
    const d = unmatchedSource(model, src);
    if (d) out.push({ file: src.el.file, diagnostic: d });
  }
  for (const u of unreachedFilters(model, covered)) out.push({ file: u.rule.el.file, diagnostic: u.diagnostic });
  unusedLabels(model, out);
  return out;
}

/**
 * dead-filter and shadowed-match: every tag of the rule is taken by earlier matches
 * of its scope. Earlier matches are indexed by the literal start of their patterns,
 * so a config of thousands of distinct literal patterns stays near linear.
 */
function coveredRules(scope: Scope, out: RoutingFinding[], covered: Set<Rule>): void {
  const index = new EarlierMatches();
  for (const r of scope.rules) {
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
}

/** The earlier <match> rules of a scope, one per distinct patterns and workers, indexed by literal prefix. */
class EarlierMatches {
  private readonly seen = new Set<string>();
  private readonly all: Rule[] = [];
  private readonly byPrefix = new Map<string, Rule[]>();
  private readonly catchAll: Rule[] = [];

  add(r: Rule): void {
    const key = `${r.patterns!.key}\u0000${r.workers === 'all' ? '' : r.workers.join(',')}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.all.push(r);
    if (r.patterns!.matchesAll) this.catchAll.push(r);
    for (const p of r.patterns!.patterns) {
      const list = this.byPrefix.get(p.prefix);
      if (list) {
        if (list[list.length - 1] !== r) list.push(r);
      } else this.byPrefix.set(p.prefix, [r]);
    }
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
        // one tag: some earlier pattern whose literal start begins it must match it
        let hit: Rule | undefined;
        for (let k = 0; k <= p.literal.length && !hit; k++) {
          for (const e of this.byPrefix.get(p.literal.slice(0, k)) ?? []) {
            if (covers(e) && e.patterns!.test(p.literal) === true) {
              hit = e;
              break;
            }
          }
        }
        if (!hit) return undefined;
        if (!takers.includes(hit)) takers.push(hit);
        continue;
      }
      if (!p.nfa) return undefined; // a /regexp/: taken only where it is proven
      const before = this.all.filter((e) => covers(e) && e.patterns!.mayStartWith(p.prefix) && e.patterns!.modelled);
      if (
        !before.length ||
        !patternTaken(
          PatternSet.of(p.text),
          before.map((e) => e.patterns!),
        )
      )
        return undefined;
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
