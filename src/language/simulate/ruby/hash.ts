// Plain objects used as Ruby Hashes: any string is a key (`__proto__` too), a missing
// key reads as nil, never as an inherited property.
import { RubyFloat, type EventRecord, type RecordValue } from '../types';

/** `h[k] = v`. */
export function setOwn(obj: EventRecord, key: string, v: RecordValue): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
  else obj[key] = v;
}

/** `h.key?(k)`. */
export function hasOwn(obj: EventRecord, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** `h[k]`: undefined (nil) for a missing key. */
export function getOwn(obj: EventRecord, key: string): RecordValue | undefined {
  return hasOwn(obj, key) ? obj[key] : undefined;
}

/** A Hash (not an Array, not a scalar). */
export function isHash(v: RecordValue | undefined): v is EventRecord {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof RubyFloat);
}
