// Turns whatever the SDK threw into one clear sentence for the user, plus what the caller may do
// about it (retry later or stop). The message never repeats the raw stack; `detail` keeps it.
import { operationOf } from './operation-tag';

export type AwsErrorKind =
  | 'no-region'
  | 'no-credentials'
  | 'invalid-credentials'
  | 'expired-token'
  | 'access-denied'
  | 'not-found'
  | 'network'
  | 'throttling'
  | 'invalid-request'
  | 'service'
  | 'aborted'
  | 'unknown';

export interface ClassifiedError {
  kind: AwsErrorKind;
  /** one sentence for a tree node / notification */
  message: string;
  /** the service's own words, for logs and tooltips */
  detail: string;
  /** true when the same call may succeed later without the user doing anything */
  retryable: boolean;
  /** for accessDenied: the IAM action that was refused, e.g. logs:DescribeLogStreams */
  action?: string;
}

export interface ErrorContext {
  /** API operation, e.g. DescribeLogStreams (otherwise taken from the error's tag) */
  operation?: string;
  /** what was being accessed (log group / stream name) */
  resource?: string;
  profile?: string;
  region?: string;
  endpoint?: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);
const EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const INVALID_CREDS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'AuthFailure',
  'IncompleteSignature',
  'MissingAuthenticationToken',
]);
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'UnauthorizedException']);

interface ErrLike {
  name?: string;
  code?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: string;
  cause?: unknown;
  errors?: unknown[];
}

function networkCode(e: ErrLike, depth = 0): string | undefined {
  if (!e || depth > 3) return undefined;
  if (e.code && NETWORK_CODES.has(e.code)) return e.code;
  // Node's fetch/AggregateError nest the socket error
  for (const inner of [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const c = inner && typeof inner === 'object' ? networkCode(inner as ErrLike, depth + 1) : undefined;
    if (c) return c;
  }
  return undefined;
}

function where(ctx: ErrorContext): string {
  return ctx.resource ? ` (${ctx.resource})` : '';
}

/**
 * A response the SDK could not parse (XML or HTML instead of JSON) keeps its bytes on
 * `$response.body` (see keepErrorBodies); read the error code and message from them.
 */
function fromUnparsedBody(e: ErrLike & { $response?: { body?: unknown } }): ErrLike | undefined {
  const body = e.$response?.body;
  if (!(body instanceof Uint8Array) || !/deserializ|not valid JSON|Unexpected token/i.test(e.message ?? '')) return undefined;
  const text = Buffer.from(body).toString('utf8');
  const xml = (tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(text)?.[1];
  let name = xml('Code');
  let message = xml('Message');
  if (!name) {
    try {
      const j = JSON.parse(text) as { __type?: string; message?: string; Message?: string };
      name = j.__type?.split('#').pop();
      message = j.message ?? j.Message;
    } catch {
      // an HTML page: keep what we know (status) and show the start of the text
      message = text
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 200);
    }
  }
  return { ...e, name: name ?? e.name, message: message ?? e.message, $metadata: e.$metadata };
}

export function classifyAwsError(err: unknown, ctx: ErrorContext = {}): ClassifiedError {
  const given: ErrLike = err && typeof err === 'object' ? (err as ErrLike) : { message: String(err) };
  const e: ErrLike = fromUnparsedBody(given) ?? given;
  const name = e.name ?? e.Code ?? '';
  const raw = (e.message ?? String(err)).trim();
  const detail = name && !raw.startsWith(name) ? `${name}: ${raw}` : raw;
  const operation = ctx.operation ?? operationOf(err);
  const status = e.$metadata?.httpStatusCode;
  const profile = ctx.profile ? `profile "${ctx.profile}"` : 'the default profile';
  const make = (kind: AwsErrorKind, message: string, retryable: boolean, action?: string): ClassifiedError => ({
    kind,
    message,
    detail,
    retryable,
    ...(action ? { action } : {}),
  });

  if (name === 'AbortError' || e.code === 'ABORT_ERR') return make('aborted', 'Cancelled.', false);

  if (/region is missing/i.test(raw) || name === 'RegionMissingError') {
    return make(
      'no-region',
      'No AWS region is set: choose one with "Fluentd: Choose AWS Region/Profile" or set fluentd.aws.region (or AWS_REGION, or region in ~/.aws/config).',
      false,
    );
  }
  if (/\bsso\b/i.test(raw) && /expired|invalid|refresh/i.test(raw)) {
    return make(
      'expired-token',
      `The AWS SSO session for ${profile} has expired: run "aws sso login${ctx.profile ? ` --profile ${ctx.profile}` : ''}" and refresh.`,
      false,
    );
  }
  if (EXPIRED.has(name) || /security token included in the request is expired|token has expired/i.test(raw)) {
    return make(
      'expired-token',
      `The AWS credentials of ${profile} have expired: renew them (e.g. aws sso login, or new session credentials) and refresh.`,
      false,
    );
  }
  if (name === 'CredentialsProviderError' || /could not load credentials|unable to load credentials|no credentials/i.test(raw)) {
    return make(
      'no-credentials',
      `No AWS credentials found for ${profile}: configure a profile (aws configure / aws sso login), environment variables, or choose another profile.`,
      false,
    );
  }
  if (INVALID_CREDS.has(name) || /security token included in the request is invalid|signature we calculated does not match/i.test(raw)) {
    return make(
      'invalid-credentials',
      `AWS rejected the credentials of ${profile} (${name || 'invalid token'}): check the access key, secret and session token.`,
      false,
    );
  }
  if (ACCESS_DENIED.has(name) || (status === 403 && /not authorized|access denied/i.test(raw))) {
    const m = /perform:\s*([a-z0-9-]+:[A-Za-z0-9]+)/.exec(raw);
    const action = m?.[1] ?? (operation ? `logs:${operation}` : undefined);
    return make(
      'access-denied',
      `Access denied${where(ctx)}: your IAM identity needs ${action ?? 'a CloudWatch Logs permission'}.`,
      false,
      action,
    );
  }
  if (name === 'ResourceNotFoundException' || name === 'ResourceNotFound') {
    const what = ctx.resource ? `${ctx.resource} does not exist` : raw.replace(/\.$/, '') || 'The log group or stream does not exist';
    return make(
      'not-found',
      `${what}${ctx.region ? ` in ${ctx.region}` : ''} (it may have been deleted, or another region/account is selected).`,
      false,
    );
  }
  if (THROTTLING.has(name) || status === 429 || /rate exceeded|throttl/i.test(raw)) {
    return make('throttling', 'CloudWatch Logs is throttling requests (about 5 per second per account and region); slowing down.', true);
  }
  if (name === 'LimitExceededException' && operation === 'StartLiveTail') {
    return make('throttling', 'Too many Live Tail sessions are open for this account; falling back or retrying later.', true);
  }
  const net = networkCode(e);
  if (net || name === 'TimeoutError' || name === 'RequestTimeout' || /socket hang up|connect ETIMEDOUT|getaddrinfo/i.test(raw)) {
    const target = ctx.endpoint ?? (ctx.region ? `CloudWatch Logs in ${ctx.region}` : 'CloudWatch Logs');
    return make('network', `Cannot reach ${target}${net ? ` (${net})` : ''}: check the network, proxy/VPN, or fluentd.aws.endpoint.`, true);
  }
  if (name === 'InvalidParameterException' || name === 'ValidationException' || name === 'MalformedQueryException') {
    return make('invalid-request', `CloudWatch Logs rejected the request: ${raw}`, false);
  }
  if (name === 'ServiceUnavailableException' || e.$fault === 'server' || (status !== undefined && status >= 500)) {
    return make('service', `CloudWatch Logs is unavailable right now (${name || `HTTP ${status}`}); will retry.`, true);
  }
  if (status === 403) {
    // a refusal without a usable body (proxies, emulators): most likely permissions
    const action = operation ? `logs:${operation}` : undefined;
    return make(
      'access-denied',
      `Access denied${where(ctx)} (HTTP 403): your IAM identity may need ${action ?? 'a CloudWatch Logs permission'}.`,
      false,
      action,
    );
  }
  return make('unknown', `CloudWatch Logs request failed: ${detail}`, false);
}

/**
 * Lets each distinct problem notify the user once: the same kind+action+resource stays quiet
 * until a success clears it, so a failing poll loop does not stack up notifications.
 */
export class NotifyOnce {
  private readonly seen = new Set<string>();

  shouldNotify(err: ClassifiedError, scope = ''): boolean {
    if (err.kind === 'aborted') return false;
    const key = `${scope}|${err.kind}|${err.action ?? ''}|${err.message}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  /** forget problems of a scope after it worked again */
  clear(scope = ''): void {
    for (const k of [...this.seen]) if (k.startsWith(`${scope}|`)) this.seen.delete(k);
  }
}
