// The routing view of a config tree: its sources (with their tags and label), and
// the ordered filter/match rules of each scope — the root router and each <label>
// — the way Fluentd's RootAgent and Label add them to their EventRouter.
import { evaluateText, staticValue } from '../includes/static-value';
import { treeParam, type ConfigTree, type TreeElement, type TreeItem } from '../includes/tree';
import { PatternSet } from './pattern';
import { sourceTags, type SourceTags } from './tags';
import { Memo } from '../memo';

/** Which <worker> processes run an element: every worker, or the ids of its <worker N[-M]>. */
export type Workers = 'all' | number[];

export interface Rule {
  kind: 'filter' | 'match';
  el: TreeElement;
  /** The patterns; undefined when the argument is computed at start-up. */
  patterns: PatternSet | undefined;
  workers: Workers;
  /** The @type as written, if static. */
  type?: string;
  /** Labels its events go on to (`@label` of relabel, of copy stores, of rewrite rules, …). */
  labels: string[];
  /** Some `@label` below it is computed at start-up. */
  unknownLabel: boolean;
  /** Output types of the match and its stores (copy), e.g. rewrite_tag_filter. */
  outputs: string[];
}

export interface Scope {
  /** '' for the root router, else the label name. */
  name: string;
  label?: TreeElement;
  rules: Rule[];
  /** No @include of unknown content adds rules to this scope. */
  complete: boolean;
}

export interface Source {
  el: TreeElement;
  tags: SourceTags;
  /** The label its events go to: '' for the root router, undefined when computed at start-up. */
  label: string | undefined;
  workers: Workers;
  type?: string;
}

export interface RoutingModel {
  tree: ConfigTree;
  sources: Source[];
  root: Scope;
  labels: Map<string, Scope>;
  /** Every static `@label` value anywhere (sources, outputs, stores, rules). */
  labelRefs: Set<string>;
  /** Some `@label` value is computed at start-up (then any label may be used). */
  unknownLabelRef: boolean;
}

// What an element says for routing depends only on the element (and what it holds), and a
// tree keeps the items of unchanged nodes from one version to the next (TreeMemo): these
// facts are kept per tree item, so after an edit only the edited element's are found again.
const SOURCES = new Memo<TreeElement, Source>('source');
const RULES = new Memo<TreeElement, Rule>('rule');
const LABEL_REFS = new Memo<TreeItem, { refs: string[]; unknown: boolean }>('label refs');
const NO_REFS = { refs: [], unknown: false };

export function buildModel(tree: ConfigTree): RoutingModel {
  const root: Scope = { name: '', rules: [], complete: true };
  const model: RoutingModel = { tree, sources: [], root, labels: new Map(), labelRefs: new Set(), unknownLabelRef: false };

  const visitTop = (items: TreeItem[], workers: Workers) => {
    for (const it of items) {
      if (it.kind === 'include') {
        if (includesUnknown(it)) root.complete = false;
        continue;
      }
      if (it.kind !== 'element') continue;
      const { name } = it.node;
      if (name === 'source') model.sources.push(source(it, workers));
      else if (name === 'filter' || name === 'match') root.rules.push(rule(it, workers));
      else if (name === 'label') {
        const label = it.node.arg;
        if (model.labels.has(label)) continue; // a duplicate is a structure error; Fluentd stops
        const scope: Scope = { name: label, label: it, rules: [], complete: true };
        model.labels.set(label, scope);
        for (const c of it.children) {
          if (c.kind === 'include' && includesUnknown(c)) scope.complete = false;
          if (c.kind === 'element' && (c.node.name === 'filter' || c.node.name === 'match')) scope.rules.push(rule(c, 'all'));
        }
      } else if (name === 'worker' && workers === 'all') visitTop(it.children, workerIds(it.node.arg));
    }
  };
  visitTop(tree.items, 'all');

  // every @label reference, wherever it sits
  for (const it of tree.items) {
    const { refs, unknown } = labelRefsOf(it);
    for (const r of refs) model.labelRefs.add(r);
    if (unknown) model.unknownLabelRef = true;
  }
  return model;
}

/** The static @label values in an item and below it; whether one is computed at start-up. */
function labelRefsOf(item: TreeItem): { refs: string[]; unknown: boolean } {
  // an include holds nothing (its files' items sit beside it); a top-level parameter is one look
  if (item.kind === 'include') return NO_REFS;
  const known = LABEL_REFS.get(item);
  if (known) return known;
  const found = { refs: [] as string[], unknown: false };
  const stack: TreeItem[] = [item];
  while (stack.length) {
    const it = stack.pop()!;
    if (it.kind === 'element') for (const c of it.children) stack.push(c);
    else if (it.kind === 'param' && it.node.key === '@label') {
      const v = staticValue(it.node.value);
      if (v === undefined) found.unknown = true;
      else found.refs.push(v);
    }
  }
  LABEL_REFS.set(item, found);
  return found;
}

function includesUnknown(it: TreeItem): boolean {
  return it.kind === 'include' && (it.resolution.kind === 'unknown' || it.cut === 'limit' || it.cut === 'unreadable');
}

function typeOf(el: TreeElement): string | undefined {
  const p = treeParam(el, '@type', 'type');
  return p ? staticValue(p.node.value) : undefined;
}

function source(el: TreeElement, workers: Workers): Source {
  if (workers !== 'all') return sourceOf(el, workers);
  let known = SOURCES.get(el);
  if (!known) SOURCES.set(el, (known = sourceOf(el, workers)));
  return known;
}

function sourceOf(el: TreeElement, workers: Workers): Source {
  const p = treeParam(el, '@label');
  const label = p ? staticValue(p.node.value) : '';
  return { el, tags: sourceTags(el), label, workers, type: typeOf(el) };
}

function rule(el: TreeElement, workers: Workers): Rule {
  if (workers !== 'all') return ruleOf(el, workers);
  let known = RULES.get(el);
  if (!known) RULES.set(el, (known = ruleOf(el, workers)));
  return known;
}

function ruleOf(el: TreeElement, workers: Workers): Rule {
  const labels: string[] = [];
  const outputs: string[] = [];
  let unknownLabel = false;
  const stack: TreeItem[][] = [el.children];
  while (stack.length) {
    for (const c of stack.pop()!) {
      if (c.kind === 'element') stack.push(c.children);
      else if (
        c.kind === 'param' &&
        (c.node.key === '@type' || c.node.key === 'type') &&
        (c.parent === el || c.parent?.node.name === 'store')
      ) {
        const t = staticValue(c.node.value);
        if (t) outputs.push(t);
      } else if (c.kind === 'param' && c.node.key === '@label') {
        const v = staticValue(c.node.value);
        if (v === undefined) unknownLabel = true;
        else if (!labels.includes(v)) labels.push(v);
      }
    }
  }
  return {
    kind: el.node.name as 'filter' | 'match',
    el,
    patterns: patternsOf(el),
    workers,
    type: typeOf(el),
    labels,
    unknownLabel,
    outputs,
  };
}

/** The patterns of a <match>/<filter>: a quoted argument is evaluated first (`<match "#{…}">`). */
function patternsOf(el: TreeElement): PatternSet | undefined {
  const { arg, argRange } = el.node;
  if (arg.includes('#{') && argRange) {
    const idx = el.file.parsed.lineIndex;
    const quoted = el.file.text[idx.offsetAt(argRange.start)] === '"';
    if (quoted) {
      const v = evaluateText(arg);
      return v === undefined ? undefined : PatternSet.of(v);
    }
  }
  return PatternSet.of(arg);
}

function workerIds(arg: string): Workers {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(arg);
  if (!m) return 'all';
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  const ids: number[] = [];
  for (let i = a; i <= b && ids.length < 1024; i++) ids.push(i);
  return ids;
}

/** Whether `outer` runs in every worker `inner` runs in. */
export function coversWorkers(outer: Workers, inner: Workers): boolean {
  if (outer === 'all') return true;
  if (inner === 'all') return false;
  return inner.every((w) => outer.includes(w));
}

/** Whether two elements can run in the same worker. */
export function sharesWorker(a: Workers, b: Workers): boolean {
  if (a === 'all' || b === 'all') return true;
  return a.some((w) => b.includes(w));
}
