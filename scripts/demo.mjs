// npm run demo — the whole product on one machine, nothing real touched:
//   * moto (CloudWatch Logs emulator) holding the log groups the bundled config produces for a
//     small EKS cluster (demo/seed.mjs), with new events every few seconds;
//   * a local kube-apiserver + etcd (when provisioned, or with --kube), with a stand-in for the
//     DaemonSet controller so a deploy's rollout completes;
//   * the VS Code server with the extension (from this repository) and demo/workspace open.
// Prints the URL to open; Ctrl-C (or SIGTERM) stops everything it started.
//
//   npm run demo [-- --port 8080] [-- --kube | --no-kube]
// Provisions what it needs on first use (the VS Code server, moto); building kube-apiserver takes
// minutes, so it runs only when already built (npm test builds it) or with --kube.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { require as tsRequire } from 'tsx/cjs/api';
import { PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CLUSTER, CONTAINERS_GROUP, NODES, SYSTEMD_GROUP, kubePods, liveEvent, seedGroups } from '../demo/seed.mjs';
import { provisionVsCode, vscodeTarget } from './vscode/targets.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKSPACE = join(ROOT, 'demo', 'workspace');

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    kube: { type: 'boolean' },
    'no-kube': { type: 'boolean', default: false },
    'live-interval': { type: 'string', default: '3' },
  },
});
const port = args.port === undefined ? undefined : Number(args.port);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error(`demo: --port must be a TCP port number, got ${args.port}`);
  process.exit(2);
}
const liveIntervalMs = Number(args['live-interval']) * 1000;
if (!Number.isFinite(liveIntervalMs) || liveIntervalMs < 0) {
  console.error(`demo: --live-interval must be seconds (0 turns live events off), got ${args['live-interval']}`);
  process.exit(2);
}

const t0 = Date.now();
const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const say = (m) => console.log(`demo: ${m}`);

// --- everything started is registered here and stopped in reverse order ---------------------
const stops = [];
let stopping;
function stopAll(reason) {
  stopping ??= (async () => {
    if (reason) say(`${reason}: stopping…`);
    for (const { name, stop } of stops.reverse()) {
      try {
        await stop();
      } catch (e) {
        console.error(`demo: stopping ${name}: ${e instanceof Error ? e.message : e}`);
      }
    }
    say('stopped everything it started');
  })();
  return stopping;
}
let signals = 0;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (++signals > 1) {
      console.error('demo: second signal, exiting now');
      process.exit(130);
    }
    void stopAll(sig).then(() => process.exit(0));
  });
}
// `npm run demo` stopped with SIGTERM exits without passing it on: an orphaned demo stops too.
const parent = process.ppid;
const orphanCheck = setInterval(() => {
  if (process.ppid !== parent) void stopAll('the parent process exited').then(() => process.exit(0));
}, 1000);
orphanCheck.unref();

async function fail(message) {
  console.error(`\ndemo: ${message}`);
  await stopAll();
  process.exit(1);
}

// --- 1. the extension, built from this repository ------------------------------------------
say('building the extension');
if (spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' }).status !== 0) {
  await fail('the extension did not build (see above)');
}

// --- 2. the VS Code server (first run: a few minutes) ---------------------------------------
say(`provisioning the VS Code ${vscodeTarget('newest').vscode} server (cached after the first run)`);
let vscode;
try {
  vscode = provisionVsCode(vscodeTarget('newest'));
} catch (e) {
  await fail(e instanceof Error ? e.message : String(e));
}

// --- 3. CloudWatch Logs: moto, seeded -------------------------------------------------------
const moto = tsRequire('../test/harness/moto.ts', import.meta.url);
say(`starting moto (CloudWatch Logs emulator; first run installs moto ${moto.MOTO_VERSION} with pip)`);
let cw;
try {
  const groups = seedGroups(20);
  cw = await moto.startMoto({ preload: groups });
  stops.push({ name: 'moto', stop: () => cw.stop() });
  const streams = groups.reduce((n, g) => n + g.streams.length, 0);
  say(`moto at ${cw.endpoint}: ${groups.map((g) => g.name).join(', ')} (${streams} streams) (${secs()})`);
} catch (e) {
  await fail(`moto did not start: ${e instanceof Error ? e.message : e}`);
}
// new events keep arriving, so a tail has something to show
let liveCount = 0;
if (liveIntervalMs > 0) {
  const client = cw.client();
  const timer = setInterval(() => {
    const { group, stream, event } = liveEvent(liveCount++);
    client.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: [event] })).catch((e) => {
      if (!stopping) console.error(`demo: writing a live event: ${e instanceof Error ? e.message : e}`);
    });
  }, liveIntervalMs);
  stops.push({
    name: 'live events',
    stop: () => {
      clearInterval(timer);
      client.destroy();
    },
  });
}

// --- 4. Kubernetes: the local kube-apiserver, when available --------------------------------
const kubeHarness = tsRequire('../test/harness/kube.ts', import.meta.url);
let kube;
let kubeNote;
const kubeBuilt = kubeApiserverBuilt();
if (args['no-kube']) {
  kubeNote = 'skipped (--no-kube)';
} else if (!kubeBuilt && !args.kube) {
  kubeNote =
    'skipped: kube-apiserver is not built yet. `npm run demo -- --kube` builds it first (Go toolchain, several minutes; `npm test` builds it too)';
} else {
  say(
    kubeBuilt
      ? 'starting the local kube-apiserver + etcd'
      : 'building kube-apiserver (several minutes, cached afterwards), then starting it',
  );
  try {
    kube = await kubeHarness.startKube();
    stops.push({ name: 'kube-apiserver', stop: () => kube.stop() });
    stops.push(simulateDaemonSetController(kube));
    const pods = await createPods(kube).then(
      (n) => `${n} running pods`,
      (e) => `no pods (creating them failed: ${e instanceof Error ? e.message : e})`,
    );
    say(`kube-apiserver ${kube.version} at ${kube.server}, ${pods} (${secs()})`);
  } catch (e) {
    kubeNote = `skipped: the local kube-apiserver did not start: ${e instanceof Error ? e.message.split('\n')[0] : e}`;
  }
}
if (kubeNote) say(`Kubernetes ${kubeNote}`);

// --- 5. VS Code ---------------------------------------------------------------------------
const logDir = mkdtempSync(join(tmpdir(), 'vscode-fluentd-demo-'));
stops.unshift({ name: 'logs', stop: () => rmSync(logDir, { recursive: true, force: true }) }); // removed last
const vscodeHarness = tsRequire('../test/harness/vscode.ts', import.meta.url);
let server;
try {
  server = await vscodeHarness.startVsCodeServer({
    codeServerDir: vscode.codeServerDir,
    nodePath: vscode.nodePath,
    port,
    logFile: join(logDir, 'vscode-server.log'),
    env: {
      // the emulator's throwaway credentials replace whatever AWS identity this shell has
      AWS_ACCESS_KEY_ID: cw.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: cw.credentials.secretAccessKey,
      AWS_REGION: cw.region,
      AWS_DEFAULT_REGION: cw.region,
      AWS_PROFILE: '',
      AWS_EC2_METADATA_DISABLED: 'true',
      // the kube commands see only the local cluster (or no cluster at all)
      KUBECONFIG: kube ? kube.kubeconfig : join(logDir, 'no-cluster-kubeconfig'),
    },
    machineSettings: {
      'fluentd.aws.endpoint': cw.endpoint,
      'fluentd.aws.region': cw.region,
    },
  });
  stops.push({ name: 'VS Code server', stop: () => server.stop() });
} catch (e) {
  await fail(`the VS Code server did not start: ${e instanceof Error ? e.message : e}`);
}
// the served VS Code auto-saves: it gets a copy, so trying a quick fix never rewrites the checkout
const workspaceCopy = copyDemoWorkspace();
const url = server.url(workspaceCopy, [
  ['extensionDevelopmentPath', server.remoteUri(ROOT)],
  ['skipWelcome', 'true'],
]);

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
console.log(`
────────────────────────────────────────────────────────────────────────────────────────────
 ${pkg.displayName} — demo running (${secs()})

 Open in a browser:
   ${url}

 CloudWatch Logs  moto at ${cw.endpoint}, region ${cw.region}
                  ${CONTAINERS_GROUP} (pods of kube-system, shop, payments) and ${SYSTEMD_GROUP}
                  (kubelet, containerd, docker on ${NODES.length} nodes)${liveIntervalMs > 0 ? `; a new event every ${liveIntervalMs / 1000} s` : ''}
 Kubernetes       ${kube ? `kube-apiserver ${kube.version} at ${kube.server}, context "admin" (a stand-in marks DaemonSet rollouts done)` : kubeNote}
 Workspace        a copy of demo/workspace in ${workspaceCopy} (cluster "${CLUSTER}"; removed on stop)

 Try:
   • fluentd/fluent.conf — hover a parameter, Ctrl+Space for completion, Ctrl+Click an @include
   • routing-mistake/fluent.conf — a <match> that never sees the events (see the Problems panel)
   • k8s/fluentd-configmap.yaml — the same config inside a ConfigMap
   • the CloudWatch Logs explorer — log groups → pods → streams; tail a pod
   • Command Palette → "Fluentd: Deploy…" (pick a topology)${kube ? '' : ' (needs the local kube-apiserver, see above)'}

 Ctrl-C stops everything. VS Code server log: ${join(logDir, 'vscode-server.log')}
────────────────────────────────────────────────────────────────────────────────────────────`);

/** True when scripts/kube/provision.sh has built kube-apiserver before (it would build it otherwise). */
function kubeApiserverBuilt() {
  const script = readFileSync(join(ROOT, 'scripts/kube/provision.sh'), 'utf8');
  const version = /KUBE_VERSION="\$\{KUBE_VERSION:-([^}]+)\}"/.exec(script)?.[1];
  if (!version) return false;
  const cache = process.env.XDG_CACHE_HOME || join(process.env.HOME || tmpdir(), '.cache');
  return existsSync(join(cache, 'vscode-fluentd', `kube-${process.env.KUBE_VERSION || version}`, 'bin', 'kube-apiserver'));
}

/**
 * The demo cluster's pods (demo/seed.mjs kubePods), stored with the status a kubelet would report,
 * so the explorer can tell running pods from gone ones and list pods that ship no logs. Without a
 * controller manager, namespaces get no `default` ServiceAccount by themselves: created here.
 */
async function createPods(cluster) {
  const ok = async (what, p) => {
    const r = await p;
    if (r.status >= 300 && r.status !== 409) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body?.message ?? r.body)}`);
  };
  const post = (path, body) => kubeHarness.kubeRequest(cluster, 'POST', path, body, 'application/json');
  const pods = kubePods();
  for (const ns of [...new Set(pods.map((p) => p.pod.metadata.namespace))]) {
    if (ns !== 'kube-system')
      await ok(`namespace ${ns}`, post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }));
    await ok(
      `service account ${ns}/default`,
      post(`/api/v1/namespaces/${ns}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }),
    );
  }
  for (const { pod, status } of pods) {
    const { namespace, name } = pod.metadata;
    await ok(`pod ${namespace}/${name}`, post(`/api/v1/namespaces/${namespace}/pods`, pod));
    await ok(
      `status of pod ${namespace}/${name}`,
      kubeHarness.kubeRequest(cluster, 'PATCH', `/api/v1/namespaces/${namespace}/pods/${name}/status`, { status }),
    );
  }
  return pods.length;
}

/**
 * No controller manager or kubelet runs next to this apiserver, so a DaemonSet's or Deployment's
 * status would never change and a deploy would wait for its rollout in vain. This stand-in writes
 * the status their controllers would once every demo node (or replica) runs the new pods.
 */
function simulateDaemonSetController(cluster) {
  const seen = new Map();
  let busy = false;
  const timer = setInterval(async () => {
    if (busy || stopping) return;
    busy = true;
    try {
      const list = await kubeHarness.kubeRequest(cluster, 'GET', '/apis/apps/v1/daemonsets');
      for (const ds of list.body?.items ?? []) {
        const { namespace, name, generation } = ds.metadata;
        if ((ds.status?.observedGeneration ?? 0) >= generation) continue;
        const key = `${namespace}/${name}@${generation}`;
        // a moment of "rolling out" first, as on a real cluster
        if (!seen.has(key)) {
          seen.set(key, Date.now());
          continue;
        }
        if (Date.now() - seen.get(key) < 3000) continue;
        const n = NODES.length;
        await kubeHarness.kubeRequest(cluster, 'PATCH', `/apis/apps/v1/namespaces/${namespace}/daemonsets/${name}/status`, {
          status: {
            observedGeneration: generation,
            desiredNumberScheduled: n,
            currentNumberScheduled: n,
            updatedNumberScheduled: n,
            numberReady: n,
            numberAvailable: n,
            numberMisscheduled: 0,
          },
        });
        say(`(stand-in DaemonSet controller) ${namespace}/${name} generation ${generation}: ${n} of ${n} pods ready`);
      }
      // the aggregator and the syslog collector are Deployments: the same, per replica
      const deployments = await kubeHarness.kubeRequest(cluster, 'GET', '/apis/apps/v1/deployments');
      for (const d of deployments.body?.items ?? []) {
        const { namespace, name, generation } = d.metadata;
        if ((d.status?.observedGeneration ?? 0) >= generation) continue;
        const key = `deployment ${namespace}/${name}@${generation}`;
        if (!seen.has(key)) {
          seen.set(key, Date.now());
          continue;
        }
        if (Date.now() - seen.get(key) < 3000) continue;
        const n = d.spec?.replicas ?? 1;
        await kubeHarness.kubeRequest(cluster, 'PATCH', `/apis/apps/v1/namespaces/${namespace}/deployments/${name}/status`, {
          status: { observedGeneration: generation, replicas: n, updatedReplicas: n, readyReplicas: n, availableReplicas: n },
        });
        say(`(stand-in Deployment controller) ${namespace}/${name} generation ${generation}: ${n} of ${n} replicas available`);
      }
    } catch {
      // the apiserver is going away or busy; try again next tick
    } finally {
      busy = false;
    }
  }, 1000);
  return { name: 'DaemonSet stand-in', stop: () => clearInterval(timer) };
}

/** demo/workspace copied to a temp folder (removed when the demo stops): edits in the demo stay there. */
function copyDemoWorkspace() {
  const dir = join(mkdtempSync(join(tmpdir(), 'vscode-fluentd-demo-workspace-')), 'workspace');
  cpSync(WORKSPACE, dir, { recursive: true });
  stops.unshift({ name: 'workspace copy', stop: () => rmSync(dirname(dir), { recursive: true, force: true }) });
  return dir;
}
