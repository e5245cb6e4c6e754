// Which tags arrive in each router (the root and each <label>), as far as the config
// proves it: the tags of the sources routed there, Fluentd's own log events (fluent.<level>),
// and the events relabelled into a label by a rule (a superset: every arrival of the
// rule's router that may match its patterns). A router whose arrivals cannot be known is
// absent from the map: @ERROR (any failing event), a label some Ruby code or plugin
// parameter names, the targets of outputs that emit events again under new tags, and
// everything when the config is not complete or a source's @label is computed.
import { staticValue } from '../includes/static-value';
import type { TreeItem } from '../includes/tree';
import { sharesWorker, type Rule, type RoutingModel, type Scope, type Source, type Workers } from './model';
import { mayMatch } from './query';
import { PART, template, type TagTemplate } from './tags';

export interface Arrival {
  templates: TagTemplate[];
  workers: Workers;
  /** The source whose events these are; undefined for Fluentd's own log events. */
  source?: Source;
  /** The rule that relabelled them here (for label routers). */
  via?: Rule;
}

/** Outputs that emit the events again under a tag decided at runtime. */
export const RETAGGING_OUTPUTS: ReadonlySet<string> = new Set([
  'rewrite_tag_filter',
  'route',
  'exec_filter',
  'record_reformer',
  'record_modifier',
  'retag',
  'rewrite',
  'detect_exceptions',
  'fields_parser',
]);

/** Arrivals also cannot be known behind an output that buffers events and emits them again. */
export const RE_EMITTERS: ReadonlySet<string> = new Set([...RETAGGING_OUTPUTS, 'buffer']);

/** Fluentd's own log events: `fluent.trace` … `fluent.fatal`. */
const FLUENT_LOG = template(['fluent.', PART]);

/** Labels Fluentd sends events to itself. */
const ERROR_LABEL = '@ERROR';
const LOG_LABEL = '@FLUENT_LOG';
const MAX_ROUNDS = 8;

/** The arrivals of each router whose arrivals are known. */
export function arrivals(model: RoutingModel): Map<Scope, Arrival[]> {
  const known = new Map<Scope, Arrival[]>();
  if (!model.tree.complete || model.sources.some((s) => s.label === undefined)) return known;
  const unknown = new Set<Scope>();
  if (!model.root.complete) unknown.add(model.root);
  const named = labelsNamedByParams(model);
  for (const [name, scope] of model.labels) {
    if (name === ERROR_LABEL || !scope.complete || model.unknownLabelRef || named.has(name)) unknown.add(scope);
  }
  for (const scope of [model.root, ...model.labels.values()]) {
    for (const r of scope.rules) {
      if (r.unknownLabel) for (const s of model.labels.values()) unknown.add(s);
      if (!r.outputs.some((t) => RE_EMITTERS.has(t))) continue;
      if (r.labels.length) for (const l of r.labels) addIf(unknown, model.labels.get(l));
      else unknown.add(model.root);
    }
  }
  const get = (scope: Scope) => {
    let list = known.get(scope);
    if (!list) known.set(scope, (list = []));
    return list;
  };
  for (const src of model.sources) {
    if (src.tags.kind === 'none') continue;
    const scope = src.label === '' ? model.root : model.labels.get(src.label!);
    if (scope) get(scope).push({ templates: src.tags.templates, workers: src.workers, source: src });
  }
  get(model.labels.get(LOG_LABEL) ?? model.root).push({ templates: [FLUENT_LOG], workers: 'all' });
  // relabelled events: every arrival of a rule's router that may match it goes on to its labels
  const added = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let grew = false;
    for (const scope of [model.root, ...model.labels.values()]) {
      if (unknown.has(scope)) continue;
      for (const r of scope.rules) {
        if (!r.labels.length) continue;
        for (const a of [...(known.get(scope) ?? [])]) {
          if (!sharesWorker(r.workers, a.workers)) continue;
          const templates = r.patterns ? a.templates.filter((t) => mayMatch([t], r.patterns!) !== false) : a.templates;
          if (!templates.length) continue;
          for (const l of r.labels) {
            const target = model.labels.get(l);
            if (!target) continue;
            const key = `${l}\u0000${scope.name}\u0000${scope.rules.indexOf(r)}\u0000${templates.map((t) => t.key).join('\u0001')}`;
            if (added.has(key)) continue;
            added.add(key);
            get(target).push({ templates, workers: a.workers, source: a.source, via: r });
            grew = true;
          }
        }
      }
    }
    if (!grew) break;
    // a chain longer than the rounds allow is not followed to its end: its labels are not known
    if (round === MAX_ROUNDS - 1) for (const s of model.labels.values()) unknown.add(s);
  }
  // a rule of an unknown router sends unknown events on
  for (let size = -1; size !== unknown.size;) {
    size = unknown.size;
    for (const scope of [...unknown]) for (const r of scope.rules) for (const l of r.labels) addIf(unknown, model.labels.get(l));
  }
  for (const s of unknown) known.delete(s);
  return known;
}

function addIf(set: Set<Scope>, s: Scope | undefined): void {
  if (s) set.add(s);
}

/**
 * Labels named by a parameter other than `@label` (concat's `timeout_label`, a plugin's
 * own `*_label`): the plugin sends events there this analysis does not follow.
 */
export function labelsNamedByParams(model: RoutingModel): Set<string> {
  const out = new Set<string>();
  const stack: TreeItem[][] = [model.tree.items];
  while (stack.length) {
    for (const it of stack.pop()!) {
      if (it.kind === 'element') stack.push(it.children);
      else if (it.kind === 'param' && it.node.key !== '@label') {
        const v = staticValue(it.node.value);
        if (v !== undefined && model.labels.has(v)) out.add(v);
      }
    }
  }
  return out;
}
