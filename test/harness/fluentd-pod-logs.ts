// Container logs for the Fluentd pods of a kwok cluster (kwok.ts with `logsFromApi`): each pod that
// appears gets a `Logs` object of its own (owned by the pod, so it goes with it) naming a CRI-format
// file, and a script writes into that file what Fluentd 1.16.5 writes about itself — its start-up
// banner, then, depending on the node, lines its parser rejects or AccessDenied retries from
// CloudWatch. The wordings are those recorded from real Fluentd (test/fixtures/fluentd-logs).
// Used by the demo and the real VS Code tier; the logs reach the editor through the API server.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubeRequest, type KubeCluster } from './kube';

export interface FeedPod {
  namespace: string;
  name: string;
  node: string;
}

/** What a pod's Fluentd says: at start, and at each tick (n = 0, 1, …). Lines without the CRI wrapping. */
export interface FluentdScript {
  start(pod: FeedPod, now: Date): string[];
  tick(pod: FeedPod, n: number, now: Date): string[];
}

export interface FeederOptions {
  dir: string;
  namespace: string;
  labelSelector: string;
  script: FluentdScript;
  /** How often pods are looked for and scripts ticked (default 2 s). */
  intervalMs?: number;
}

export interface Feeder {
  /** Pods fed so far (ns/name → file). */
  files: Map<string, string>;
  stop(): void;
}

/** `2026-12-06 21:30:59 +0000`, as Fluentd's logger writes times (UTC here). */
export function fluentdTime(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} +0000`;
}

function cri(lines: string[], at: Date): string {
  const ts = at.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
  return lines.map((l) => `${ts} stdout F ${l}\n`).join('');
}

const hex = (n: number, seed: string) => {
  let h = 2166136261;
  for (const c of `${seed}/${n}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return (h >>> 0).toString(16).padStart(8, '0');
};

/**
 * The demo's story for the bundled EKS config (@ids in_tail_container_logs,
 * out_cloudwatch_logs_containers): every Fluentd starts normally; on `deniedNode` its node role
 * may not write to CloudWatch (AccessDenied, retried forever: retry_forever true); elsewhere the
 * CRI parser now and then meets a line in Docker's JSON format.
 */
export function eksDemoScript(opts: { deniedNode?: string; logGroup: string; account?: string }): FluentdScript {
  const account = opts.account ?? '123456789012';
  return {
    start(pod, now) {
      const t = fluentdTime(now);
      return [
        `${t} [info]: init supervisor logger path=nil rotate_age=nil rotate_size=nil`,
        `${t} [info]: parsing config file is succeeded path="/fluentd/etc/fluent.conf"`,
        `${t} [info]: gem 'fluent-plugin-cloudwatch-logs' version '0.14.3'`,
        `${t} [info]: gem 'fluent-plugin-kubernetes_metadata_filter' version '3.5.0'`,
        `${t} [info]: gem 'fluentd' version '1.16.5'`,
        `${t} [info]: starting fluentd-1.16.5 pid=7 ruby="3.2.4"`,
        `${t} [info]: spawn command to main:  cmdline=["/usr/local/bin/ruby", "-Eascii-8bit:ascii-8bit", "/fluentd/vendor/bundle/ruby/3.2.0/bin/fluentd", "-c", "/fluentd/etc/fluent.conf", "-p", "/fluentd/plugins", "--gemfile", "/fluentd/Gemfile", "--under-supervisor"]`,
        `${t} [info]: #0 init worker0 logger path=nil rotate_age=nil rotate_size=nil`,
        `${t} [info]: adding match pattern="fluent.**" type="null"`,
        `${t} [info]: adding filter pattern="kubernetes.**" type="kubernetes_metadata"`,
        `${t} [info]: adding match pattern="kubernetes.**" type="cloudwatch_logs"`,
        `${t} [info]: adding source type="tail"`,
        `${t} [info]: #0 starting fluentd worker pid=17 ppid=7 worker=0`,
        `${t} [info]: #0 [in_tail_container_logs] following tail of /var/log/containers/coredns-5d78c9869d-8xk2p_kube-system_coredns-${hex(1, pod.node)}.log`,
        `${t} [info]: #0 fluentd worker is now running worker=0`,
      ];
    },
    tick(pod, n, now) {
      const t = fluentdTime(now);
      if (pod.node === opts.deniedNode) {
        if (n % 3 !== 0) return [];
        const retry = n / 3;
        const next = fluentdTime(new Date(now.getTime() + 2 ** Math.min(retry, 8) * 1000));
        const stream = `kubernetes.var.log.containers.search-api-5b7d9c8f6-x1y2z_shop_api-${hex(2, pod.node)}.log`;
        return [
          `${t} [warn]: #0 [out_cloudwatch_logs_containers] failed to flush the buffer. retry_times=${retry} next_retry_time=${next} chunk="${[0, 1, 2, 3].map((k) => hex(retry * 4 + k, pod.name)).join('')}" error_class=Aws::CloudWatchLogs::Errors::AccessDeniedException error="User: arn:aws:sts::${account}:assumed-role/eks-demo-node/i-0${hex(4, pod.node)}${hex(5, pod.node).slice(0, 1)} is not authorized to perform: logs:PutLogEvents on resource: arn:aws:logs:us-east-1:${account}:log-group:${opts.logGroup}:log-stream:${stream} because no identity-based policy allows the logs:PutLogEvents action"`,
        ];
      }
      if (n % 4 !== 1) return [];
      return [
        `${t} [warn]: #0 [in_tail_container_logs] pattern not matched: "{\\"log\\":\\"GET /healthz 200\\\\n\\",\\"stream\\":\\"stdout\\",\\"time\\":\\"${now.toISOString()}\\"}"`,
      ];
    },
  };
}

/** Feeds the pods of a selector; each gets its own file and Logs object as it appears. */
export function feedFluentdPods(kube: KubeCluster, opts: FeederOptions): Feeder {
  const files = new Map<string, string>();
  const ticks = new Map<string, { pod: FeedPod; n: number }>();
  let busy = false;
  let stopped = false;
  const round = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      const r = await kubeRequest(
        kube,
        'GET',
        `/api/v1/namespaces/${opts.namespace}/pods?labelSelector=${encodeURIComponent(opts.labelSelector)}`,
      );
      const now = new Date();
      const seen = new Set<string>();
      for (const p of (r.body?.items ?? []) as any[]) {
        const key = `${p.metadata.namespace}/${p.metadata.name}`;
        if (!p.spec?.nodeName || p.metadata.deletionTimestamp) continue;
        seen.add(key);
        if (files.has(key)) continue;
        const pod: FeedPod = { namespace: p.metadata.namespace, name: p.metadata.name, node: p.spec.nodeName };
        const file = join(opts.dir, `${pod.namespace}_${pod.name}.log`);
        writeFileSync(file, cri(opts.script.start(pod, now), now));
        const logs = {
          apiVersion: 'kwok.x-k8s.io/v1alpha1',
          kind: 'Logs',
          metadata: {
            name: pod.name,
            namespace: pod.namespace,
            ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: pod.name, uid: p.metadata.uid }],
          },
          spec: { logs: [{ containers: [], logsFile: file, follow: true }] },
        };
        const made = await kubeRequest(
          kube,
          'POST',
          `/apis/kwok.x-k8s.io/v1alpha1/namespaces/${pod.namespace}/logs`,
          logs,
          'application/json',
        );
        if (made.status !== 201 && made.status !== 409) continue; // tried again next round
        files.set(key, file);
        ticks.set(key, { pod, n: 0 });
      }
      for (const [key, t] of ticks) {
        if (!seen.has(key)) {
          ticks.delete(key);
          continue;
        }
        const lines = opts.script.tick(t.pod, t.n++, now);
        if (lines.length) appendFileSync(files.get(key)!, cri(lines, now));
      }
    } catch {
      // the API server is restarting or going away: next round
    } finally {
      busy = false;
    }
  };
  void round();
  const timer = setInterval(() => void round(), opts.intervalMs ?? 2000);
  return {
    files,
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
