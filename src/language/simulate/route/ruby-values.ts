// Record values as Ruby turns them into text (#to_s, #inspect), reusing the parse engine's
// Ruby writers; a missing key (undefined here) is nil.
import { inspectValue, rubyToS } from '../parse/ruby-values';
import type { RecordValue } from '../types';

/** `value.to_s`, with nil (or a missing key) as "". */
export function toS(v: RecordValue | undefined): string {
  return v === undefined ? '' : rubyToS(v);
}

/** `value.inspect`, with a missing key as nil. */
export function inspect(v: RecordValue | undefined): string {
  return v === undefined ? 'nil' : inspectValue(v);
}
