// What a conversion of a parameter value gives: the value Fluentd will use, plus, where
// Fluentd silently reads something unexpected, a `surprise` (a warning), or, where it
// refuses to start, an `error`. Non-strict unless `strict` is given
// (`strict_config_value true` in <system>).

export interface Converted<T> {
  /** What Fluentd will use (null where Fluentd gets nil). */
  value: T;
  /** Fluentd accepts the value but reads it differently than it looks: what it will use. */
  surprise?: string;
  /** Fluentd refuses to start with this value. */
  error?: string;
}

export interface ConvertOptions {
  /** `strict_config_value true`: conversions that would coerce fail instead. */
  strict?: boolean;
}

/** A value Fluentd coerces: a surprise, or an error under `strict_config_value`. */
export function coerced<T>(value: T, why: string, opts: ConvertOptions): Converted<T> {
  if (opts.strict) return { value, error: `strict_config_value: ${why}` };
  return { value, surprise: why };
}
