// Turns what can go wrong talking to a cluster into one error type with a message a person can
// act on. The classifier is pure: it reads client-node's ApiException (code + Status body) and
// the network errors underneath it (node-fetch FetchError / Node system errors) by shape.

export type KubeErrorKind =
  | 'no-kubeconfig'
  | 'kubeconfig-invalid'
  | 'unreachable'
  | 'tls'
  | 'unauthorized'
  | 'forbidden'
  | 'conflict'
  | 'invalid'
  | 'not-found'
  | 'timeout'
  | 'credentials'
  | 'server'
  | 'unknown';

/** One field-level reason from a Status (422 causes, 409 apply conflicts). */
export interface StatusCause {
  field?: string;
  message: string;
  reason?: string;
}

export class KubeError extends Error {
  override readonly name = 'KubeError';
  constructor(
    readonly kind: KubeErrorKind,
    message: string,
    readonly details: {
      /** HTTP status, when the server answered. */
      code?: number;
      causes?: StatusCause[];
      /** Forbidden: what the user may not do. */
      verb?: string;
      resource?: string;
      /** Apply conflicts: the other field managers. */
      managers?: string[];
      /** The original error, for logs. */
      cause?: unknown;
    } = {},
  ) {
    super(message);
  }

  /** SSA conflicts can be resolved by taking the fields over (force). */
  get canForce(): boolean {
    return this.kind === 'conflict' && (this.details.causes?.length ?? 0) > 0;
  }
}

/** Any thrown value as a KubeError; what is not one already becomes kind `unknown`. */
export function asKubeError(err: unknown): KubeError {
  return err instanceof KubeError ? err : new KubeError('unknown', (err as Error)?.message ?? String(err), { cause: err });
}

/** What was being done when the error happened; makes messages specific. */
export interface Operation {
  /** Kubernetes verb: get, list, patch, delete, … */
  verb: string;
  /** e.g. `DaemonSet kube-system/fluentd`. */
  target?: string;
  /** API server URL. */
  server?: string;
}

interface StatusBody {
  kind?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
]);
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_SIGNATURE_FAILURE',
]);

function parseBody(body: unknown): StatusBody | undefined {
  if (body && typeof body === 'object') return body as StatusBody;
  if (typeof body === 'string' && body.trim().startsWith('{')) {
    try {
      return JSON.parse(body) as StatusBody;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The error code of a network failure, looking through `cause` chains (fetch wraps them). */
function systemCode(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== 'object' || depth > 4) return undefined;
  const e = err as { code?: unknown; errno?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && e.code) return e.code;
  if (typeof e.errno === 'string' && e.errno) return e.errno;
  return systemCode(e.cause, depth + 1);
}

function where(op: Operation): string {
  return op.target ? ` (${op.verb} ${op.target})` : '';
}

/**
 * `User "x" cannot patch resource "daemonsets" in API group "apps" in the namespace "kube-system"`
 * → verb patch, resource daemonsets.apps in namespace kube-system.
 */
function parseForbidden(message: string): { verb?: string; resource?: string; user?: string; scope?: string } {
  const m =
    /User "([^"]*)" cannot (\S+) resource "([^"]+)"(?: in API group "([^"]*)")?(?: in the namespace "([^"]*)"| at the cluster scope)?/.exec(
      message,
    );
  if (!m) return {};
  const [, user, verb, res, group, ns] = m;
  const resource = group ? `${res}.${group}` : res;
  return { user, verb, resource, scope: ns ? `in namespace "${ns}"` : 'at cluster scope' };
}

function conflictManagers(causes: StatusCause[]): string[] {
  const out = new Set<string>();
  for (const c of causes) {
    const m = /conflict with "([^"]+)"/.exec(c.message);
    if (m) out.add(m[1]);
  }
  return [...out];
}

/** Classifies any error thrown while talking to the API server. Already-classified errors pass through. */
export function classifyKubeError(err: unknown, op: Operation): KubeError {
  if (err instanceof KubeError) return err;
  const e = err as { code?: unknown; body?: unknown; message?: unknown; name?: unknown; type?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);

  // client-node's ApiException: a numeric HTTP code and the server's Status as body.
  if (err && typeof err === 'object' && typeof e.code === 'number' && e.code >= 100) {
    const code = e.code;
    const status = parseBody(e.body);
    const serverMessage = status?.message || message;
    const causes = status?.details?.causes?.map((c) => ({ field: c.field, message: c.message, reason: c.reason })) ?? [];
    switch (code) {
      case 401:
        return new KubeError(
          'unauthorized',
          `The API server rejected the credentials of this kube context (401 Unauthorized)${where(op)}. ` +
            'The token or client certificate is invalid or has expired — refresh your credentials ' +
            '(e.g. `aws eks update-kubeconfig`) and try again.',
          { code, cause: err },
        );
      case 403: {
        const f = parseForbidden(serverMessage);
        const what = f.verb && f.resource ? `"${f.verb}" on ${f.resource} ${f.scope ?? ''}`.trim() : undefined;
        return new KubeError(
          'forbidden',
          what
            ? `Forbidden: ${f.user ? `user "${f.user}"` : 'this user'} may not ${what}${where(op)}. ` +
                `Ask a cluster admin for RBAC permission to ${f.verb} ${f.resource}.`
            : `Forbidden${where(op)}: ${serverMessage}`,
          { code, verb: f.verb, resource: f.resource, cause: err },
        );
      }
      case 404:
        return new KubeError('not-found', `Not found${where(op)}: ${serverMessage}`, { code, cause: err });
      case 409: {
        const managers = conflictManagers(causes);
        if (causes.length) {
          const fields = causes.map((c) => c.field ?? c.message).join(', ');
          return new KubeError(
            'conflict',
            `Server-side apply conflict${where(op)}: ${fields} ${causes.length === 1 ? 'is' : 'are'} owned by ` +
              `${managers.map((m) => `"${m}"`).join(', ') || 'another field manager'}. ` +
              'Someone else (kubectl, a controller, GitOps) manages these fields with different values. ' +
              'Deploy with force to take them over, or change them where they are managed.',
            { code, causes, managers, cause: err },
          );
        }
        return new KubeError('conflict', `Conflict${where(op)}: ${serverMessage}`, { code, causes, cause: err });
      }
      case 422:
      case 400: {
        // The server's message already lists every cause; they are kept structured in details too.
        return new KubeError('invalid', `The API server rejected the object${where(op)}: ${serverMessage}`, {
          code,
          causes,
          cause: err,
        });
      }
      case 408:
      case 504:
        return new KubeError('timeout', `The API server timed out${where(op)}: ${serverMessage}`, { code, cause: err });
      default:
        return new KubeError(code >= 500 ? 'server' : 'unknown', `API server error ${code}${where(op)}: ${serverMessage}`, {
          code,
          cause: err,
        });
    }
  }

  const sys = systemCode(err);
  const server = op.server ? ` at ${op.server}` : '';
  if (sys && NETWORK_CODES.has(sys)) {
    return new KubeError(
      'unreachable',
      `Cannot reach the Kubernetes API server${server} (${sys})${where(op)}. Check that the cluster is running, ` +
        'the kube context points at it, and any VPN or proxy it needs is up.',
      { cause: err },
    );
  }
  if (sys === 'ETIMEDOUT' || e?.name === 'AbortError' || e?.type === 'request-timeout') {
    return new KubeError('timeout', `The Kubernetes API server${server} did not answer in time${where(op)}.`, { cause: err });
  }
  if (sys && (TLS_CODES.has(sys) || sys.startsWith('ERR_TLS') || sys.startsWith('ERR_SSL'))) {
    return new KubeError(
      'tls',
      `TLS to the Kubernetes API server${server} failed (${sys})${where(op)}: the server certificate does not match ` +
        "the kubeconfig's certificate-authority data.",
      { cause: err },
    );
  }
  // exec credential plugins (aws eks get-token, gke-gcloud-auth-plugin …) failing to run.
  if (/exec|credential|token/i.test(message) && /ENOENT|failed|exit/i.test(message)) {
    return new KubeError('credentials', `Could not obtain credentials for the kube context${where(op)}: ${message}`, { cause: err });
  }
  return new KubeError('unknown', `${message}${where(op)}`, { cause: err });
}
