// Routing findings Fluentd only shows at runtime, if ever (all warnings):
//   unmatched-source  no <match> of the source's router can match any of its tags:
//                     every event is dropped ("no patterns matched tag=…")
//   dead-filter       every tag the <filter> matches is taken by an earlier <match>
//   shadowed-match    every tag the <match> matches is taken by an earlier <match>
//   unused-label      no @label anywhere sends events to this <label>
// Only what the config proves is reported: unknown tags, computed patterns, @include
// of unknown content and `/regexp/` against wildcard tags all silence a finding.
import type { Diagnostic, Range } from '../types';
import type { SourceFile } from '../includes/host';
import type { ConfigTree, TreeElement } from '../includes/tree';
import { coversWorkers, sharesWorker, buildModel, type Rule, type RoutingModel, type Scope, type Source } from './model';
import { PatternSet } from './pattern';
import { mayMatch, overlap, patternTaken } from './query';
import { tagsDisplay, type TagTemplate } from './tags';

export interface RoutingFinding {
  file: SourceFile;
  diagnostic: Diagnostic;
}

/** `Diagnostic.data` of unmatched-source: pattern edits that make a <match> catch the source. */
export interface PatternFix {
  uri: string;
  /** The <match> argument. */
  range: Range;
  /** The whole new argument. */
  newText: string;
  /** e.g. `kubernetes.*` → `kubernetes.**` */
  title: string;
}

/** Labels Fluentd itself sends events to. */
const BUILTIN_LABELS = new Set(['@ERROR', '@FLUENT_LOG']);
const MAX_RELATED = 3;

export function analyzeRouting(tree: ConfigTree, model: RoutingModel = buildModel(tree)): RoutingFinding[] {
  const out: RoutingFinding[] = [];
  for (const scope of [model.root, ...model.labels.values()]) coveredRules(scope, out);
  for (const src of model.sources) unmatchedSource(model, src, out);
  unusedLabels(model, out);
  return out;
}

function at(el: TreeElement): Range {
  return el.node.argRange ?? el.node.openRange;
}

function tagText(el: TreeElement): string {
  return el.node.arg ? `<${el.node.name} ${el.node.arg}>` : `<${el.node.name}>`;
}

function related(rules: Rule[]) {
  return rules
    .slice(0, MAX_RELATED)
    .map((r) => ({ uri: r.el.file.uri, range: r.el.node.openRange, message: `${tagText(r.el)} takes these events first` }));
}

/**
 * dead-filter and shadowed-match: every tag of the rule is taken by earlier matches
 * of its scope. Earlier matches are indexed by the literal start of their patterns,
 * so a config of thousands of distinct literal patterns stays near linear.
 */
function coveredRules(scope: Scope, out: RoutingFinding[]): void {
  const index = new EarlierMatches();
  for (const r of scope.rules) {
    if (r.patterns) {
      const takers = index.takers(r);
      if (takers) {
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
            related: related(takers),
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

function scopeOf(model: RoutingModel, label: string | undefined): Scope | undefined {
  if (label === undefined) return undefined;
  return label === '' ? model.root : model.labels.get(label);
}

function unmatchedSource(model: RoutingModel, src: Source, out: RoutingFinding[]): void {
  if (src.tags.kind !== 'tags') return;
  const scope = scopeOf(model, src.label);
  // a label that does not exist is the structure check's error; unknown includes may hold matches
  if (!scope || !scope.complete) return;
  const matches = scope.rules.filter((r) => r.kind === 'match' && sharesWorker(r.workers, src.workers));
  // no <match> at all: a fragment meant to be included, not a config dropping everything
  if (!matches.length) return;
  const { templates } = src.tags;
  for (const m of matches) {
    if (!m.patterns) return;
    if (mayMatch(templates, m.patterns) !== false) return;
  }
  const tagParam = src.el.children.find((c) => c.kind === 'param' && c.node.key === 'tag');
  const range = tagParam && tagParam.kind === 'param' ? (tagParam.node.value?.range ?? tagParam.node.range) : src.el.node.openRange;
  const fixes = patternFixes(templates, matches);
  const where = scope.name ? ` in <label ${scope.name}>` : '';
  const note = src.tags.note ? ` (${src.tags.note})` : '';
  out.push({
    file: src.el.file,
    diagnostic: {
      range,
      severity: 'warning',
      code: 'unmatched-source',
      message:
        `No <match>${where} matches the tags of this source — ${tagsDisplay(src.tags)}${note}: Fluentd drops every event at runtime ("no patterns matched").` +
        (fixes.length ? ` ${fixes[0].title} would catch them.` : ''),
      related: matches
        .slice(0, MAX_RELATED)
        .map((m) => ({ uri: m.el.file.uri, range: m.el.node.openRange, message: `${tagText(m.el)} does not match these tags` })),
      ...(fixes.length ? { data: { fixes } } : {}),
    },
  });
}

/**
 * `*` matches one tag part: where a match would catch the source's tags with its
 * whole-part `*` widened to `**`, that is the fix (`kubernetes.*` → `kubernetes.**`).
 */
export function patternFixes(templates: readonly TagTemplate[], matches: readonly Rule[]): PatternFix[] {
  const fixes: PatternFix[] = [];
  for (const m of matches) {
    const { node, file } = m.el;
    const range = node.argRange;
    if (!range || range.start.line !== range.end.line) continue;
    const idx = file.parsed.lineIndex;
    const written = file.text.slice(idx.offsetAt(range.start), idx.offsetAt(range.end));
    if (written !== node.arg) continue; // quoted or escaped: leave it to the user
    const pats = node.arg.split(/(\s+)/);
    let changed = false;
    const widened = pats.map((p) => {
      if (/^\s+$/.test(p) || p.startsWith('/')) return p;
      const w = p.replace(/(^|\.)\*(?=$|\.)/g, '$1**');
      if (w !== p) changed = true;
      return w;
    });
    if (!changed) continue;
    const newText = widened.join('');
    if (mayMatch(templates, PatternSet.of(newText)) !== true) continue;
    fixes.push({ uri: file.uri, range, newText, title: `<match ${newText}> instead of <match ${node.arg}>` });
  }
  return fixes;
}

function unusedLabels(model: RoutingModel, out: RoutingFinding[]): void {
  if (model.unknownLabelRef || !model.tree.complete) return;
  // a tree without sources is a fragment: its labels are used from elsewhere
  if (!model.sources.length) return;
  for (const [name, scope] of model.labels) {
    if (!name || BUILTIN_LABELS.has(name) || model.labelRefs.has(name) || !scope.label) continue;
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
