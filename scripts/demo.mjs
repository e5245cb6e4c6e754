// npm run demo — the whole product on one machine, nothing real touched:
//   * moto (CloudWatch Logs emulator) holding the log groups the bundled config produces for a
//     small EKS cluster (demo/seed.mjs), with new events every few seconds;
//   * a local cluster (when provisioned, or with --kube): kube-apiserver + etcd, the real controller
//     manager and scheduler, and kwok's simulated nodes (test/harness/cluster.ts), so a deploy
//     rolls out for real; the Fluentd pods' logs say what Fluentd says (banner, a line its parser
//     rejects, AccessDenied retries on one node) through the API server (test/harness/fluentd-pod-logs.ts);
//   * the VS Code server with the extension (from this repository) and demo/workspace open.
// Prints the URL to open; Ctrl-C (or SIGTERM) stops everything it started.
//
//   npm run demo [-- --port 8080] [-- --kube | --no-kube]
// Provisions what it needs on first use (the VS Code server, moto); building kube-apiserver takes
// minutes, so it runs only when already built (npm test builds it) or with --kube.
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

// --- 4. Kubernetes: the local cluster, when available ---------------------------------------
const clusterHarness = tsRequire('../test/harness/cluster.ts', import.meta.url);
const kubeHarness = tsRequire('../test/harness/kube.ts', import.meta.url);
const feederHarness = tsRequire('../test/harness/fluentd-pod-logs.ts', import.meta.url);
const podLogDir = mkdtempSync(join(tmpdir(), 'vscode-fluentd-demo-pods-'));
stops.unshift({ name: 'pod logs', stop: () => rmSync(podLogDir, { recursive: true, force: true }) }); // removed last
let kube;
let kubeNote;
const kubeBuilt = kubeApiserverBuilt();
if (args['no-kube']) {
  kubeNote = 'skipped (--no-kube)';
} else if (!kubeBuilt && !args.kube) {
  kubeNote =
    'skipped: the local cluster is not built yet. `npm run demo -- --kube` builds it first (Go toolchain, several minutes; `npm test` builds it too)';
} else {
  say(
    kubeBuilt
      ? 'starting the local cluster (API server, controllers, kwok nodes)'
      : 'building the local cluster (several minutes, cached afterwards), then starting it',
  );
  try {
    // application pods without a log of their own read this file (kwok ClusterLogs)
    const appLog = join(podLogDir, 'apps.log');
    writeFileSync(appLog, '');
    const cluster = await clusterHarness.startCluster({ nodes: NODES, logsFromApi: true, clusterLogs: [{ file: appLog }] });
    kube = cluster.kube;
    stops.push({ name: 'local cluster', stop: () => cluster.stop() });
    const feeder = feederHarness.feedFluentdPods(kube, {
      dir: podLogDir,
      namespace: 'kube-system',
      labelSelector: 'app.kubernetes.io/name=fluentd',
      // the node of the pod that ships nothing (search-api) has a node role without logs:PutLogEvents
      script: feederHarness.eksDemoScript({ deniedNode: NODES[1], logGroup: CONTAINERS_GROUP }),
    });
    stops.push({ name: 'Fluentd pod logs', stop: () => feeder.stop() });
    let appLineCount = 0;
    const appLines = setInterval(() => appendFileSync(appLog, appLogLines(appLineCount++)), 2000);
    stops.push({ name: 'application pod logs', stop: () => clearInterval(appLines) });
    const pods = await createPods(kube).then(
      (n) => `${n} pods`,
      (e) => `no pods (creating them failed: ${e instanceof Error ? e.message : e})`,
    );
    say(`kube-apiserver ${kube.version} at ${kube.server}, ${NODES.length} kwok nodes, ${pods} (${secs()})`);
  } catch (e) {
    kubeNote = `skipped: the local cluster did not start: ${e instanceof Error ? e.message.split('\n')[0] : e}`;
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
 Kubernetes       ${kube ? `kube-apiserver ${kube.version} at ${kube.server}, context "admin": ${NODES.length} kwok nodes, real controllers` : kubeNote}
 Workspace        a copy of demo/workspace in ${workspaceCopy} (cluster "${CLUSTER}"; removed on stop)

 Try:
   • fluentd/fluent.conf — hover a parameter, Ctrl+Space for completion, Ctrl+Click an @include
   • routing-mistake/fluent.conf — a <match> that never sees the events (see the Problems panel)
   • k8s/fluentd-configmap.yaml — the same config inside a ConfigMap
   • the CloudWatch Logs explorer — log groups → pods → streams; tail a pod
   • Command Palette → "Fluentd: Deploy…" (pick a topology)${kube ? '' : ' (needs the local cluster, see above)'}, then
     "Fluentd: Show Pod Logs": the Fluentd pods' own logs, their warnings on conf.d/containers.conf
   • "not shipping logs" → right-click the pod → "Show Fluentd Pod Logs on This Node"
   • "Fluentd: Tail Pods of a Workload…" for an application's logs straight from the cluster

 Ctrl-C stops everything. VS Code server log: ${join(logDir, 'vscode-server.log')}
────────────────────────────────────────────────────────────────────────────────────────────`);

/** True when scripts/kube/provision.sh has built the cluster's binaries before (it would build them otherwise). */
function kubeApiserverBuilt() {
  const script = readFileSync(join(ROOT, 'scripts/kube/provision.sh'), 'utf8');
  const version = (name) => process.env[name] || new RegExp(`${name}="\\$\\{${name}:-([^}]+)\\}"`).exec(script)?.[1];
  const [kubeV, kwokV] = [version('KUBE_VERSION'), version('KWOK_VERSION')];
  if (!kubeV || !kwokV) return false;
  const cache = join(process.env.XDG_CACHE_HOME || join(process.env.HOME || tmpdir(), '.cache'), 'vscode-fluentd');
  return ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']
    .map((b) => join(cache, `kube-${kubeV}`, 'bin', b))
    .concat(join(cache, `kwok-${kwokV}`, 'bin', 'kwok'))
    .every((f) => existsSync(f));
}

/**
 * The demo cluster's pods (demo/seed.mjs kubePods), bound to the kwok nodes, which run them: the
 * explorer can tell running pods from gone ones and list pods that ship no logs. Plus a small
 * Deployment whose pods "Tail Pods of a Workload…" can follow.
 */
async function createPods(cluster) {
  const ok = async (what, p) => {
    const r = await p;
    if (r.status >= 300 && r.status !== 409) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body?.message ?? r.body)}`);
  };
  const post = (path, body) => kubeHarness.kubeRequest(cluster, 'POST', path, body, 'application/json');
  const pods = kubePods();
  for (const ns of [...new Set(pods.map((p) => p.pod.metadata.namespace))]) {
    if (ns === 'kube-system') continue;
    await ok(`namespace ${ns}`, post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }));
  }
  // the controller manager gives each namespace its default ServiceAccount; pods wait for it
  for (const ns of [...new Set(pods.map((p) => p.pod.metadata.namespace))]) {
    for (let i = 0; i < 100; i++) {
      if ((await kubeHarness.kubeRequest(cluster, 'GET', `/api/v1/namespaces/${ns}/serviceaccounts/default`)).status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  for (const { pod } of pods)
    await ok(`pod ${pod.metadata.namespace}/${pod.metadata.name}`, post(`/api/v1/namespaces/${pod.metadata.namespace}/pods`, pod));
  await ok(
    'deployment shop/storefront',
    post('/apis/apps/v1/namespaces/shop/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'storefront' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'storefront' } },
        template: {
          metadata: { labels: { app: 'storefront' } },
          spec: { containers: [{ name: 'web', image: 'registry.example.com/shop/storefront:2.4.0' }] },
        },
      },
    }),
  );
  return pods.length + 3;
}

/** Access-log lines for the application pods (all of them read apps.log). */
function appLogLines(n) {
  const at = new Date();
  const ts = at.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
  const paths = ['/', '/cart', '/checkout', '/api/products?page=2', '/healthz'];
  return [0, 1, 2]
    .map((k) => {
      const i = n * 3 + k;
      const line = `10.0.${1 + (i % 2)}.${20 + (i % 50)} - - [${at.toUTCString()}] "GET ${paths[i % paths.length]} HTTP/1.1" ${i % 17 ? 200 : 502} ${512 + ((i * 37) % 4000)} "-" "Mozilla/5.0"`;
      return `${ts} stdout F ${line}\n`;
    })
    .join('');
}

/** demo/workspace copied to a temp folder (removed when the demo stops): edits in the demo stay there. */
function copyDemoWorkspace() {
  const dir = join(mkdtempSync(join(tmpdir(), 'vscode-fluentd-demo-workspace-')), 'workspace');
  cpSync(WORKSPACE, dir, { recursive: true });
  stops.unshift({ name: 'workspace copy', stop: () => rmSync(dirname(dir), { recursive: true, force: true }) });
  return dir;
}
