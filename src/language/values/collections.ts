// Fluentd's array and hash types.
import type { Converted } from './converted';
import { rubySplitComma } from './ruby-string';

/** Fluentd's array: JSON when it starts with `[`, else split on commas (spaces around trimmed). */
export function arrayValue(text: string): Converted<unknown[] | null> {
  if (text.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(text);
      if (Array.isArray(v)) return { value: v };
      return { value: null, error: `array required but got ${JSON.stringify(text)}` };
    } catch (err) {
      return { value: null, error: `'${text}' starts with '[' but is not valid JSON: ${(err as Error).message}` };
    }
  }
  return { value: rubySplitComma(text) };
}

/** Fluentd's hash: JSON when it starts with `{`, else `k:v,k2:v2`. */
export function hashValue(text: string): Converted<Record<string, unknown> | null> {
  if (text.startsWith('{')) {
    try {
      const v: unknown = JSON.parse(text);
      if (v && typeof v === 'object' && !Array.isArray(v)) return { value: v as Record<string, unknown> };
      return { value: null, error: `hash required but got ${JSON.stringify(text)}` };
    } catch (err) {
      return { value: null, error: `'${text}' starts with '{' but is not valid JSON: ${(err as Error).message}` };
    }
  }
  const out: Record<string, unknown> = {};
  const noValue: string[] = [];
  {
    for (const pair of rubySplitComma(text)) {
      const i = pair.indexOf(':');
      if (i < 0) {
        out[pair] = null;
        noValue.push(pair);
      } else out[pair.slice(0, i)] = pair.slice(i + 1);
    }
  }
  if (noValue.length) {
    return { value: out, surprise: `${noValue.map((k) => `'${k}'`).join(', ')} has no ':value': Fluentd will use nil for it.` };
  }
  return { value: out };
}
