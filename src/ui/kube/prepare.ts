// What Deploy and Preview Deploy both start with: the topology (asked, remembered), the settings,
// the workspace configs, the connection, the platform (OpenShift or not) and the rendered deploy.
import * as vscode from 'vscode';
import { detectPlatform, renderDeployment, type KubeClient, type LoadedKubeconfig, type RenderedDeployment } from '../../kube';
import type { KubeSession } from './session';
import { readDeployConfig, readDeploySettings, type DeployConfigs } from './settings';

export interface PreparedDeploy {
  deployment: RenderedDeployment;
  configs: DeployConfigs;
  loaded: LoadedKubeconfig;
  client: KubeClient;
}

/** Undefined when the user dismissed the topology question or something failed (already reported as `what`). */
export async function prepareDeploy(session: KubeSession, what: string): Promise<PreparedDeploy | undefined> {
  const topology = await session.pickTopology(what === 'Deploy' ? 'deploy' : 'preview');
  if (!topology) return undefined;
  try {
    const settings = readDeploySettings();
    const configs = readDeployConfig();
    const input = { settings, templates: session.templates, topology, config: configs.files, agentConfig: configs.agentFiles };
    // rendered once before any request: settings and configs are refused without touching the cluster
    renderDeployment(input);
    const { loaded, client } = await session.connect();
    const platform = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Fluentd: asking ${loaded.current.context} what it is` },
      () => detectPlatform(client),
    );
    return { deployment: renderDeployment({ ...input, platform }), configs, loaded, client };
  } catch (err) {
    session.reportError(what, err);
    return undefined;
  }
}
