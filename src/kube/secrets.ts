// The Secrets a topology needs. Generated ones (the forward pair's shared key and TLS key pair)
// are made locally and created once: a Secret that exists is kept, so re-deploying never rotates
// a key under running pods. Secrets the user names must exist and hold the keys the workloads
// read. Values never leave this module except in the create request: not in a ConfigMap, a
// log, a preview, an export or an error (server messages are scrubbed of them).
import { randomBytes } from 'node:crypto';
import type { KubeClient } from './client';
import { asKubeError, KubeError } from './errors';
import { selfSignedCert } from './self-signed-cert';
import { describeObject, type KubeObject } from './types';

export interface SecretPlan {
  name: string;
  namespace: string;
  /** Created by the deploy once, or named by the user (then it must exist). */
  origin: 'generated' | 'user';
  /** Data keys the workloads read. */
  keys: string[];
  /** What it is for, in the summary: `the forward shared key`. */
  purpose: string;
  /** The setting that names it (user Secrets), for messages. */
  setting?: string;
  type?: string;
  labels?: Record<string, string>;
  /** Generated Secrets: the data, made only when the Secret must be created. */
  generate?: () => Record<string, string>;
}

export const SHARED_KEY_SECRET = 'fluentd-forward-shared-key';
export const TLS_SECRET = 'fluentd-forward-tls';
export const SHARED_KEY_KEY = 'shared_key';

export function sharedKeyPlan(namespace: string, named: string | undefined, labels: Record<string, string>): SecretPlan {
  return named
    ? {
        name: named,
        namespace,
        origin: 'user',
        keys: [SHARED_KEY_KEY],
        purpose: 'the forward shared key',
        setting: 'fluentd.deploy.forward.sharedKeySecret',
      }
    : {
        name: SHARED_KEY_SECRET,
        namespace,
        origin: 'generated',
        keys: [SHARED_KEY_KEY],
        purpose: 'the forward shared key',
        labels,
        // 32 random bytes: the key both sides hash into every handshake
        generate: () => ({ [SHARED_KEY_KEY]: randomBytes(32).toString('base64url') }),
      };
}

/** The aggregator's key pair; `ca.crt` is the certificate again, the only part the agents mount. */
export function tlsPlan(namespace: string, named: string | undefined, labels: Record<string, string>, dnsNames: string[]): SecretPlan {
  const keys = ['tls.crt', 'tls.key', 'ca.crt'];
  return named
    ? {
        name: named,
        namespace,
        origin: 'user',
        keys,
        purpose: "the aggregator's TLS key pair",
        setting: 'fluentd.deploy.forward.tlsSecret',
      }
    : {
        name: TLS_SECRET,
        namespace,
        origin: 'generated',
        keys,
        purpose: "the aggregator's TLS key pair",
        type: 'kubernetes.io/tls',
        labels,
        generate: () => {
          const { cert, key } = selfSignedCert({ commonName: dnsNames[0], dnsNames });
          return { 'tls.crt': cert, 'tls.key': key, 'ca.crt': cert };
        },
      };
}

export const secretRef = (p: Pick<SecretPlan, 'name' | 'namespace'>) =>
  ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: p.name, namespace: p.namespace } }) as const;

/** Replaces every secret value (and its base64 form) in a message. */
export function redact(message: string, values: readonly string[]): string {
  let out = message;
  for (const v of values) {
    if (v.length < 4) continue;
    for (const form of [v, Buffer.from(v).toString('base64')]) out = out.split(form).join('<redacted>');
  }
  return out;
}

export interface SecretOutcome {
  target: string;
  outcome: 'created' | 'unchanged' | 'not-applied' | 'failed';
  note: string;
  error?: KubeError;
}

function missingKeys(live: KubeObject, keys: readonly string[]): string[] {
  const data = {
    ...((live.data as Record<string, string> | undefined) ?? {}),
    ...((live.stringData as Record<string, string> | undefined) ?? {}),
  };
  return keys.filter((k) => !(k in data));
}

/**
 * Checks each Secret and, unless `dryRun`, creates the generated ones that do not exist yet.
 * Live Secrets are read for their key names only; their values are dropped at once.
 */
export async function ensureSecrets(client: KubeClient, plans: readonly SecretPlan[], opts: { dryRun: boolean }): Promise<SecretOutcome[]> {
  const out: SecretOutcome[] = [];
  for (const plan of plans) {
    const target = describeObject(secretRef(plan));
    const values: string[] = [];
    try {
      const live = await client.get(secretRef(plan));
      if (live) {
        const missing = missingKeys(live, plan.keys);
        if (missing.length) {
          out.push({
            target,
            outcome: 'failed',
            note: plan.purpose,
            error: new KubeError(
              'invalid',
              `${target} (${plan.purpose}) has no key ${missing.join(', ')}; it needs ${plan.keys.join(', ')}.`,
            ),
          });
        } else {
          out.push({ target, outcome: 'unchanged', note: `${plan.purpose}; exists, kept` });
        }
        continue;
      }
      if (plan.origin === 'user') {
        out.push({
          target,
          outcome: 'failed',
          note: plan.purpose,
          error: new KubeError(
            'not-found',
            `${target} (${plan.purpose}, named in ${plan.setting}) does not exist. Create it with the keys ${plan.keys.join(', ')}, e.g. ` +
              `kubectl -n ${plan.namespace} create secret generic ${plan.name} ${plan.keys.map((k) => `--from-file=${k}=<file>`).join(' ')}`,
          ),
        });
        continue;
      }
      // a dry run checks the object, not the key: placeholders, so nothing is generated for nothing
      const data = opts.dryRun ? Object.fromEntries(plan.keys.map((k) => [k, 'dry-run'])) : plan.generate!();
      if (!opts.dryRun) values.push(...Object.values(data));
      const body = {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: plan.name, namespace: plan.namespace, labels: plan.labels },
        type: plan.type ?? 'Opaque',
        stringData: data,
      };
      await client.create(body, { dryRun: opts.dryRun });
      out.push({
        target,
        outcome: opts.dryRun ? 'not-applied' : 'created',
        note: `${plan.purpose}; generated locally, value not shown`,
      });
    } catch (err) {
      const e = asKubeError(err);
      if (e.kind === 'conflict' && !opts.dryRun) {
        // created by someone else since it was read: keep theirs
        out.push({ target, outcome: 'unchanged', note: `${plan.purpose}; exists, kept` });
        continue;
      }
      out.push({
        target,
        outcome: 'failed',
        note: plan.purpose,
        error: new KubeError(e.kind, redact(e.message, values), { code: e.details.code }),
      });
    }
  }
  return out;
}
