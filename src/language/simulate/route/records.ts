// Records held the way Ruby holds hashes: filters that `dup` in Fluentd copy here, the
// ones that change a record in place change it here, so that events shared by copy's
// stores (copy_mode no_copy) see each other's changes exactly as in Fluentd.
import { setOwn } from '../ruby/hash';
import { RubyFloat, type BareValue, type EventRecord, type EventTime, type RecordValue } from '../types';
import type { TraceBranch } from './types';

/** One event travelling through the router: its record is shared by reference. */
export interface Ev {
  time: EventTime;
  record: EventRecord;
  /**
   * The record when it is not a Hash (the json parser passes JSON that is not an object on):
   * outputs receive it; filters and record-reading outputs are not simulated on it.
   */
  value?: BareValue;
  /** Where its trace goes, when tracing. */
  branch?: TraceBranch;
}

/** A deep copy (Marshal.load(Marshal.dump(x)), msgpack round trip, trace snapshots). */
export function deepCopy<T extends RecordValue>(v: T): T {
  if (v === null || typeof v !== 'object' || v instanceof RubyFloat) return v;
  if (Array.isArray(v)) return v.map(deepCopy) as T;
  const out: EventRecord = {};
  for (const k of Object.keys(v)) setOwn(out, k, deepCopy(v[k]));
  return out as T;
}

/** Hash#dup: a new hash, the same values. */
export function shallowCopy(r: EventRecord): EventRecord {
  const out: EventRecord = {};
  for (const k of Object.keys(r)) setOwn(out, k, r[k]);
  return out;
}

/** Why a step is not simulated on a record that is not a Hash. */
export const NOT_A_HASH =
  'a record that is not a Hash (JSON that is not an object, passed on by the json parser): Ruby would call Hash methods on it';

/** The record as an output receives it: the Hash, or the bare value that stands for it. */
export function recordOf(ev: Ev): EventRecord | BareValue {
  return ev.value ?? ev.record;
}

/** Ruby truthiness: everything but nil and false. */
export function truthy(v: RecordValue | undefined): boolean {
  return v !== null && v !== undefined && v !== false;
}
