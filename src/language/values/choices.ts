// Fluentd's bool and enum types.
import type { Converted } from './converted';

/**
 * Fluentd's bool: `true`/`yes`/empty → true, `false`/`no` → false, anything else
 * (`TRUE`, `1`, `on`) → nil. The caller decides whether nil is an error: it is
 * unless the parameter's default is nil ("'x' parameter is required but nil is specified").
 */
export function boolValue(text: string): Converted<boolean | null> {
  if (text === 'true' || text === 'yes' || text === '') return { value: true };
  if (text === 'false' || text === 'no') return { value: false };
  const lower = text.trim().toLowerCase();
  const hint =
    lower === 'true' || lower === 'yes' || lower === 'on' || lower === '1'
      ? " (write 'true')"
      : lower === 'false' || lower === 'no' || lower === 'off' || lower === '0'
        ? " (write 'false')"
        : '';
  return { value: null, error: `'${text}' is not a boolean: Fluentd reads it as nil. Use true/false or yes/no${hint}.` };
}

/** Fluentd's enum: one of the listed choices, exactly. */
export function enumValue(text: string, list: readonly string[]): Converted<string | null> {
  if (list.includes(text)) return { value: text };
  return { value: null, error: `valid options are ${list.join(',')} but got ${text}` };
}
