// filter_concat, as far as it is deterministic: lines of one stream (tag, or tag plus
// stream_identity_key) are held and joined by n_lines, by multiline_start/end_regexp
// (with continuous_line_regexp), by partial_key/partial_value, by CRI log tags or by
// Docker's partial metadata. What is still held when the run ends would leave by the
// flush_interval timeout (to timeout_label, else @ERROR): reported as pending, not as
// delivered — when that happens depends on the clock.
import { toS } from '../ruby-values';
import { getOwn, hasOwn, setOwn } from '../../ruby/hash';
import type { EventRecord, EventTime } from '../../types';
import { param, type SimElement } from '../config';
import { boolParam, ConfigError, enumParam, integerParam, NotSimulatedError } from '../param-types';
import type { Ev } from '../records';
import { RubyError, type FilterPlugin } from '../router';
import type { RunState } from '../run-state';
import { plainRegexp, type RouteRegexp } from '../ruby-regexp';
import type { ElementRef } from '../types';

type Mode = 'line' | 'partial' | 'partial_metadata' | 'partial_cri' | 'regexp';

interface Held {
  tag: string;
  ev: Ev;
}

const PARTIAL_FIELDS = {
  'docker-fluentd': ['partial_message', 'partial_id', 'partial_ordinal', 'partial_last', 'partial_message'],
  'docker-journald': [
    'CONTAINER_PARTIAL_MESSAGE',
    'CONTAINER_PARTIAL_ID',
    'CONTAINER_PARTIAL_ORDINAL',
    'CONTAINER_PARTIAL_LAST',
    'CONTAINER_PARTIAL_ID',
  ],
  'docker-journald-lowercase': [
    'container_partial_message',
    'container_partial_id',
    'container_partial_ordinal',
    'container_partial_last',
    'container_partial_id',
  ],
} as const;

export function concatFilter(el: SimElement, ref: ElementRef): FilterPlugin {
  const key = param(el, 'key');
  if (key === undefined) throw new ConfigError("'key' parameter is required");
  const separator = param(el, 'separator') ?? '\n';
  const nLines = integerParam(el, 'n_lines', undefined);
  const startText = param(el, 'multiline_start_regexp');
  const endText = param(el, 'multiline_end_regexp');
  const contText = param(el, 'continuous_line_regexp');
  const streamKey = param(el, 'stream_identity_key');
  const timeoutLabel = param(el, 'timeout_label');
  const useFirst = boolParam(el, 'use_first_timestamp', false);
  const partialKey = param(el, 'partial_key');
  const partialValue = param(el, 'partial_value');
  const keepPartialKey = boolParam(el, 'keep_partial_key', false);
  const usePartialMetadata = boolParam(el, 'use_partial_metadata', false);
  const format = enumParam(
    el,
    'partial_metadata_format',
    ['docker-fluentd', 'docker-journald', 'docker-journald-lowercase'] as const,
    'docker-fluentd',
  );
  const keepPartialMetadata = boolParam(el, 'keep_partial_metadata', false);
  const useCri = boolParam(el, 'use_partial_cri_logtag', false);
  const criKey = param(el, 'partial_cri_logtag_key');
  const criStreamKey = param(el, 'partial_cri_stream_key') ?? 'stream';
  if (param(el, 'buffer_limit_size') !== undefined || param(el, 'buffer_overflow_method') !== undefined)
    throw new NotSimulatedError('concat buffer_limit_size / buffer_overflow_method');
  const regexpMode = startText !== undefined || endText !== undefined;
  if (nLines === undefined && !regexpMode && partialKey === undefined && !usePartialMetadata && !useCri)
    throw new ConfigError(
      'Either n_lines, multiline_start_regexp, multiline_end_regexp, partial_key, use_partial_metadata or use_partial_cri_logtag is required',
    );
  if (nLines !== undefined && regexpMode) throw new ConfigError('n_lines and multiline_start_regexp/multiline_end_regexp are exclusive');
  if (partialKey !== undefined && nLines !== undefined) throw new ConfigError('partial_key and n_lines are exclusive');
  if (partialKey !== undefined && regexpMode)
    throw new ConfigError('partial_key and multiline_start_regexp/multiline_end_regexp are exclusive');
  if (partialKey !== undefined && partialValue === undefined)
    throw new ConfigError('partial_value is required when partial_key is specified');
  const mode: Mode =
    nLines !== undefined
      ? 'line'
      : partialKey !== undefined
        ? 'partial'
        : usePartialMetadata
          ? 'partial_metadata'
          : useCri
            ? 'partial_cri'
            : 'regexp';
  // the plugin strips the first and last character (the slashes) and compiles the rest without options
  const re = (text: string | undefined) => (text === undefined ? undefined : plainRegexp(text.slice(1, -1)));
  const start = re(startText);
  const end = re(endText);
  const cont = re(contText);
  const [pmField, pidField, pordField, plastField, pIndicator] = PARTIAL_FIELDS[format];

  const matchText = (r: RouteRegexp | undefined, v: unknown) => {
    if (!r || v === undefined || v === null) return false;
    if (typeof v !== 'string') throw new RubyError(`no implicit conversion into String`);
    return r.test(v);
  };

  const identity = (tag: string, r: EventRecord) => {
    if (mode === 'partial_metadata') return `${tag}:${streamKey !== undefined ? toS(getOwn(r, streamKey)) : ''}${toS(getOwn(r, pidField))}`;
    return streamKey !== undefined ? `${tag}:${toS(getOwn(r, streamKey))}` : `${tag}:default`;
  };

  return {
    kind: 'filter',
    ref,
    streamOnly: true,
    filter() {
      throw new Error('concat runs on streams');
    },
    filterStream(state, tag, es) {
      if (/^fluent\.(?:trace|debug|info|warn|error|fatal)$/.test(tag)) return es;
      const buffers = stateOf(state, ref, timeoutLabel);
      const out: Ev[] = [];
      const flush = (id: string, extra?: Held): { time: EventTime; record: EventRecord } => {
        const held = buffers.get(id) ?? [];
        const list =
          mode === 'partial_metadata'
            ? [...held].sort((a, b) => toI(getOwn(a.ev.record, pordField)) - toI(getOwn(b.ev.record, pordField)))
            : held;
        const joined = list.map((h) => toS(getOwn(h.ev.record, key))).join(separator);
        const first = held[0];
        for (const h of held) if (h !== extra) state.trace(h.ev, { kind: 'dropped', message: 'joined by concat into a later event', ref });
        buffers.set(id, extra ? [extra] : []);
        const record: EventRecord = {};
        for (const k of Object.keys(first.ev.record)) setOwn(record, k, first.ev.record[k]);
        setOwn(record, key, joined);
        return { time: first.ev.time, record };
      };
      for (const ev of es) {
        const r = ev.record;
        if (!hasOwn(r, key) || (mode === 'partial' && !hasOwn(r, partialKey!)) || (mode === 'partial_metadata' && !hasOwn(r, pIndicator))) {
          out.push(ev);
          continue;
        }
        state.step(ref);
        try {
          const id = identity(tag, r);
          const hold = () => {
            const list = buffers.get(id) ?? [];
            list.push({ tag, ev });
            buffers.set(id, list);
          };
          const flushed: { time: EventTime; record: EventRecord; passThrough?: boolean }[] = [];
          const text = getOwn(r, key);
          if (mode === 'line') {
            hold();
            if ((buffers.get(id) ?? []).length >= nLines!) flushed.push(flush(id));
          } else if (mode === 'partial') {
            hold();
            if (getOwn(r, partialKey!) !== partialValue) {
              const f = flush(id);
              delete f.record[partialKey!];
              flushed.push(f);
            }
          } else if (mode === 'partial_cri') {
            hold();
            const tagValue = criKey !== undefined ? getOwn(r, criKey) : undefined;
            if (typeof tagValue !== 'string')
              throw new RubyError(`undefined method \`split' for ${tagValue === undefined || tagValue === null ? 'nil' : 'a non-string'}`);
            if (tagValue.split(':')[0] === 'F') {
              const f = flush(id);
              if (criKey !== undefined) delete f.record[criKey];
              flushed.push(f);
            }
          } else if (mode === 'partial_metadata') {
            hold();
            if (getOwn(r, plastField) === 'true') flushed.push(flush(id));
          } else {
            const held = buffers.get(id) ?? [];
            if (matchText(start, text)) {
              if (!held.length) {
                hold();
                if (matchText(end, text)) flushed.push(flush(id));
              } else {
                flushed.push(flush(id, { tag, ev }));
                if (matchText(end, text)) flushed.push(flush(id));
              }
            } else if (matchText(end, text)) {
              hold();
              flushed.push(flush(id));
            } else if (!held.length) {
              if (!start) hold();
              else flushed.push({ time: ev.time, record: r, passThrough: true });
            } else if (!cont || matchText(cont, text)) hold();
            else {
              flushed.push(flush(id));
              flushed.push({ time: ev.time, record: r, passThrough: true });
            }
          }
          let time = ev.time;
          for (const f of flushed) {
            if (f.passThrough) {
              out.push({ time, record: f.record, branch: ev.branch });
              continue;
            }
            if (useFirst) time = f.time;
            const merged: EventRecord = {};
            for (const k of Object.keys(r)) setOwn(merged, k, r[k]);
            for (const k of Object.keys(f.record)) setOwn(merged, k, f.record[k]);
            if (mode === 'partial' && !keepPartialKey) delete merged[partialKey!];
            if (mode === 'partial_metadata' && !keepPartialMetadata)
              for (const k of [pmField, pidField, pordField, plastField]) delete merged[k];
            if (mode === 'partial_cri') {
              if (!keepPartialKey && criKey !== undefined) delete merged[criKey];
              delete merged[criStreamKey];
            }
            out.push({ time, record: merged, branch: ev.branch });
          }
          if (!flushed.length) state.trace(ev, { kind: 'dropped', message: 'held by concat until the rest of its lines come', ref });
        } catch (e) {
          if (!(e instanceof RubyError)) throw e;
          state.errors.emitErrorEvent(state, tag, ev, e.message, ref);
        }
      }
      return out;
    },
  };
}

function toI(v: unknown): number {
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'string') {
    const m = /^\s*[+-]?\d+/.exec(v);
    return m ? Number(m[0]) : 0;
  }
  return 0;
}

/** Each run starts with empty buffers; what is left at the end is reported as pending. */
function stateOf(state: RunState, ref: ElementRef, timeoutLabel: string | undefined): Map<string, Held[]> {
  return state.pluginState(ref, () => {
    const buffers = new Map<string, Held[]>();
    state.atEnd(() => {
      for (const [id, held] of buffers) {
        if (!held.length) continue;
        state.pending.push({
          ref,
          tag: held[0].tag,
          events: held.length,
          message: `${held.length} event${held.length > 1 ? 's' : ''} of ${id} held by concat: flushed after flush_interval to ${timeoutLabel ?? '@ERROR'}`,
        });
      }
    });
    return buffers;
  });
}
