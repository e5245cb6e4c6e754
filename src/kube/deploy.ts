// The whole deploy: render, refuse a config with errors (including plugins the image lacks and a
// forward pair that disagrees), server-side dry run, apply, rollout of every workload. Each
// stage's outcome is kept so the summary says exactly what happened to the cluster. Nothing is
// sent to the cluster before the configs passed their checks.
import { applyObjects, formatApplyReport, type ApplyReport } from './apply';
import type { KubeClient } from './client';
import type { ConfigFile } from './config-files';
import { asKubeError, type KubeError } from './errors';
import { forwardPairProblems } from './forward-pair';
import { detectPlatform, type Platform } from './platform';
import { renderDeployment, type RenderedDeployment } from './render';
import { waitForRollout, type RolloutState } from './rollout';
import type { DeploySettings } from './settings';
import type { ManifestTemplates } from './templates';
import type { TopologyId } from './topologies';
import type { KubeObject } from './types';
import { formatFileDiagnostic, runValidationGate, type FileDiagnostic, type ValidateFn } from './validation-gate';

export interface DeployRequest {
  client: KubeClient;
  settings: DeploySettings;
  templates: ManifestTemplates;
  /** Default: the node agent → CloudWatch topology. */
  topology?: TopologyId;
  /** Workspace config of the main workload (main file first); the bundled one when absent. */
  config?: readonly ConfigFile[];
  /** Workspace config of the forward topology's agents; the bundled one when absent. */
  agentConfig?: readonly ConfigFile[];
  /** Their main files' workspace-relative names (RenderInput.configNames). */
  configNames?: { main?: string; agent?: string };
  validate: ValidateFn;
  /** Known platform (else discovered from the API server). */
  platform?: Platform;
  /** Take over conflicting fields (only after the user chose to). */
  force?: boolean;
  /** Wait for the workloads' rollouts; false to skip. */
  rollout?: { timeoutMs: number; intervalMs?: number } | false;
  onProgress?: (message: string) => void | Promise<void>;
  onRollout?: (state: RolloutState) => void;
}

export interface DeployResult {
  ok: boolean;
  /** The stage that decided the result. */
  stage: 'refused' | 'dry-run' | 'apply' | 'rollout' | 'done';
  /** Why the deploy was refused before touching the cluster. */
  refusal?: string[];
  warnings?: FileDiagnostic[];
  deployment?: RenderedDeployment;
  objects?: KubeObject[];
  apply?: ApplyReport;
  /** Each workload's final rollout state, in apply order. */
  rollouts?: RolloutState[];
  /** The first workload's (the main one's). */
  rollout?: RolloutState;
  rolloutError?: KubeError;
}

const refused = (refusal: string[], warnings?: FileDiagnostic[]): DeployResult => ({ ok: false, stage: 'refused', refusal, warnings });

/** The language checks (with the image's plugin check) on every workload's config; files named by workload where there are several. */
export async function checkConfigs(
  d: RenderedDeployment,
  validate: ValidateFn,
): Promise<{ errors: FileDiagnostic[]; warnings: FileDiagnostic[] }> {
  const errors: FileDiagnostic[] = [];
  const warnings: FileDiagnostic[] = [];
  const several = d.workloads.length > 1;
  for (const w of d.workloads) {
    const gate = await runValidationGate(w.config, (files) => validate(files, { image: w.image }));
    const name = (f: FileDiagnostic) => (several ? { ...f, path: `${w.def.name}/${f.path}` } : f);
    errors.push(...gate.errors.map(name));
    warnings.push(...gate.warnings.map(name));
  }
  return { errors, warnings };
}

export async function deploy(req: DeployRequest): Promise<DeployResult> {
  const progress = req.onProgress ?? (() => undefined);
  const input = {
    settings: req.settings,
    templates: req.templates,
    topology: req.topology,
    config: req.config,
    agentConfig: req.agentConfig,
    configNames: req.configNames,
  };

  await progress('Checking the Fluentd config');
  let plan: RenderedDeployment;
  try {
    plan = renderDeployment({ ...input, platform: req.platform });
  } catch (err) {
    return refused([(err as Error).message]);
  }
  const { errors, warnings } = await checkConfigs(plan, req.validate);
  if (errors.length)
    return refused([`The config has ${errors.length} error(s); nothing was deployed:`, ...errors.map(formatFileDiagnostic)], warnings);
  const pair = forwardPairProblems(plan);
  if (pair.length)
    return refused(["The agents' and the aggregator's configs do not fit together; nothing was deployed:", ...pair], warnings);

  if (!req.platform) {
    await progress('Asking the API server which platform it is');
    let platform: Platform | undefined;
    try {
      platform = await detectPlatform(req.client);
    } catch (err) {
      // An API server that cannot be asked fails the dry run too, object by object, with the
      // reason (unreachable, 401, …) where the user looks for it; until then: plain Kubernetes.
      await progress(`Could not read the API groups (${asKubeError(err).message}); checking as plain Kubernetes`);
    }
    if (platform?.openshift) {
      try {
        plan = renderDeployment({ ...input, platform });
      } catch (err) {
        return refused([(err as Error).message], warnings);
      }
    }
  }

  const objects = plan.objects;
  const apply = await applyObjects(req.client, objects, { force: req.force, onProgress: progress, secrets: plan.secrets });
  const base = { deployment: plan, objects, apply, warnings };
  if (!apply.ok) return { ok: false, stage: apply.phase, ...base };
  if (!req.rollout) return { ok: true, stage: 'done', ...base };

  // one budget for all the workloads, from the moment the first wait starts
  let deadline: number | undefined;
  const rollouts: RolloutState[] = [];
  for (const w of plan.workloads) {
    await progress(`Waiting for the ${w.def.kind} rollout of ${w.def.name}`);
    deadline ??= Date.now() + req.rollout.timeoutMs;
    try {
      const timeoutMs = Math.max(1, deadline - Date.now());
      rollouts.push(await waitForRollout(req.client, w.object, { timeoutMs, intervalMs: req.rollout.intervalMs, onUpdate: req.onRollout }));
    } catch (err) {
      return { ok: false, stage: 'rollout', ...base, rollouts, rollout: rollouts[0], rolloutError: asKubeError(err) };
    }
  }
  return { ok: true, stage: 'done', ...base, rollouts, rollout: rollouts[0] };
}

export function formatDeployResult(r: DeployResult): string {
  const out: string[] = [];
  if (r.refusal) out.push('Deploy refused.', ...r.refusal);
  if (r.apply) out.push(formatApplyReport(r.apply));
  for (const state of r.rollouts ?? []) out.push(`Rollout complete: ${state.target ? `${state.target}: ` : ''}${state.message}.`);
  if (r.rolloutError) out.push(`Objects applied, but the rollout did not complete: ${r.rolloutError.message}`);
  if (r.warnings?.length) out.push(`${r.warnings.length} warning(s) in the config:`, ...r.warnings.map(formatFileDiagnostic));
  return out.join('\n');
}
