// Builds the CloudWatch Logs client from the user's settings. Credentials come from the SDK's
// default provider chain (env, shared config/profiles, SSO, web identity/IRSA, instance metadata)
// unless a caller passes its own (tests pointing at moto).
import { CloudWatchLogsClient, type CloudWatchLogsClientConfig } from '@aws-sdk/client-cloudwatch-logs';
import { sharedLimiters, type LimiterRegistry } from './rate-limiter';
import type { AwsSettings } from './settings';
import type { Limiter } from './tail-listener';

export interface LogsClientOptions extends AwsSettings {
  credentials?: CloudWatchLogsClientConfig['credentials'];
  /** SDK attempts per request (default 3); the tail engines do their own backoff on top */
  maxAttempts?: number;
  /** fail fast when nothing answers at the endpoint (default 5 s) */
  connectionTimeoutMs?: number;
  /**
   * Every request (each retry too) waits for a slot: a limiter, or a registry from which the
   * limiter of this client's account+region is taken (the extension shares one registry).
   */
  rateLimit?: Limiter | LimiterRegistry;
}

export function createLogsClient(opts: LogsClientOptions = {}): CloudWatchLogsClient {
  const config: CloudWatchLogsClientConfig = {
    maxAttempts: opts.maxAttempts ?? 3,
    requestHandler: { connectionTimeout: opts.connectionTimeoutMs ?? 5000 },
  };
  if (opts.region) config.region = opts.region;
  if (opts.profile) config.profile = opts.profile;
  if (opts.credentials) config.credentials = opts.credentials;
  if (opts.endpoint) {
    config.endpoint = opts.endpoint;
    // StartLiveTail's host prefix ("stream-") would turn 127.0.0.1 into stream-127.0.0.1
    config.disableHostPrefix = true;
  }
  const client = new CloudWatchLogsClient(config);
  keepErrorBodies(client);
  if (opts.rateLimit) limitRequests(client, opts.rateLimit, opts.endpoint);
  return client;
}

/** Puts every request of `client` through the limiter (resolved once per client). */
export function limitRequests(
  client: CloudWatchLogsClient,
  rateLimit: Limiter | LimiterRegistry = sharedLimiters,
  endpoint?: string,
): void {
  let limiter: Promise<Limiter> | undefined;
  const resolve = () =>
    'take' in rateLimit ? Promise.resolve(rateLimit) : accountRegionKey(client, endpoint).then((key) => rateLimit.get(key));
  client.middlewareStack.add(
    (next) => async (args) => {
      limiter ??= resolve();
      await (await limiter).take();
      return next(args);
    },
    // inside the retry middleware: each attempt takes its own slot
    { step: 'finalizeRequest', name: 'fluentdRequestLimiter', priority: 'low' },
  );
}

const MAX_ERROR_BODY = 64 * 1024;

/**
 * Error responses that are not the JSON the SDK expects (an emulator's XML, a proxy's HTML page)
 * end up as a bare "Deserialization error" whose body was already consumed. This middleware sits
 * between the HTTP handler and the deserializer and turns error bodies into bytes, which the
 * deserializer accepts as well and which stay readable on `error.$response.body` for
 * classifyAwsError. Success responses (including Live Tail's event stream) are untouched.
 */
export function keepErrorBodies(client: CloudWatchLogsClient): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      const res = out.response as { statusCode?: number; body?: unknown } | undefined;
      const body = res?.body as AsyncIterable<Uint8Array> | undefined;
      if (res && (res.statusCode ?? 0) >= 400 && body && typeof body[Symbol.asyncIterator] === 'function') {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of body) {
          chunks.push(Buffer.from(chunk));
          size += chunk.length;
          if (size > MAX_ERROR_BODY) break;
        }
        res.body = new Uint8Array(Buffer.concat(chunks));
      }
      return out;
    },
    { step: 'deserialize', name: 'fluentdKeepErrorBodies', priority: 'low' },
  );
}

/** The region the client will use, or undefined when none is configured anywhere. */
export async function resolvedRegion(client: CloudWatchLogsClient): Promise<string | undefined> {
  try {
    const r = await client.config.region();
    return r || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A key for "one account in one region", used to share the request limiter. The access key id
 * stands in for the account (resolving the account id would cost an STS call).
 */
export async function accountRegionKey(client: CloudWatchLogsClient, endpoint?: string): Promise<string> {
  const region = (await resolvedRegion(client)) ?? 'no-region';
  let who = 'unknown';
  try {
    const creds = await client.config.credentials();
    who = creds.accessKeyId;
  } catch {
    // no credentials: requests will fail and be reported; the key only groups limiters
  }
  return `${who}|${region}|${endpoint ?? ''}`;
}
