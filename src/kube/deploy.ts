// The whole deploy: render, refuse a config with errors, server-side dry run, apply, rollout.
// Each stage's outcome is kept so the summary says exactly what happened to the cluster.
import { applyObjects, formatApplyReport, type ApplyReport } from './apply';
import type { KubeClient } from './client';
import type { ConfigFile } from './config-files';
import { asKubeError, KubeError } from './errors';
import { effectiveConfig, renderManifests } from './render';
import { waitForRollout, type RolloutState } from './rollout';
import type { DeploySettings } from './settings';
import type { ManifestTemplates } from './templates';
import type { KubeObject } from './types';
import { formatFileDiagnostic, runValidationGate, type FileDiagnostic, type ValidateFn } from './validation-gate';

export interface DeployRequest {
  client: KubeClient;
  settings: DeploySettings;
  templates: ManifestTemplates;
  /** Workspace config (main file first); the bundled default when absent. */
  config?: readonly ConfigFile[];
  validate: ValidateFn;
  /** Take over conflicting fields (only after the user chose to). */
  force?: boolean;
  /** Wait for the DaemonSet rollout; false to skip. */
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
  objects?: KubeObject[];
  apply?: ApplyReport;
  rollout?: RolloutState;
  rolloutError?: KubeError;
}

export async function deploy(req: DeployRequest): Promise<DeployResult> {
  const progress = req.onProgress ?? (() => undefined);
  const config = effectiveConfig({ templates: req.templates, config: req.config });

  await progress('Checking the Fluentd config');
  const gate = await runValidationGate(config, req.validate);
  if (!gate.ok) {
    return {
      ok: false,
      stage: 'refused',
      refusal: [`The config has ${gate.errors.length} error(s); nothing was deployed:`, ...gate.errors.map(formatFileDiagnostic)],
      warnings: gate.warnings,
    };
  }

  let objects: KubeObject[];
  try {
    objects = renderManifests({ settings: req.settings, templates: req.templates, config });
  } catch (err) {
    return { ok: false, stage: 'refused', refusal: [(err as Error).message], warnings: gate.warnings };
  }

  const apply = await applyObjects(req.client, objects, { force: req.force, onProgress: progress });
  if (!apply.ok) return { ok: false, stage: apply.phase, apply, objects, warnings: gate.warnings };
  if (!req.rollout) return { ok: true, stage: 'done', apply, objects, warnings: gate.warnings };

  const ds = objects.find((o) => o.kind === 'DaemonSet');
  if (!ds) return { ok: true, stage: 'done', apply, objects, warnings: gate.warnings };
  await progress('Waiting for the DaemonSet rollout');
  try {
    const rollout = await waitForRollout(req.client, ds, { ...req.rollout, onUpdate: req.onRollout });
    return { ok: true, stage: 'done', apply, rollout, objects, warnings: gate.warnings };
  } catch (err) {
    const rolloutError = asKubeError(err);
    return { ok: false, stage: 'rollout', apply, rolloutError, objects, warnings: gate.warnings };
  }
}

export function formatDeployResult(r: DeployResult): string {
  const out: string[] = [];
  if (r.refusal) out.push('Deploy refused.', ...r.refusal);
  if (r.apply) out.push(formatApplyReport(r.apply));
  if (r.rollout) out.push(`Rollout complete: ${r.rollout.message}.`);
  if (r.rolloutError) out.push(`Objects applied, but the rollout did not complete: ${r.rolloutError.message}`);
  if (r.warnings?.length) out.push(`${r.warnings.length} warning(s) in the config:`, ...r.warnings.map(formatFileDiagnostic));
  return out.join('\n');
}
