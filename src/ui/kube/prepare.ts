// What Deploy and Preview Deploy both start with: the topology (asked, remembered), the settings,
// the workspace configs and their checks (language, image plugins, the forward pair: a config
// that would be refused is refused before any request), the connection, the platform (OpenShift
// or not) and the rendered deploy.
import * as vscode from 'vscode';
import {
  checkConfigs,
  detectPlatform,
  formatFileDiagnostic,
  forwardPairProblems,
  languageValidator,
  renderDeployment,
  type KubeClient,
  type LoadedKubeconfig,
  type RenderedDeployment,
} from '../../kube';
import type { KubeSession } from './session';
import { readDeployInput, type DeployConfigs } from './settings';

export interface PreparedDeploy {
  deployment: RenderedDeployment;
  configs: DeployConfigs;
  loaded: LoadedKubeconfig;
  client: KubeClient;
}

/** Why the configs cannot be deployed (nothing was sent to the cluster). */
export interface RefusedDeploy {
  refusal: string[];
}

/**
 * Undefined when the user dismissed the topology question or something failed (already reported
 * as `what`); a refusal when the configs do not pass their checks.
 */
export async function prepareDeploy(session: KubeSession, what: string): Promise<PreparedDeploy | RefusedDeploy | undefined> {
  const topology = await session.pickTopology(what === 'Deploy' ? 'deploy' : 'preview a deploy of');
  if (!topology) return undefined;
  try {
    const { configs, input } = readDeployInput(session.templates, topology);
    // settings, configs and their checks first: refused without touching the cluster
    const offline = renderDeployment(input);
    const { errors } = await checkConfigs(offline, languageValidator());
    if (errors.length)
      return { refusal: [`The config has ${errors.length} error(s); nothing was deployed:`, ...errors.map(formatFileDiagnostic)] };
    const pair = forwardPairProblems(offline);
    if (pair.length) return { refusal: ["The agents' and the aggregator's configs do not fit together; nothing was deployed:", ...pair] };
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
