// filter_parser: parses one field (key_name) with its <parse> section. On success the
// parsed values (inject_key_prefix, hash_value_field) replace the record, or are merged
// over it with reserve_data; remove_key_name_field deletes the field from the original
// record in place. A missing field or a line the parser rejects goes to @ERROR
// (emit_invalid_record_to_error) and on with reserve_data; a parser error is raised,
// which the router turns into an error event.
import type { EventRecord, RecordValue } from '../../types';
import { isHash, setOwn } from '../../ruby/hash';
import { sections, param, type SimElement } from '../config';
import { boolParam, ConfigError, NotSimulatedError, requiredParam } from '../param-types';
import type { ParserCompiler } from '../parsers';
import { recordAccessor } from '../record-accessor';
import { RubyError, type FilterPlugin } from '../router';
import type { ElementRef } from '../types';

export function parserFilter(el: SimElement, ref: ElementRef, compile: ParserCompiler | undefined): FilterPlugin {
  const keyName = requiredParam(el, 'key_name', '<filter>');
  const accessor = recordAccessor(keyName);
  const reserveData = boolParam(el, 'reserve_data', false);
  const reserveTime = boolParam(el, 'reserve_time', false);
  const removeKeyNameField = boolParam(el, 'remove_key_name_field', false);
  const prefix = param(el, 'inject_key_prefix');
  const hashValueField = param(el, 'hash_value_field');
  const toError = boolParam(el, 'emit_invalid_record_to_error', true);
  const parseSections = sections(el, 'parse');
  if (parseSections.length > 1) throw new ConfigError('<parse> section must be only one');
  if (!compile) throw new NotSimulatedError('the parser filter needs the parse engine, which is not available here');
  const compiled = compile(parseSections[0] ?? el);
  if (!compiled.ok) {
    if (compiled.configError) throw new ConfigError(compiled.configError);
    throw new NotSimulatedError(compiled.notSimulated ?? 'this <parse> section is not simulated');
  }

  const handleParsed = (record: EventRecord, values: EventRecord): EventRecord => {
    let v = values;
    if (prefix !== undefined) {
      v = {};
      for (const k of Object.keys(values)) setOwn(v, prefix + k, values[k]);
    }
    let r: EventRecord = hashValueField !== undefined ? { [hashValueField]: v } : v;
    if (hashValueField === '__proto__') {
      r = {};
      setOwn(r, hashValueField, v);
    }
    if (reserveData) {
      const merged: EventRecord = {};
      for (const k of Object.keys(record)) setOwn(merged, k, record[k]);
      for (const k of Object.keys(r)) setOwn(merged, k, r[k]);
      r = merged;
    }
    return r;
  };

  return {
    kind: 'filter',
    ref,
    streamOnly: false,
    filter(state, tag, ev) {
      const { time, record } = ev;
      const raw = accessor.get(record);
      if (raw === undefined || raw === null) {
        if (toError) state.errors.emitErrorEvent(state, tag, ev, `${keyName} does not exist`, ref);
        return reserveData ? { time, record: handleParsed(record, {}) } : null;
      }
      // the parsers read text; what each does with a number or a hash is not reproduced
      if (typeof raw !== 'string') throw new NotSimulatedError(`${keyName} holds ${kindOf(raw)}, not a string`);
      const out = compiled.parse(raw);
      if (out.kind === 'not-simulated') throw new NotSimulatedError(out.what);
      if (out.kind === 'value')
        throw new NotSimulatedError(`the parser gives ${kindOf(out.value)}, not a Hash, which the filter would merge`);
      if (out.kind === 'error') {
        if (toError) throw new RubyError(out.message);
        return null;
      }
      if (out.kind === 'nomatch') {
        if (toError) state.errors.emitErrorEvent(state, tag, ev, `pattern not matched with data '${raw}'`, ref);
        return reserveData ? { time, record: handleParsed(record, {}) } : null;
      }
      const t = reserveTime ? time : (out.time ?? time);
      if (removeKeyNameField) accessor.delete(record);
      return { time: t, record: handleParsed(record, out.record) };
    },
  };
}

function kindOf(v: RecordValue): string {
  if (Array.isArray(v)) return 'an Array';
  if (isHash(v)) return 'a Hash';
  return typeof v === 'number' ? 'an Integer' : typeof v === 'boolean' ? String(v) : 'a Float';
}
