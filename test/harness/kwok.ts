// kwok (sigs.k8s.io/kwok, built by scripts/kube/provision.sh) beside a harness API server: it
// simulates the kubelets of the nodes it manages. A Node created here turns Ready, a Pod bound to
// it turns Running and Ready with a pod IP, and its logs are served from files (kwok's ClusterLogs
// in its config, or per-pod `Logs` objects in the API, see pod-log-files.ts) through the API
// server's real `pods/NAME/log` proxy, in the CRI log format kubelets read.
//
//   const kwok = await startKwok(kube, { clusterLogs: [{ namespaces: ['kube-system'], file }] });
//   await kwok.addNodes(['node-a', 'node-b']);
//   await kwok.stop();
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { freePort } from './net';
import { kubeRequest, type KubeCluster } from './kube';
import { spawnProcess, StartError, waitReady } from './process';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface ClusterLogsRule {
  /** Pods of these namespaces (all when absent). */
  namespaces?: string[];
  /** Pods with these names (all when absent). */
  names?: string[];
  /** Containers it applies to (all when absent). */
  containers?: string[];
  /** A file in the CRI format (`2024-03-05T10:11:12.000000000Z stdout F text`). */
  file: string;
}

export interface StartKwokOptions {
  /** Static log files for pods (kwok config `ClusterLogs`), first match wins. */
  clusterLogs?: ClusterLogsRule[];
  /**
   * Pods running one of these images never become ready: they stay Pending with their containers
   * waiting in ImagePullBackOff, as a kubelet reports an image it cannot pull.
   */
  unpullableImages?: string[];
  /** Serve `Logs` objects created in the API (per-pod log files) besides the static rules. */
  logsFromApi?: boolean;
}

export interface Kwok {
  log: string;
  /** Creates nodes kwok manages and waits until each is Ready. */
  addNodes(names: string[], labels?: Record<string, string>): Promise<void>;
  /** Deletes a node (its pods are left to the controllers, as when a real node goes away). */
  removeNode(name: string): Promise<void>;
  stop(): Promise<void>;
}

const NODE_STAGES = ['node/fast/node-initialize.yaml', 'node/heartbeat-with-lease/node-heartbeat-with-lease.yaml'];
const POD_STAGES = ['pod/fast/pod-ready.yaml', 'pod/fast/pod-complete.yaml', 'pod/fast/pod-delete.yaml'];

/** kwok's own stage definitions, read from the provisioned copy of its module. */
function kwokStages(dir: string, unpullable: string[]): unknown[] {
  const read = (rel: string) => parseAllDocuments(readFileSync(join(dir, rel), 'utf8')).map((d) => d.toJSON());
  const stages = [...NODE_STAGES, ...POD_STAGES].flatMap(read);
  if (!unpullable.length) return stages;
  const imageKey = '.spec.containers.[].image';
  // pod-ready must leave the unpullable pods alone
  for (const s of stages as { metadata: { name: string }; spec: { selector: { matchExpressions: unknown[] } } }[]) {
    if (s.metadata.name === 'pod-ready') s.spec.selector.matchExpressions.push({ key: imageKey, operator: 'NotIn', values: unpullable });
  }
  stages.push(imagePullBackOffStage(imageKey, unpullable));
  return stages;
}

/** What a kubelet writes for a pod whose image cannot be pulled: Pending, containers waiting in ImagePullBackOff. */
function imagePullBackOffStage(imageKey: string, images: string[]): unknown {
  const notReady = (type: string) => `
- lastTransitionTime: {{ $now | Quote }}
  message: {{ printf "containers with unready status: [%s]" $names | Quote }}
  reason: ContainersNotReady
  status: "False"
  type: ${type}`;
  return {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'Stage',
    metadata: { name: 'pod-image-pull-backoff' },
    spec: {
      resourceRef: { apiGroup: 'v1', kind: 'Pod' },
      selector: {
        matchExpressions: [
          { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' },
          { key: '.status.phase', operator: 'In', values: ['Pending'] },
          { key: imageKey, operator: 'In', values: images },
          { key: '.status.conditions.[] | select( .type == "Ready" ) | .status', operator: 'NotIn', values: ['False'] },
        ],
      },
      next: {
        statusTemplate: `{{ $now := Now }}
{{ $names := "" }}{{ range $i, $c := .spec.containers }}{{ if $i }}{{ $names = printf "%s %s" $names $c.name }}{{ else }}{{ $names = $c.name }}{{ end }}{{ end }}
conditions:
- lastTransitionTime: {{ $now | Quote }}
  status: "True"
  type: Initialized
${notReady('Ready')}
${notReady('ContainersReady')}
- lastTransitionTime: {{ $now | Quote }}
  status: "True"
  type: PodScheduled
containerStatuses:
{{ range .spec.containers }}
- image: {{ .image | Quote }}
  imageID: ""
  name: {{ .name | Quote }}
  ready: false
  restartCount: 0
  started: false
  state:
    waiting:
      message: {{ printf "Back-off pulling image %q" .image | Quote }}
      reason: ImagePullBackOff
{{ end }}
{{ with NodeIPsWith .spec.nodeName }}
hostIP: {{ index . 0 | Quote }}
{{ end }}
phase: Pending
startTime: {{ $now | Quote }}
`,
      },
    },
  };
}

function clusterLogs(rules: ClusterLogsRule[]): unknown[] {
  return rules.map((r, i) => ({
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'ClusterLogs',
    metadata: { name: `logs-${i}` },
    spec: {
      selector: { ...(r.namespaces ? { matchNamespaces: r.namespaces } : {}), ...(r.names ? { matchNames: r.names } : {}) },
      logs: [{ containers: r.containers ?? [], logsFile: r.file, follow: true }],
    },
  }));
}

/** Installs kwok's CRDs the API server must know before kwok watches them (Logs, for per-pod files). */
async function installCrds(kube: KubeCluster, kinds: string[]): Promise<void> {
  const files = readdirSync(kube.binaries.kwokCrds).filter((f) => kinds.some((k) => f === `kwok.x-k8s.io_${k.toLowerCase()}.yaml`));
  for (const f of files) {
    const crd = parseAllDocuments(readFileSync(join(kube.binaries.kwokCrds, f), 'utf8'))[0].toJSON();
    const r = await kubeRequest(kube, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd, 'application/json');
    if (r.status !== 201 && r.status !== 409) throw new Error(`kwok harness: installing ${f}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    const name = crd.metadata.name as string;
    for (const deadline = Date.now() + 30_000; ; await sleep(100)) {
      const got = await kubeRequest(kube, 'GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`);
      const established = (got.body?.status?.conditions ?? []).some(
        (c: { type: string; status: string }) => c.type === 'Established' && c.status === 'True',
      );
      if (established) break;
      if (Date.now() > deadline) throw new Error(`kwok harness: CRD ${name} not established after 30 s`);
    }
  }
}

export async function startKwok(kube: KubeCluster, opts: StartKwokOptions = {}): Promise<Kwok> {
  const config = join(kube.dir, 'kwok.yaml');
  const docs = [...kwokStages(kube.binaries.kwokStages, opts.unpullableImages ?? []), ...clusterLogs(opts.clusterLogs ?? [])];
  writeFileSync(config, docs.map((d) => stringify(d)).join('---\n'));
  if (opts.logsFromApi) await installCrds(kube, ['Logs']);
  const port = await freePort();
  const proc = spawnProcess({
    name: 'kwok',
    command: kube.binaries.kwok,
    args: [
      `--kubeconfig=${kube.kubeconfig}`,
      '--manage-all-nodes=true',
      // its kubelet-like server (logs, exec): where the API server's log proxy connects
      `--server-address=127.0.0.1:${port}`,
      '--node-ip=127.0.0.1',
      `--node-port=${port}`,
      // the API server does not verify kubelet certificates here; its own pair will do
      `--tls-cert-file=${kube.caFile}`,
      `--tls-private-key-file=${kube.caKeyFile}`,
      '--node-lease-duration-seconds=40',
      ...(opts.logsFromApi ? ['--enable-crds=Logs'] : []),
      `--config=${config}`,
    ],
    logFile: join(kube.dir, 'kwok.log'),
  });
  const log = proc.logFile;
  const stop = () => proc.stop(10_000);

  const nodeReady = async (name: string) => {
    const r = await kubeRequest(kube, 'GET', `/api/v1/nodes/${name}`);
    return (r.body?.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
  };
  const addNodes = async (names: string[], labels: Record<string, string> = {}) => {
    for (const name of names) {
      const node = {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name,
          annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
          labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', type: 'kwok', ...labels },
        },
      };
      const r = await kubeRequest(kube, 'POST', '/api/v1/nodes', node, 'application/json');
      if (r.status !== 201) throw new Error(`kwok harness: creating node ${name}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    }
    const deadline = Date.now() + 60_000;
    for (const name of names) {
      while (!(await nodeReady(name))) {
        if (!proc.running()) throw new StartError('kwok', 'exited', proc.tail(), log);
        if (Date.now() > deadline) throw new StartError('kwok', `did not make node ${name} Ready in 60 s`, proc.tail(), log);
        await sleep(100);
      }
    }
  };
  const removeNode = async (name: string) => {
    const r = await kubeRequest(kube, 'DELETE', `/api/v1/nodes/${name}`);
    if (r.status !== 200 && r.status !== 404) throw new Error(`kwok harness: deleting node ${name}: HTTP ${r.status}`);
  };
  // Up when its kubelet-like server listens.
  try {
    await waitReady(proc, {
      probe: () =>
        new Promise<boolean>((res) => {
          const sock = connect(port, '127.0.0.1');
          sock.once('connect', () => (sock.destroy(), res(true)));
          sock.once('error', () => res(false));
        }),
      timeoutMs: 60_000,
      intervalMs: 100,
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { log, addNodes, removeNode, stop };
}
