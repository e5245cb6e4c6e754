// The user's AWS/CloudWatch settings, validated. Raw values come from VS Code settings (any JSON),
// so every field is checked and a bad one becomes a readable problem instead of an exception later.

import type { JsonMessages } from './format';

export type TailMode = 'auto' | 'liveTail' | 'poll';

export interface AwsSettings {
  region?: string;
  profile?: string;
  /** custom endpoint (moto, LocalStack); http(s) URL */
  endpoint?: string;
}

export interface CloudWatchSettings {
  logGroupPrefix: string;
  tailMode: TailMode;
  pollIntervalMs: number;
  /** how tails show JSON messages */
  jsonMessages: JsonMessages;
}

export const DEFAULT_POLL_INTERVAL_MS = 1000;
export const MIN_POLL_INTERVAL_MS = 200;
export const MAX_POLL_INTERVAL_MS = 60_000;

export interface Validated<T> {
  value: T;
  /** one line per setting that was ignored, naming the setting */
  problems: string[];
}

const REGION_RE = /^[a-z]{2}(-[a-z]+)+-\d+$/;

function optionalString(raw: unknown, name: string, problems: string[]): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') {
    problems.push(`${name} must be a string; ignored`);
    return undefined;
  }
  const t = raw.trim();
  return t === '' ? undefined : t;
}

export function validateAwsSettings(raw: { region?: unknown; profile?: unknown; endpoint?: unknown }): Validated<AwsSettings> {
  const problems: string[] = [];
  const value: AwsSettings = {};
  const region = optionalString(raw.region, 'fluentd.aws.region', problems);
  if (region !== undefined) {
    if (REGION_RE.test(region)) value.region = region;
    else problems.push(`fluentd.aws.region "${region}" does not look like an AWS region (e.g. eu-west-1); ignored`);
  }
  const profile = optionalString(raw.profile, 'fluentd.aws.profile', problems);
  if (profile !== undefined) value.profile = profile;
  const endpoint = optionalString(raw.endpoint, 'fluentd.aws.endpoint', problems);
  if (endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (url && (url.protocol === 'http:' || url.protocol === 'https:')) value.endpoint = endpoint.replace(/\/+$/, '');
    else problems.push(`fluentd.aws.endpoint "${endpoint}" is not an http(s) URL; ignored`);
  }
  return { value, problems };
}

export function validateCloudWatchSettings(raw: {
  logGroupPrefix?: unknown;
  tailMode?: unknown;
  pollIntervalMs?: unknown;
  jsonMessages?: unknown;
}): Validated<CloudWatchSettings> {
  const problems: string[] = [];
  const value: CloudWatchSettings = { logGroupPrefix: '', tailMode: 'auto', pollIntervalMs: DEFAULT_POLL_INTERVAL_MS, jsonMessages: 'raw' };
  const prefix = optionalString(raw.logGroupPrefix, 'fluentd.cloudwatch.logGroupPrefix', problems);
  if (prefix !== undefined) value.logGroupPrefix = prefix;
  if (raw.tailMode !== undefined && raw.tailMode !== null) {
    if (raw.tailMode === 'auto' || raw.tailMode === 'liveTail' || raw.tailMode === 'poll') value.tailMode = raw.tailMode;
    else problems.push(`fluentd.cloudwatch.tailMode must be "auto", "liveTail" or "poll"; using "auto"`);
  }
  if (raw.jsonMessages !== undefined && raw.jsonMessages !== null) {
    if (raw.jsonMessages === 'raw' || raw.jsonMessages === 'readable') value.jsonMessages = raw.jsonMessages;
    else problems.push(`fluentd.cloudwatch.jsonMessages must be "raw" or "readable"; using "raw"`);
  }
  if (raw.pollIntervalMs !== undefined && raw.pollIntervalMs !== null) {
    const n = raw.pollIntervalMs;
    if (typeof n === 'number' && Number.isFinite(n)) {
      const clamped = Math.min(MAX_POLL_INTERVAL_MS, Math.max(MIN_POLL_INTERVAL_MS, Math.round(n)));
      if (clamped !== n)
        problems.push(
          `fluentd.cloudwatch.pollIntervalMs ${n} is outside ${MIN_POLL_INTERVAL_MS}–${MAX_POLL_INTERVAL_MS}; using ${clamped}`,
        );
      value.pollIntervalMs = clamped;
    } else {
      problems.push(`fluentd.cloudwatch.pollIntervalMs must be a number; using ${DEFAULT_POLL_INTERVAL_MS}`);
    }
  }
  return { value, problems };
}

/** Where a value the user picked is written. */
export type SettingTarget = 'user' | 'workspace';

/**
 * Where a picked value takes effect, preferring the user's settings: a workspace that sets the
 * setting itself overrides them, so its value is replaced instead; except in Restricted Mode
 * for a restricted setting (fluentd.aws.profile, .endpoint), where VS Code ignores the
 * workspace's value: the user's settings are what counts there.
 */
export function settingTarget(workspaceValue: unknown, opts: { trusted: boolean; restricted: boolean }): SettingTarget {
  if (workspaceValue === undefined) return 'user';
  return opts.restricted && !opts.trusted ? 'user' : 'workspace';
}
