// Fluentd: Undeploy — deletes exactly the objects a deploy of one topology to the namespace
// created (by its labels), after a confirmation that lists them. When several topologies are
// deployed there, it asks which.
import { deleteObjects, describeObject, findDeployedTopologies, formatUndeployResults, topology, type UndeployResult } from '../../kube';
import type { KubeSession } from './session';
import { readDeploySettings } from './settings';

export async function undeployCommand(session: KubeSession): Promise<UndeployResult[] | undefined> {
  if (!(await session.requireTrust())) return undefined;
  try {
    const { namespace } = readDeploySettings();
    const { loaded, client } = await session.connect();
    const deployed = await findDeployedTopologies(client, namespace);
    if (!deployed.length) {
      void session.prompts.notify(
        'info',
        `Nothing to undeploy: no Fluentd objects managed by vscode-fluentd in ${loaded.current.context}, namespace ${namespace}.`,
      );
      return [];
    }
    let chosen = deployed[0];
    if (deployed.length > 1) {
      const items = deployed.map((d) => ({
        label: topology(d.topology).label,
        description: `${d.objects.length} objects`,
        id: d.topology,
      }));
      const pick = await session.prompts.pick(items, `Several topologies are deployed in ${namespace}: which one to undeploy?`);
      const found = deployed.find((d) => d.topology === (pick as { id?: string } | undefined)?.id);
      if (!found) return undefined;
      chosen = found;
    }
    const { objects } = chosen;
    const detail = [
      `Topology: ${topology(chosen.topology).label}`,
      `Context: ${loaded.current.context}`,
      `Cluster: ${loaded.current.cluster} (${loaded.current.server})`,
      '',
      'These objects will be deleted:',
      ...objects.map((o) => `  ${describeObject(o)}`),
    ].join('\n');
    if (!(await session.prompts.confirm(`Undeploy Fluentd from "${loaded.current.context}"?`, detail, 'Undeploy'))) return undefined;
    const results = await deleteObjects(client, objects);
    session.log(
      `\n=== Undeploy ${chosen.topology} from ${loaded.current.context}, namespace ${namespace} ===\n${formatUndeployResults(results)}`,
    );
    const failed = results.filter((r) => r.outcome === 'failed');
    if (failed.length) {
      session.output.show(true);
      void session.prompts
        .notify(
          'error',
          `Undeploy incomplete: ${failed.length} of ${results.length} objects could not be deleted (${failed.map((f) => f.target).join(', ')}).`,
          'Show Output',
        )
        .then((c) => c && session.showResult());
    } else void session.prompts.notify('info', `Fluentd undeployed from ${loaded.current.context}: ${results.length} objects deleted.`);
    return results;
  } catch (err) {
    session.reportError('Undeploy', err);
    return undefined;
  }
}
