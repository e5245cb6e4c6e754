// Converts a parameter value by its catalogue type.
import { boolValue, enumValue } from './choices';
import { arrayValue, hashValue } from './collections';
import type { ConvertOptions, Converted } from './converted';
import { floatValue, integerValue } from './numbers';
import { regexpValue } from './regexp-value';
import { sizeValue } from './size';
import { timeValue } from './time';

export type ValueType = 'string' | 'integer' | 'float' | 'size' | 'time' | 'bool' | 'enum' | 'array' | 'hash' | 'regexp' | 'custom';

/** Converts a value by catalogue type; `list` for enums. Strings and custom types pass through. */
export function convert(
  type: ValueType | string,
  text: string,
  opts: ConvertOptions & { list?: readonly string[] } = {},
): Converted<unknown> {
  switch (type) {
    case 'integer':
      return integerValue(text, opts);
    case 'float':
      return floatValue(text, opts);
    case 'size':
      return sizeValue(text, opts);
    case 'time':
      return timeValue(text, opts);
    case 'bool':
      return boolValue(text);
    case 'enum':
      return opts.list ? enumValue(text, opts.list) : { value: text };
    case 'array':
      return arrayValue(text);
    case 'hash':
      return hashValue(text);
    case 'regexp':
      return regexpValue(text);
    default:
      return { value: text };
  }
}
