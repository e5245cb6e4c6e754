// The user's AWS/CloudWatch settings, validated. Raw values come from VS Code settings (any JSON),
// so every field is checked and a bad one becomes a readable problem instead of an exception later.

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
}): Validated<CloudWatchSettings> {
  const problems: string[] = [];
  const value: CloudWatchSettings = { logGroupPrefix: '', tailMode: 'auto', pollIntervalMs: DEFAULT_POLL_INTERVAL_MS };
  const prefix = optionalString(raw.logGroupPrefix, 'fluentd.cloudwatch.logGroupPrefix', problems);
  if (prefix !== undefined) value.logGroupPrefix = prefix;
  if (raw.tailMode !== undefined && raw.tailMode !== null) {
    if (raw.tailMode === 'auto' || raw.tailMode === 'liveTail' || raw.tailMode === 'poll') value.tailMode = raw.tailMode;
    else problems.push(`fluentd.cloudwatch.tailMode must be "auto", "liveTail" or "poll"; using "auto"`);
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
