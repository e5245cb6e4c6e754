// Fluentd: Deploy… — pick the topology, show the summary (context, namespace, images,
// every shipped file, credentials, IAM policy, Secrets, what happens to each object) with the
// dry-run diff a click away, then check the configs, apply, and watch every workload's rollout.
// The result stays visible: a notification with Show Output, the output channel opened on
// failure, and the status bar item until dismissed.
import * as vscode from 'vscode';
import { deploy, deploySummary, formatDeployResult, languageValidator, previewObjects, previewSides, type DeployResult } from '../../kube';
import { prepareDeploy } from './prepare';
import type { KubeSession } from './session';
import { rolloutTimeoutMs } from './settings';

export const DEPLOY_COMMAND = 'fluentd.deploy.deploy';

export interface DeployArgs {
  /** Take over fields other field managers own (offered after a conflict). */
  force?: boolean;
}

function summary(r: DeployResult): string {
  const counts = new Map<string, number>();
  for (const x of r.apply?.results ?? []) counts.set(x.outcome, (counts.get(x.outcome) ?? 0) + 1);
  const objects = [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
  const rollouts = (r.rollouts ?? []).map((s) => s.message).join(', ');
  return rollouts ? `${objects}; ${rollouts}` : objects;
}

export async function deployCommand(session: KubeSession, args: DeployArgs = {}): Promise<DeployResult | undefined> {
  if (!(await session.requireTrust())) return undefined;
  const prepared = await prepareDeploy(session, 'Deploy');
  if (!prepared) return undefined;
  if ('refusal' in prepared) {
    const refused: DeployResult = { ok: false, stage: 'refused', refusal: prepared.refusal };
    session.log(`\n=== Deploy ===\n${formatDeployResult(refused)}`);
    reportFailure(session, refused, 'the cluster');
    return refused;
  }
  const { deployment, configs, loaded, client } = prepared;
  const c = loaded.current;

  let preview;
  try {
    preview = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Fluentd: dry run against ${c.context}` },
      () => previewObjects(client, deployment.objects, { force: args.force, secrets: deployment.secrets }),
    );
  } catch (err) {
    session.reportError('Deploy', err);
    return undefined;
  }
  const detail = deploySummary(
    deployment,
    { context: c.context, cluster: c.cluster, server: c.server, sources: configs.sources, force: args.force },
    preview,
  );
  session.log(`\n=== Deploy summary: ${deployment.topology.label} ===\n${detail}`);
  const go = args.force ? 'Deploy with Force' : 'Deploy';
  for (;;) {
    const choice = await session.prompts.choose(`Deploy Fluentd (${deployment.topology.label}) to "${c.context}"?`, detail, [
      go,
      'Show Diff',
    ]);
    if (choice === go) break;
    if (choice !== 'Show Diff') return undefined;
    const sides = previewSides(
      preview,
      `Fluentd deploy preview: ${deployment.topology.label} to ${c.context}, namespace ${deployment.namespace}`,
    );
    await session.previews.showDiff(sides.before, sides.after, `Fluentd: live ↔ after deploy (${c.context})`);
  }

  session.log(`\n=== Deploy to ${c.context} (${c.server}), namespace ${deployment.namespace}${args.force ? ', force' : ''} ===`);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Fluentd deploy' }, (progress) =>
    deploy({
      client,
      settings: deployment.settings,
      templates: session.templates,
      topology: deployment.topology.id,
      config: configs.files,
      agentConfig: configs.agentFiles,
      configNames: configs.names,
      platform: deployment.platform,
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
        session.log(`rollout of ${state.target ?? 'the workload'}: ${state.message}`);
      },
    }),
  );
  session.log(formatDeployResult(result));

  if (result.ok) {
    const ready = (result.rollouts ?? []).map((s) => `${s.ready}/${s.desired}`).join(', ');
    session.statusBar.done(ready ? `${ready} ready` : 'deployed', true, `${deployment.topology.label} in ${c.context}`);
    void session.prompts.notify('info', `Fluentd deployed to ${c.context}: ${summary(result)}.`, 'Show Output').then((choice) => {
      if (choice === 'Show Output') session.showResult();
    });
    return result;
  }
  reportFailure(session, result, c.context, `${deployment.topology.label} in ${c.context}`);
  return result;
}

/** A failed deploy: the status item says so until dismissed, the output opens, a notification offers the way on. */
function reportFailure(session: KubeSession, result: DeployResult, context: string, what?: string): void {
  session.statusBar.done(result.stage === 'refused' ? 'deploy refused' : 'deploy failed', false, what);
  // a failure is never left to a notification that fades: the output opens with the details
  session.output.show(true);
  const conflict = result.apply?.results.find((r) => r.error?.canForce);
  const headline =
    result.stage === 'refused'
      ? `Deploy refused: ${result.refusal?.[0] ?? ''}`
      : result.stage === 'rollout'
        ? `Fluentd applied, but the rollout did not complete: ${result.rolloutError?.message ?? ''}`
        : result.stage === 'apply'
          ? `PARTIAL DEPLOY to ${context}: ${summary(result)}. See the output for which objects were applied.`
          : `Deploy to ${context} failed in the server-side dry run; nothing was changed. ${result.apply?.results.find((r) => r.error)?.error?.message ?? result.refusal?.[0] ?? ''}`;
  const actions = conflict ? ['Deploy with Force', 'Show Output'] : ['Show Output'];
  void session.prompts.notify(result.stage === 'rollout' ? 'warning' : 'error', headline, ...actions).then((choice) => {
    if (choice === 'Show Output') session.showResult();
    if (choice === 'Deploy with Force') void vscode.commands.executeCommand(DEPLOY_COMMAND, { force: true } satisfies DeployArgs);
  });
}
