// The local control plane and what runs on it (test/harness/cluster.ts: kube-apiserver + etcd, the
// real controller manager and scheduler, kwok nodes; binaries already built):
//   cluster_start_ms            first process spawned to 3 kwok nodes Ready, median of 3 starts
//   rollout_3_nodes_ms          deploy() of the bundled manifests to 3 nodes: apply to every pod Ready
//                               (the product's own rollout watch, default poll), median of 3 fresh deploys
//   rollout_update_3_nodes_ms   a config change: every pod replaced and Ready, median of 3
//   pod_log_lines_per_s         lines of one pod's log through the API server's log proxy into a
//                               PodLogSession (stern-style formatting, batching), 200,000 lines
// Run alone: BENCH_ONLY=cluster npm run bench
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient } from '../src/kube/client';
import { deploy } from '../src/kube/deploy';
import { loadKubeconfig } from '../src/kube/kubeconfig';
import { languageValidator } from '../src/kube/language-validate';
import { PodLogSession } from '../src/kube/pod-logs/session';
import { withDefaults } from '../src/kube/settings';
import { loadTemplates } from '../src/kube/templates';
import { deleteObjects, findManagedObjects } from '../src/kube/undeploy';
import { startCluster, type LocalCluster } from '../test/harness/cluster';
import { kubeRequest } from '../test/harness/kube';
import { median, round } from './util';

const NODES = ['node-a', 'node-b', 'node-c'];
const LOG_LINES = 200_000;

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function benchCluster(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cluster-'));
  const logFile = join(dir, 'pods.log');
  writeFileSync(logFile, '');
  const starts: number[] = [];
  let cluster: LocalCluster | undefined;
  try {
    for (let i = 0; i < 3; i++) {
      await cluster?.stop();
      cluster = await startCluster({ nodes: NODES, clusterLogs: [{ namespaces: ['logs'], file: logFile }] });
      starts.push(cluster.startMs);
    }
    const kube = cluster!.kube;
    const client = await KubeClient.create((await loadKubeconfig({ env: { KUBECONFIG: kube.kubeconfig } })).kc);
    const templates = loadTemplates();
    const settings = withDefaults({ clusterName: 'bench', region: 'us-east-1' });
    const validate = languageValidator();
    const configFor = (i: number) => [{ path: 'fluent.conf', text: `${templates.defaultConfig}\n# revision ${i}\n` }];
    const timedDeploy = async (i: number) => {
      const t = performance.now();
      const r = await deploy({ client, settings, templates, validate, config: configFor(i), rollout: { timeoutMs: 120_000 } });
      const ms = performance.now() - t;
      if (!r.ok || r.rollout?.ready !== NODES.length)
        throw new Error(`bench: deploy ${i} did not roll out: ${r.stage} ${r.rolloutError?.message ?? ''}`);
      return ms;
    };
    const fresh: number[] = [];
    const updates: number[] = [];
    for (let i = 0; i < 3; i++) {
      fresh.push(await timedDeploy(i * 10));
      updates.push(await timedDeploy(i * 10 + 1));
      await deleteObjects(client, await findManagedObjects(client, settings.namespace));
      // the garbage collector removes the pods before the next fresh deploy
      await until('the pods to be gone', async () => {
        const r = await kubeRequest(
          kube,
          'GET',
          `/api/v1/namespaces/${settings.namespace}/pods?labelSelector=app.kubernetes.io%2Fname%3Dfluentd`,
        );
        return r.body.items.length === 0;
      });
    }

    // pod logs: one pod, a 200,000-line log read from the start through the log proxy
    const line = (i: number) =>
      `2026-01-01T00:00:00.000000000Z stdout F 2026-01-01 00:00:00 +0000 [info]: #0 [in_tail_container_logs] line ${i} ${'x'.repeat(60)}\n`;
    let text = '';
    for (let i = 0; i < LOG_LINES; i++) text += line(i);
    appendFileSync(logFile, text);
    await kubeRequest(
      kube,
      'POST',
      '/api/v1/namespaces',
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'logs' } },
      'application/json',
    );
    await until(
      'the default ServiceAccount',
      async () => (await kubeRequest(kube, 'GET', '/api/v1/namespaces/logs/serviceaccounts/default')).status === 200,
    );
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'chatty', labels: { app: 'chatty' } },
      spec: { nodeName: 'node-a', containers: [{ name: 'main', image: 'x' }] },
    };
    await kubeRequest(kube, 'POST', '/api/v1/namespaces/logs/pods', pod, 'application/json');
    await until(
      'the pod to run',
      async () => (await kubeRequest(kube, 'GET', '/api/v1/namespaces/logs/pods/chatty')).body.status?.phase === 'Running',
    );
    let appended = 0;
    const t = performance.now();
    const session = new PodLogSession(
      client,
      { namespace: 'logs', labelSelector: 'app=chatty', tailLines: LOG_LINES, maxStreams: 5 },
      { append: (s) => void (appended += s.length) },
    );
    await until('every log line', async () => session.lines >= LOG_LINES, 300_000);
    const secs = (performance.now() - t) / 1000;
    await session.stop();
    if (!appended) throw new Error('bench: the session appended nothing');
    return {
      cluster_start_ms: round(median(starts)),
      rollout_3_nodes_ms: round(median(fresh)),
      rollout_update_3_nodes_ms: round(median(updates)),
      pod_log_lines_per_s: Math.round(LOG_LINES / secs),
    };
  } finally {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchCluster().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
