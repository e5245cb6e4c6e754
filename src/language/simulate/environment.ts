// The world outside the config for editor runs (playground, trace, config tests): the clock,
// the environment `#{ENV[...]}` reads, the process time zone. Settings are read defensively:
// a value of the wrong shape is left out rather than failing the run.
import type { SimulationEnvironment } from './types';

export interface EnvironmentSettings {
  env?: unknown;
  timezone?: unknown;
  /** Seconds since the epoch. */
  now?: unknown;
  hostname?: unknown;
}

/** An IANA zone name JavaScript knows, or undefined. */
export function validTimeZone(tz: unknown): string | undefined {
  if (typeof tz !== 'string' || tz.trim() === '') return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return undefined;
  }
}

export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!v || typeof v !== 'object' || Array.isArray(v)) return out;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (typeof x === 'string') out[k] = x;
    else if (typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
  }
  return out;
}

export function simulationEnvironment(s: EnvironmentSettings, nowMs = Date.now()): SimulationEnvironment {
  const env = stringMap(s.env);
  const now = typeof s.now === 'number' && Number.isFinite(s.now) ? Math.trunc(s.now) : Math.floor(nowMs / 1000);
  const tz = validTimeZone(s.timezone) ?? 'UTC';
  const hostname = typeof s.hostname === 'string' && s.hostname ? s.hostname : (env.HOSTNAME ?? 'fluentd');
  return { now: { sec: now, nsec: 0 }, env, tz, hostname };
}
