// Records held the way Ruby holds hashes: filters that `dup` in Fluentd copy here, the
// ones that change a record in place change it here, so that events shared by copy's
// stores (copy_mode no_copy) see each other's changes exactly as in Fluentd.
import { setOwn } from '../ruby/hash';
import { RubyFloat, type EventRecord, type EventTime, type RecordValue } from '../types';
import type { TraceBranch } from './types';

/** One event travelling through the router: its record is shared by reference. */
export interface Ev {
  time: EventTime;
  record: EventRecord;
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

/** Ruby truthiness: everything but nil and false. */
export function truthy(v: RecordValue | undefined): boolean {
  return v !== null && v !== undefined && v !== false;
}
