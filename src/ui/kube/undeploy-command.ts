// Fluentd: Undeploy — deletes exactly the objects a deploy to the namespace created (by label),
// after a confirmation that lists them.
import { deleteObjects, describeObject, findManagedObjects, formatUndeployResults, type UndeployResult } from '../../kube';
import type { KubeSession } from './session';
import { readDeploySettings } from './settings';

export async function undeployCommand(session: KubeSession): Promise<UndeployResult[] | undefined> {
  if (!(await session.requireTrust())) return undefined;
  try {
    const { namespace } = readDeploySettings();
    const { loaded, client } = await session.connect();
    const objects = await findManagedObjects(client, namespace);
    if (!objects.length) {
      void session.prompts.notify(
        'info',
        `Nothing to undeploy: no Fluentd objects managed by vscode-fluentd in ${loaded.current.context}, namespace ${namespace}.`,
      );
      return [];
    }
    const detail = [
      `Context: ${loaded.current.context}`,
      `Cluster: ${loaded.current.cluster} (${loaded.current.server})`,
      '',
      'These objects will be deleted:',
      ...objects.map((o) => `  ${describeObject(o)}`),
    ].join('\n');
    if (!(await session.prompts.confirm(`Undeploy Fluentd from "${loaded.current.context}"?`, detail, 'Undeploy'))) return undefined;
    const results = await deleteObjects(client, objects);
    session.log(`\n=== Undeploy from ${loaded.current.context}, namespace ${namespace} ===\n${formatUndeployResults(results)}`);
    const failed = results.filter((r) => r.outcome === 'failed');
    if (failed.length) {
      void session.prompts
        .notify(
          'error',
          `Undeploy incomplete: ${failed.length} of ${results.length} objects could not be deleted (${failed.map((f) => f.target).join(', ')}).`,
          'Show Output',
        )
        .then((c) => c && session.output.show(true));
    } else void session.prompts.notify('info', `Fluentd undeployed from ${loaded.current.context}: ${results.length} objects deleted.`);
    return results;
  } catch (err) {
    session.reportError('Undeploy', err);
    return undefined;
  }
}
