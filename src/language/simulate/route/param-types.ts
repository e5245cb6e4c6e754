// Parameter values converted as Fluentd's config types convert them (bool, integer,
// array, regexp, enum), with Fluentd's errors for values it rejects at start-up.
import { param, type SimElement } from './config';
import { ConfigError } from './errors';
import { configRegexp, type RouteRegexp } from './ruby-regexp';

export { ConfigError, NotSimulatedError } from './errors';

export function boolParam(el: SimElement, key: string, dflt: boolean): boolean {
  const v = param(el, key);
  if (v === undefined) return dflt;
  if (v === 'true' || v === 'yes' || v === '') return true;
  if (v === 'false' || v === 'no') return false;
  throw new ConfigError(`${key}: invalid bool value: ${v}`);
}

export function stringParam(el: SimElement, key: string): string | undefined {
  return param(el, key);
}

export function requiredParam(el: SimElement, key: string, section = el.name): string {
  const v = param(el, key);
  if (v === undefined) throw new ConfigError(`'${key}' parameter is required, but ${section} has none`);
  return v;
}

export function integerParam(el: SimElement, key: string, dflt: number | undefined): number | undefined {
  const v = param(el, key);
  if (v === undefined) return dflt;
  if (!/^\s*[+-]?\d+\s*$/.test(v)) throw new ConfigError(`${key}: invalid value for Integer(): ${JSON.stringify(v)}`);
  return Number(v);
}

/** `:array`: JSON when it starts with '[', else comma-separated with the spaces around commas trimmed. */
export function arrayParam(el: SimElement, key: string): string[] | undefined {
  const v = param(el, key);
  if (v === undefined) return undefined;
  if (v.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch (e) {
      throw new ConfigError(`${key}: ${(e as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new ConfigError(`array required but got ${JSON.stringify(v)}`);
    return parsed.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
  }
  const t = v.trim();
  return t === '' ? [] : t.split(/\s*,\s*/);
}

export function regexpParam(el: SimElement, key: string): RouteRegexp | undefined {
  const v = param(el, key);
  return v === undefined ? undefined : configRegexp(v);
}

export function enumParam<T extends string>(el: SimElement, key: string, list: readonly T[], dflt: T): T {
  const v = param(el, key);
  if (v === undefined) return dflt;
  const s = v.replace(/^:/, '');
  if (!(list as readonly string[]).includes(s)) throw new ConfigError(`valid options are ${list.join(',')} but got ${v}`);
  return s as T;
}
