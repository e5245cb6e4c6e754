// Deploy speed against the local control plane (test/harness/kube.ts: real kube-apiserver + etcd).
//   render_ms                   one render of the bundled manifests (templates parsed, config hashed), median
//   deploy_apply_ms             dry run + server-side apply of all objects with a changed config, median
//   deploy_apply_first_ms       the same for the very first deploy (every object created)
//   deploy_apply_unchanged_ms   the same when nothing changed (idempotent re-deploy), median
//   deploy_topologies_apply_ms  the first apply (dry run, Secrets checked or created, every object
//                               created) of each topology in a namespace of its own; the slowest
// Run alone: node --import tsx bench/kube.ts
import { applyObjects } from '../src/kube/apply';
import { KubeClient } from '../src/kube/client';
import { loadKubeconfig } from '../src/kube/kubeconfig';
import { renderDeployment, renderManifests } from '../src/kube/render';
import { withDefaults } from '../src/kube/settings';
import { loadTemplates } from '../src/kube/templates';
import { TOPOLOGIES } from '../src/kube/topologies';
import { kubeRequest, startKube } from '../test/harness/kube';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number) => Math.round(x * 100) / 100;

export async function benchKube(): Promise<Record<string, number | string>> {
  const templates = loadTemplates();
  const settings = withDefaults({ clusterName: 'bench', region: 'us-east-1' });
  const configFor = (i: number) => [{ path: 'fluent.conf', text: `${templates.defaultConfig}\n# revision ${i}\n` }];

  // render: warm up, then time single renders
  for (let i = 0; i < 20; i++) renderManifests({ settings, templates, config: configFor(i) });
  const renders: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    renderManifests({ settings, templates, config: configFor(i) });
    renders.push(performance.now() - t);
  }

  const kube = await startKube();
  try {
    const loaded = await loadKubeconfig({ env: { KUBECONFIG: kube.kubeconfig } });
    const client = await KubeClient.create(loaded.kc);
    const timed = async (config: ReturnType<typeof configFor>) => {
      const objects = renderManifests({ settings, templates, config });
      const t = performance.now();
      const report = await applyObjects(client, objects);
      const ms = performance.now() - t;
      if (!report.ok) throw new Error(`bench deploy failed: ${JSON.stringify(report.results)}`);
      return { ms, outcomes: report.results.map((r) => r.outcome) };
    };
    const first = await timed(configFor(0));
    if (!first.outcomes.every((o) => o === 'created')) throw new Error(`first deploy did not create everything: ${first.outcomes}`);
    const changed: number[] = [];
    const unchanged: number[] = [];
    for (let i = 1; i <= 7; i++) {
      const c = await timed(configFor(i));
      if (!c.outcomes.includes('configured')) throw new Error(`config change did not reconfigure: ${c.outcomes}`);
      changed.push(c.ms);
      const u = await timed(configFor(i));
      if (!u.outcomes.every((o) => o === 'unchanged')) throw new Error(`re-deploy was not a no-op: ${u.outcomes}`);
      unchanged.push(u.ms);
    }
    // Each topology once, in its own namespace (with the user Secret the syslog collector reads).
    const perTopology: Record<string, number> = {};
    for (const t of TOPOLOGIES) {
      const namespace = `bench-${t.id}`.slice(0, 40);
      await kubeRequest(
        kube,
        'POST',
        '/api/v1/namespaces',
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
        'application/json',
      );
      const topologySettings = withDefaults({
        ...settings,
        namespace,
        kinesisStream: 'bench',
        searchEndpoint: 'search-bench-abc123.us-east-1.es.amazonaws.com',
        searchSecret: 'bench-user',
      });
      await kubeRequest(
        kube,
        'POST',
        `/api/v1/namespaces/${namespace}/secrets`,
        { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'bench-user' }, stringData: { username: 'u', password: 'p' } },
        'application/json',
      );
      const d = renderDeployment({ settings: topologySettings, templates, topology: t.id });
      const started = performance.now();
      const report = await applyObjects(client, d.objects, { secrets: d.secrets });
      perTopology[t.id] = performance.now() - started;
      if (!report.ok) throw new Error(`bench deploy of ${t.id} failed: ${JSON.stringify(report.results)}`);
    }
    return {
      deploy_topologies_apply_ms: round(Math.max(...Object.values(perTopology))),
      ...Object.fromEntries(Object.entries(perTopology).map(([id, ms]) => [`deploy_apply_${id.replace(/-/g, '_')}_ms`, round(ms)])),
      render_ms: round(median(renders)),
      deploy_apply_ms: round(median(changed)),
      deploy_apply_first_ms: round(first.ms),
      deploy_apply_unchanged_ms: round(median(unchanged)),
      deploy_objects: first.outcomes.length,
      kube_apiserver: kube.version,
      kube_start_ms: kube.startMs,
    };
  } finally {
    await kube.stop();
  }
}

if (require.main === module) {
  benchKube().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
