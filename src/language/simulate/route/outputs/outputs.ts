// The outputs that route events on (copy's stores, relabel, rewrite_tag_filter re-emits)
// and the ones that write them somewhere (every other type): those record what they
// receive — the record as it reaches them — and where they would write it.
import { rubySplit } from '../../ruby/format';
import { toS } from '../ruby-values';
import { deepCopy, NOT_A_HASH, recordOf, shallowCopy, type Ev } from '../records';
import { sections, param, type SimElement } from '../config';
import { ConfigError, boolParam, enumParam, regexpParam, requiredParam } from '../param-types';
import { recordAccessor, type RecordAccessor } from '../record-accessor';
import type { OutputPlugin, Router } from '../router';
import type { RunState } from '../run-state';
import type { RouteRegexp } from '../ruby-regexp';
import type { Delivery, ElementRef } from '../types';
import { bareDestination, type DestinationOf } from './destinations';

export interface OutputSite {
  /** The <match> pattern as written ('**' when empty). */
  pattern: string;
  /** The label the <match> sits in ('' for the root). */
  label: string;
  /** Fluentd's event_emitter_router: the label named by `@label`, '@ROOT', or the <match>'s own router. */
  routerFor(label: string | undefined): Router;
}

/** An output that writes (or drops): records each event it receives. */
export function captureOutput(ref: ElementRef, type: string, site: OutputSite, destination: DestinationOf | undefined): OutputPlugin {
  const id = ref.id ?? null;
  return {
    kind: 'output',
    ref,
    emitEvents(state, tag, es) {
      for (const ev of es) {
        state.step(ref);
        const d: Delivery = { match: site.pattern, type, id, tag, time: ev.time, record: recordOf(ev), ref, label: site.label };
        // where it would write, from the record as it is now (a buffered output keeps this copy)
        if (destination) d.destination = ev.value === undefined ? destination(tag, ev.time, ev.record) : bareDestination(type);
        state.deliver(d, ev);
      }
    },
  };
}

/** out_relabel: the same events, on in another label. */
export function relabelOutput(el: SimElement, ref: ElementRef, site: OutputSite): OutputPlugin {
  const target = param(el, '@label');
  const router = site.routerFor(target);
  return {
    kind: 'output',
    ref,
    emitEvents(state, tag, es) {
      if (state.tracing) for (const ev of es) state.trace(ev, { kind: 'label', label: router.label || '@ROOT', ref });
      router.emitStream(state, tag, es);
    },
  };
}

/** out_copy: each <store> gets the events (the same records, or copies by copy_mode). */
export function copyOutput(el: SimElement, ref: ElementRef, stores: OutputPlugin[]): OutputPlugin {
  const deep = boolParam(el, 'deep_copy', false);
  const mode = deep ? 'shallow' : enumParam(el, 'copy_mode', ['no_copy', 'shallow', 'deep', 'marshal'] as const, 'no_copy');
  const storeEls = sections(el, 'store');
  const ignoreIfPrevSuccess = storeEls.map((s) => s.arg.includes('ignore_if_prev_success'));
  if (ignoreIfPrevSuccess[0]) throw new ConfigError('ignore_if_prev_success must specify 2nd or later <store> directives');
  const copy = (ev: Ev): Ev => {
    if (mode === 'no_copy') return { ...ev };
    if (ev.value !== undefined) return { ...ev, value: deepCopy(ev.value) };
    return { ...ev, record: mode === 'shallow' ? shallowCopy(ev.record) : deepCopy(ev.record) };
  };
  return {
    kind: 'output',
    ref,
    emitEvents(state, tag, es) {
      // each event's trace forks into one branch per store
      const forks = state.tracing ? es.map((ev) => fork(state, ev, tag, stores.length)) : undefined;
      // a store marked ignore_if_prev_success is skipped when the store just before it took the events
      const success: boolean[] = [];
      stores.forEach((store, i) => {
        if (i > 0 && success[i - 1] && ignoreIfPrevSuccess[i]) {
          if (forks)
            for (const f of forks)
              f?.[i].steps.push({ kind: 'dropped', message: 'ignore_if_prev_success: the store before took the events', ref: store.ref });
          return;
        }
        const copies = es.map((ev, j) => ({ ...copy(ev), branch: forks?.[j]?.[i] }));
        store.emitEvents(state, tag, copies);
        success[i] = true;
      });
    },
  };
}

function fork(state: RunState, ev: Ev, tag: string, n: number) {
  if (!ev.branch) return undefined;
  const label = ev.branch.label;
  const branches = Array.from({ length: n }, () => state.branch(tag, label)!);
  state.trace(ev, { kind: 'fork', why: 'copy', branches });
  return branches;
}

interface RewriteRule {
  key: RecordAccessor;
  pattern: RouteRegexp;
  invert: boolean;
  tag: string;
  label: string | undefined;
}

/** fluent-plugin-rewrite-tag-filter: the first rule that matches gives the event a new tag (and label) and emits it again. */
export function rewriteTagFilterOutput(el: SimElement, ref: ElementRef, site: OutputSite, hostname: string): OutputPlugin {
  const capitalize = boolParam(el, 'capitalize_regex_backreference', false);
  const removePrefix = param(el, 'remove_tag_prefix');
  const removeRegexp = regexpParam(el, 'remove_tag_regexp');
  if (removePrefix !== undefined && removeRegexp) throw new ConfigError('remove_tag_prefix and remove_tag_regexp are exclusive');
  // /^#{Regexp.escape(prefix)}\.?/: ^ is a line anchor; tags have no newlines
  const stripTag = (tag: string): string => {
    if (removePrefix !== undefined) return tag.startsWith(removePrefix) ? tag.slice(removePrefix.length).replace(/^\./, '') : tag;
    if (!removeRegexp) return tag;
    const m = removeRegexp.first(tag);
    return m ? tag.slice(0, m.index) + tag.slice(m.end) : tag;
  };
  const batch = enumParam(el, 'emit_mode', ['record', 'batch'] as const, 'batch') === 'batch';
  if ([...el.params.keys()].some((k) => k.startsWith('rewriterule')))
    throw new ConfigError('"rewriterule<num>" support has been dropped. Use <rule> section instead.');
  const names = new Set<string>();
  const rules: RewriteRule[] = sections(el, 'rule').map((r) => {
    const key = requiredParam(r, 'key', '<rule>');
    const pattern = regexpParam(r, 'pattern');
    if (!pattern) throw new ConfigError("'pattern' parameter is required, but <rule> has none");
    const tag = requiredParam(r, 'tag', '<rule>');
    if (/\$\{tag_parts\[\d\.\.\.?\d\]\}/.test(tag) && /__TAG_PARTS\[\d\.\.\.?\d\]__/.test(tag))
      throw new ConfigError('${tag_parts[n]} and __TAG_PARTS[n]__ placeholder does not support range specify');
    const invert = boolParam(r, 'invert', false);
    const name = `${key}${invert ? '!' : ''}${pattern.source}`;
    if (names.has(name)) throw new ConfigError('duplicated rewriterules found');
    names.add(name);
    return { key: recordAccessor(key), pattern, invert, tag, label: param(r, 'label') };
  });
  if (!rules.length) throw new ConfigError('missing rewriterules');
  const routers = new Map<string, Router>();
  const routerOf = (label: string | undefined) => {
    const k = label ?? '';
    let r = routers.get(k);
    // a rule without a label emits where the <match> itself emits (its own @label, or its router)
    if (!r) routers.set(k, (r = site.routerFor(label || param(el, '@label'))));
    return r;
  };
  // resolve the labels at start-up like the plugin (a missing one fails there)
  routerOf(undefined);
  for (const r of rules) if (r.label) routerOf(r.label);

  const rewrite = (ev: Ev, placeholders: Map<string, string>): { tag: string; label: string | undefined } | undefined => {
    for (const rule of rules) {
      const value = toS(rule.key.get(ev.record));
      if (value === '' && !rule.invert) continue;
      const m = rule.pattern.captures(value);
      let newTag = rule.tag;
      if (rule.invert) {
        if (m) continue;
      } else {
        if (!m) continue;
        newTag = newTag.replace(/\$\d+/g, (ref) => {
          const i = Number(ref.slice(1));
          const v = i >= 1 && i <= m.length ? m[i - 1] : undefined;
          if (v === undefined) return '';
          return capitalize ? capitalizeRuby(v) : v;
        });
      }
      newTag = newTag.replace(/(\$\{[a-z_]+(\[[0-9]+\])?\}|__[A-Z_]+__)/g, (p) => placeholders.get(p) ?? '');
      return { tag: newTag, label: rule.label };
    }
    return undefined;
  };

  return {
    kind: 'output',
    ref,
    emitEvents(state, tag, es) {
      const placeholders = placeholdersOf(stripTag(tag), hostname);
      const groups = new Map<string, Map<string, Ev[]>>();
      for (const ev of es) {
        state.step(ref);
        if (ev.value !== undefined) {
          state.notSimulatedHere(ev, NOT_A_HASH, ref, tag);
          continue;
        }
        const r = rewrite(ev, placeholders);
        if (!r || ((r.tag === tag || r.tag === undefined) && r.label === undefined)) {
          state.trace(ev, {
            kind: 'dropped',
            message: r ? 'the new tag is the same as the old one: not emitted again' : 'no rule matched: not emitted again',
            ref,
          });
          continue;
        }
        if (r.label !== undefined) state.trace(ev, { kind: 'label', label: r.label, ref });
        state.trace(ev, { kind: 'retag', tag: r.tag, ref });
        if (!batch) {
          routerOf(r.label).emit(state, r.tag, ev);
          continue;
        }
        const byLabel = groups.get(r.label ?? '') ?? new Map<string, Ev[]>();
        groups.set(r.label ?? '', byLabel);
        const list = byLabel.get(r.tag) ?? [];
        byLabel.set(r.tag, list);
        list.push(ev);
      }
      for (const [label, byTag] of groups) for (const [t, list] of byTag) routerOf(label || undefined).emitStream(state, t, list);
    },
  };
}

function placeholdersOf(tag: string, hostname: string): Map<string, string> {
  const m = new Map<string, string>([
    ['__HOSTNAME__', hostname],
    ['${hostname}', hostname],
    ['__TAG__', tag],
    ['${tag}', tag],
  ]);
  rubySplit(tag, '.').forEach((t, i) => {
    m.set(`\${tag_parts[${i}]}`, t);
    m.set(`__TAG_PARTS[${i}]__`, t);
  });
  return m;
}

function capitalizeRuby(s: string): string {
  const first = [...s][0] ?? '';
  return first.toUpperCase() + s.slice(first.length).toLowerCase();
}
