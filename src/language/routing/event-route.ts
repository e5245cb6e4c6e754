// "Show event route": for a <source>, the filters and the match its events pass
// through, in Fluentd's order (EventRouter#find: the filters that match, in order,
// up to the first <match> that matches; then on through relabel/@label into other
// labels). Where only some tags of the source reach a step it is marked partial.
import type { Range } from '../types';
import type { ConfigTree, TreeElement } from '../includes/tree';
import { exhausted, withBudget } from './budget';
import { RETAGGING_OUTPUTS } from './arrivals';
import { buildModel, sharesWorker, type Rule, type RoutingModel, type Scope, type Source } from './model';
import type { PatternSet } from './pattern';
import { allTaken, someTag } from './query';
import { ruleCandidates } from './scope-index';
import { tagsDisplay, type TagTemplate } from './tags';

export interface RouteStep {
  kind: 'filter' | 'match' | 'label' | 'dropped' | 'unknown';
  /** e.g. `<filter kubernetes.**> @type kubernetes_metadata` */
  title: string;
  uri?: string;
  range?: Range;
  type?: string;
  /** Only some of the source's tags get here. */
  partial: boolean;
  /** Nesting: 0 in the source's router, 1 after one relabel, … */
  depth: number;
}

export interface EventRoute {
  source: { uri: string; range: Range; title: string; tags: string; label?: string };
  steps: RouteStep[];
  /** One line: "→ 2 filters → match cloudwatch_logs". */
  summary: string;
}

const MAX_LABEL_HOPS = 4;
/** Steps shown for one source at most; a route through thousands of rules is cut there. */
const MAX_STEPS = 200;
/** Work one source's route may take (budget.ts, about 50 ms); past it the route is cut. */
export const ROUTE_STEP_BUDGET = 500_000;
/** Work the routes of one request may take together (about 150 ms). */
export const ROUTES_STEP_BUDGET = 1_500_000;
/** Rules a source may be tried against through the index; past it every rule is tried in turn. */
const MAX_CANDIDATES = 2_000;

function describe(el: TreeElement, type: string | undefined): string {
  const tag = el.node.arg ? `<${el.node.name} ${el.node.arg}>` : `<${el.node.name}>`;
  return type ? `${tag} @type ${type}` : tag;
}

export function eventRoutes(tree: ConfigTree, model: RoutingModel = buildModel(tree)): EventRoute[] {
  return routesOf(model, model.sources);
}

/** The routes of some sources of a model, sharing one work budget: thousands of sources cannot add up to a long wait. */
export function routesOf(model: RoutingModel, sources: readonly Source[]): EventRoute[] {
  return withBudget(ROUTES_STEP_BUDGET, () => sources.map((s) => eventRoute(model, s))).value;
}

export function eventRoute(model: RoutingModel, src: Source): EventRoute {
  const steps: RouteStep[] = [];
  const sourceInfo = {
    uri: src.el.file.uri,
    range: src.el.node.openRange,
    title: describe(src.el, src.type),
    tags: tagsDisplay(src.tags),
    ...(src.label ? { label: src.label } : {}),
  };
  if (src.tags.kind === 'none') {
    return { source: sourceInfo, steps, summary: `no events (${src.tags.reason})` };
  }
  if (src.label === undefined) {
    steps.push({ kind: 'unknown', title: 'the @label is computed at start-up', partial: false, depth: 0 });
  } else {
    const label = src.label;
    const templates = src.tags.templates;
    withBudget(ROUTE_STEP_BUDGET, () => walk(model, label, templates, src, 0, steps, new Set()));
  }
  return { source: sourceInfo, steps, summary: summarize(src, steps) };
}

/** The route ends here: too many steps, or too costly to work out. */
function cut(steps: RouteStep[], depth: number): boolean {
  if (steps.length < MAX_STEPS && !exhausted()) return false;
  steps.push({
    kind: 'unknown',
    title: 'the route is not followed further here (too many rules, or too costly to work out)',
    partial: false,
    depth,
  });
  return true;
}

/** Walks one scope; true when the route was cut (nothing more may be added). */
function walk(
  model: RoutingModel,
  label: string,
  templates: readonly TagTemplate[],
  src: Source,
  depth: number,
  steps: RouteStep[],
  visited: Set<string>,
): boolean {
  const scope = label === '' ? model.root : model.labels.get(label);
  if (!scope) {
    steps.push({ kind: 'unknown', title: `<label ${label}> is not defined`, partial: false, depth });
    return false;
  }
  if (label)
    steps.push({
      kind: 'label',
      title: `<label ${label}>`,
      uri: scope.label?.file.uri,
      range: scope.label?.node.openRange,
      partial: false,
      depth,
    });
  visited.add(label);
  /** The matches that took some of the tags so far. */
  const earlier: PatternSet[] = [];
  // only the rules that could take one of these tags (and those with computed patterns), in order
  const found = ruleCandidates(scope, 'all', templates, MAX_CANDIDATES);
  const rules = found ? mergeInOrder(scope, found.rules, found.computed) : scope.rules;
  for (const r of rules) {
    if (cut(steps, depth)) return true;
    if (!sharesWorker(r.workers, src.workers)) continue;
    if (!r.patterns) {
      steps.push({ ...ruleStep(r, depth), title: `${describe(r.el, r.type)} (pattern computed at start-up)`, partial: true });
      continue;
    }
    const reach = someTag(templates, r.patterns, earlier);
    if (reach === false) continue;
    // every tag gets here: none was taken before, and the rule matches them all
    const all = reach === true && earlier.length === 0 && allTaken(templates, [r.patterns]);
    steps.push({ ...ruleStep(r, depth), partial: !all });
    if (r.kind !== 'match') continue;
    earlier.push(r.patterns);
    const reEmit = r.outputs.find((t) => RETAGGING_OUTPUTS.has(t));
    if (reEmit)
      steps.push({
        kind: 'unknown',
        title: `${reEmit} emits them again with a new tag (the route goes on at runtime)`,
        partial: false,
        depth: depth + 1,
      });
    for (const next of r.labels) {
      if (visited.has(next) || depth >= MAX_LABEL_HOPS) continue;
      if (walk(model, next, templates, src, depth + 1, steps, new Set(visited))) return true;
    }
    if (all) return false;
  }
  if (cut(steps, depth)) return true;
  if (!earlier.length || !allTaken(templates, earlier)) {
    const none = !earlier.length;
    steps.push({
      kind: 'dropped',
      title: none ? 'no <match>: events are dropped ("no patterns matched")' : 'some tags match no <match>: those events are dropped',
      partial: !none,
      depth,
    });
  }
  return false;
}

/** Candidate rules and rules with computed patterns, in scope order. */
function mergeInOrder(scope: Scope, rules: Rule[], computed: Rule[]): Rule[] {
  if (!computed.length) return rules;
  const keep = new Set([...rules, ...computed]);
  return scope.rules.filter((r) => keep.has(r));
}

function ruleStep(r: Rule, depth: number): RouteStep {
  return {
    kind: r.kind,
    title: describe(r.el, r.type),
    uri: r.el.file.uri,
    range: r.el.node.openRange,
    type: r.type,
    partial: false,
    depth,
  };
}

function summarize(src: Source, steps: RouteStep[]): string {
  const parts: string[] = [];
  if (src.tags.kind === 'runtime') parts.push('tag set at runtime');
  let filters = 0;
  const flush = () => {
    if (filters) parts.push(`${filters} filter${filters > 1 ? 's' : ''}`);
    filters = 0;
  };
  for (const s of steps) {
    if (s.kind === 'filter') filters++;
    else {
      flush();
      if (s.kind === 'match') parts.push(`${s.partial ? 'some to ' : ''}match ${s.type ?? s.title}`);
      else if (s.kind === 'label') parts.push(s.title.replace(/^<label (.*)>$/, 'label $1'));
      else if (s.kind === 'dropped') parts.push(s.partial ? 'rest dropped' : 'dropped: no match');
      else parts.push(s.title);
    }
  }
  flush();
  return `→ ${parts.join(' → ')}`;
}
