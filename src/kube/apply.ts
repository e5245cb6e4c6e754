// Server-side apply of the rendered objects: a dry run of every object first (nothing is written
// unless the server accepts all of them), then the real apply in order, stopping at the first
// failure. Every object ends with an outcome, so a partial deploy is always reported as one.
import type { KubeClient } from './client';
import { asKubeError, KubeError } from './errors';
import { ensureSecrets, type SecretPlan, type SecretOutcome } from './secrets';
import { describeObject, type KubeObject } from './types';

export type ObjectOutcome = 'created' | 'configured' | 'unchanged' | 'failed' | 'not-applied';

export interface ObjectResult {
  /** `DaemonSet kube-system/fluentd`. */
  target: string;
  outcome: ObjectOutcome;
  error?: KubeError;
  /** Why a dry run could not check this object (it is then checked by the real apply). */
  note?: string;
}

export interface ApplyReport {
  /** Where it ended: the dry run refused (nothing written) or the apply ran (maybe partially). */
  phase: 'dry-run' | 'apply';
  ok: boolean;
  results: ObjectResult[];
}

export interface ApplyObjectsOptions {
  /** Take over fields another field manager owns (SSA force). Only on the user's request. */
  force?: boolean;
  /** Called before each request; awaited, so a caller can pause between steps. */
  onProgress?: (message: string) => void | Promise<void>;
  /** Secrets the objects use: checked in the dry run, generated ones created before the objects. */
  secrets?: readonly SecretPlan[];
}

const secretResult = (s: SecretOutcome): ObjectResult => ({ target: s.target, outcome: s.outcome, error: s.error, note: s.note });

/** Bare 404s from an apply mean a missing namespace (or, for a binding, a missing role); say so. */
function explainMissingNamespace(err: KubeError, obj: KubeObject): KubeError {
  const ref = (obj as { roleRef?: { name?: string } }).roleRef;
  if (err.kind === 'not-found' && obj.kind === 'ClusterRoleBinding' && ref?.name) {
    // The server's 404 names the binding kind with the role's name, which reads like nonsense.
    return new KubeError(
      'not-found',
      `Cannot bind ClusterRole "${ref.name}": it does not exist, and without the RBAC "bind" verb a user may only ` +
        'bind roles that exist and whose rules it holds itself.',
      { ...err.details },
    );
  }
  if (err.kind === 'not-found' && obj.metadata.namespace && /namespaces? "[^"]+" not found/.test(err.message)) {
    return new KubeError(
      'not-found',
      `Namespace "${obj.metadata.namespace}" does not exist in this cluster. Create it (kubectl create namespace ` +
        `${obj.metadata.namespace}) or choose another namespace in fluentd.deploy.namespace.`,
      { ...err.details },
    );
  }
  return err;
}

/**
 * A user without the RBAC `bind` verb may only bind a ClusterRole whose rules it holds, which the
 * server checks by reading the role — during a dry run the role this deploy creates does not exist
 * yet, and the server answers 404 (naming the role). That binding can only be checked for real.
 */
function bindsRoleOfThisDeploy(
  obj: KubeObject,
  err: KubeError,
  earlier: readonly KubeObject[],
  live: Map<number, KubeObject | undefined>,
): boolean {
  const ref = (obj as { roleRef?: { kind?: string; name?: string } }).roleRef;
  if (obj.kind !== 'ClusterRoleBinding' || err.kind !== 'not-found' || !ref) return false;
  const idx = earlier.findIndex((o) => o.kind === ref.kind && o.metadata.name === ref.name);
  return idx >= 0 && live.get(idx) === undefined;
}

export async function applyObjects(
  client: KubeClient,
  objects: readonly KubeObject[],
  opts: ApplyObjectsOptions = {},
): Promise<ApplyReport> {
  const progress = opts.onProgress ?? (() => undefined);
  const live = new Map<number, KubeObject | undefined>();

  // 1. Dry run: every Secret and object, so the user sees all problems at once.
  if (opts.secrets?.length) await progress('Checking the Secrets (dry run)');
  const dry: ObjectResult[] = (await ensureSecrets(client, opts.secrets ?? [], { dryRun: true })).map(secretResult);
  for (const [i, obj] of objects.entries()) {
    const target = describeObject(obj);
    await progress(`Checking ${target} (dry run)`);
    try {
      live.set(i, await client.get(obj));
      await client.apply(obj, { dryRun: true, force: opts.force });
      dry.push({ target, outcome: 'not-applied' });
    } catch (err) {
      const error = asKubeError(err);
      if (bindsRoleOfThisDeploy(obj, error, objects.slice(0, i), live)) {
        dry.push({ target, outcome: 'not-applied', note: 'its ClusterRole is created by this deploy; checked when applied' });
      } else dry.push({ target, outcome: 'failed', error: explainMissingNamespace(error, obj) });
    }
  }
  if (dry.some((r) => r.outcome === 'failed')) return { phase: 'dry-run', ok: false, results: dry };

  // 2. Secrets first (created once, kept when they exist), then the objects in order; stop at the
  //    first failure and mark the rest as not applied.
  if (opts.secrets?.length) await progress('Creating the Secrets that do not exist yet');
  const results: ObjectResult[] = (await ensureSecrets(client, opts.secrets ?? [], { dryRun: false })).map(secretResult);
  for (const [i, obj] of objects.entries()) {
    const target = describeObject(obj);
    if (results.some((r) => r.outcome === 'failed')) {
      results.push({ target, outcome: 'not-applied' });
      continue;
    }
    await progress(`Applying ${target}`);
    try {
      const before = live.get(i);
      const { object, status } = await client.apply(obj, { force: opts.force });
      const outcome: ObjectOutcome =
        status === 201 || !before
          ? 'created'
          : before.metadata.resourceVersion === object.metadata.resourceVersion
            ? 'unchanged'
            : 'configured';
      results.push({ target, outcome });
    } catch (err) {
      results.push({ target, outcome: 'failed', error: explainMissingNamespace(asKubeError(err), obj) });
    }
  }
  return { phase: 'apply', ok: results.every((r) => r.outcome !== 'failed'), results };
}

/** Human summary: one line per object, then what the state of the cluster is. */
export function formatApplyReport(report: ApplyReport): string {
  const width = Math.max(...report.results.map((r) => r.outcome.length));
  const lines = report.results.map((r) => `${r.outcome.padEnd(width)}  ${r.target}${r.error ? `: ${r.error.message}` : ''}`);
  if (report.ok) return lines.join('\n');
  if (report.phase === 'dry-run') {
    lines.push('The server-side dry run failed, so nothing was changed in the cluster.');
  } else {
    const applied = report.results.filter((r) => ['created', 'configured', 'unchanged'].includes(r.outcome)).map((r) => r.target);
    const notApplied = report.results.filter((r) => r.outcome !== 'created' && r.outcome !== 'configured' && r.outcome !== 'unchanged');
    lines.push(
      `PARTIAL DEPLOY: applied ${applied.length ? applied.join(', ') : 'nothing'}; not applied ${notApplied.map((r) => r.target).join(', ')}. ` +
        'Fix the error and deploy again (applying is idempotent), or undeploy to remove what was applied.',
    );
  }
  return lines.join('\n');
}
