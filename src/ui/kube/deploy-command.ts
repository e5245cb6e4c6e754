// Fluentd: Deploy to Cluster — confirm (context, cluster, namespace, objects), check the config,
// dry run, apply, watch the rollout; a summary of every object in the output and a notification.
import * as vscode from 'vscode';
import { deploy, describeObject, formatDeployResult, languageValidator, renderManifests, type DeployResult } from '../../kube';
import type { KubeSession } from './session';
import { readDeployConfig, readDeploySettings, rolloutTimeoutMs } from './settings';

export const DEPLOY_COMMAND = 'fluentd.deploy.deploy';

export interface DeployArgs {
  /** Take over fields other field managers own (offered after a conflict). */
  force?: boolean;
}

function summary(r: DeployResult): string {
  const counts = new Map<string, number>();
  for (const x of r.apply?.results ?? []) counts.set(x.outcome, (counts.get(x.outcome) ?? 0) + 1);
  const objects = [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
  return r.rollout ? `${objects}; ${r.rollout.message}` : objects;
}

export async function deployCommand(session: KubeSession, args: DeployArgs = {}): Promise<DeployResult | undefined> {
  if (!(await session.requireTrust())) return undefined;
  let prepared;
  try {
    const settings = readDeploySettings();
    const config = readDeployConfig();
    const objects = renderManifests({ settings, templates: session.templates, config: config.files });
    const { loaded, client } = await session.connect();
    prepared = { settings, config, objects, loaded, client };
  } catch (err) {
    session.reportError('Deploy', err);
    return undefined;
  }
  const { settings, config, objects, loaded, client } = prepared;
  const c = loaded.current;
  const detail = [
    `Context: ${c.context}`,
    `Cluster: ${c.cluster} (${c.server})`,
    `Namespace: ${settings.namespace}`,
    `Config: ${config.source}`,
    args.force ? 'Force: fields owned by other field managers will be taken over.' : '',
    '',
    'Objects (server-side apply, field manager vscode-fluentd):',
    ...objects.map((o) => `  ${describeObject(o)}`),
  ]
    .filter((l, i, all) => l !== '' || all[i - 1] !== '')
    .join('\n');
  if (!(await session.prompts.confirm(`Deploy Fluentd to "${c.context}"?`, detail, args.force ? 'Deploy with Force' : 'Deploy')))
    return undefined;

  session.log(`\n=== Deploy to ${c.context} (${c.server}), namespace ${settings.namespace}${args.force ? ', force' : ''} ===`);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Fluentd deploy' }, (progress) =>
    deploy({
      client,
      settings,
      templates: session.templates,
      config: config.files,
      validate: languageValidator(),
      force: args.force,
      rollout: { timeoutMs: rolloutTimeoutMs() },
      onProgress: (message) => {
        progress.report({ message });
        session.statusBar.busy(message);
        session.log(message);
      },
      onRollout: (state) => {
        progress.report({ message: `rollout: ${state.message}` });
        session.statusBar.rollout(state);
        session.log(`rollout: ${state.message}`);
      },
    }),
  );
  session.log(formatDeployResult(result));

  if (result.ok) {
    session.statusBar.done(result.rollout ? `${result.rollout.ready}/${result.rollout.desired} ready` : 'deployed', true);
    void session.prompts.notify('info', `Fluentd deployed to ${c.context}: ${summary(result)}.`);
    return result;
  }
  session.statusBar.done(result.stage === 'refused' ? 'deploy refused' : 'deploy failed', false);
  const conflict = result.apply?.results.find((r) => r.error?.canForce);
  const headline =
    result.stage === 'refused'
      ? `Deploy refused: ${result.refusal?.[0] ?? ''}`
      : result.stage === 'rollout'
        ? `Fluentd applied, but the rollout did not complete: ${result.rolloutError?.message ?? ''}`
        : result.stage === 'apply'
          ? `PARTIAL DEPLOY to ${c.context}: ${summary(result)}. See the output for which objects were applied.`
          : `Deploy to ${c.context} failed in the server-side dry run; nothing was changed. ${result.apply?.results.find((r) => r.error)?.error?.message ?? ''}`;
  const actions = conflict ? ['Deploy with Force', 'Show Output'] : ['Show Output'];
  void session.prompts.notify(result.stage === 'rollout' ? 'warning' : 'error', headline, ...actions).then((choice) => {
    if (choice === 'Show Output') session.output.show(true);
    if (choice === 'Deploy with Force') void vscode.commands.executeCommand(DEPLOY_COMMAND, { force: true } satisfies DeployArgs);
  });
  return result;
}
