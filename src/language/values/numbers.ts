// Fluentd's integer and float types.
import { coerced, type ConvertOptions, type Converted } from './converted';
import { rubyToF, rubyToI } from './ruby-string';

/** Fluentd's integer: `to_i` (`abc` → 0, `10k` → 10, `4.2` → 4). */
export function integerValue(text: string, opts: ConvertOptions = {}): Converted<number> {
  const value = rubyToI(text);
  if (/^\s*[+-]?\d+(?:_\d+)*\s*$/.test(text)) return { value };
  const why = `'${text}' is not an integer: Fluentd will use ${value}.`;
  return coerced(value, why, opts);
}

/** Fluentd's float: `to_f` (`abc` → 0.0). */
export function floatValue(text: string, opts: ConvertOptions = {}): Converted<number> {
  const value = rubyToF(text);
  if (/^\s*[+-]?(?:\d+(?:_\d+)*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/.test(text)) return { value };
  const why = `'${text}' is not a number: Fluentd will use ${value}.`;
  return coerced(value, why, opts);
}
