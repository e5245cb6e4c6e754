// When the CloudWatch view may ask the cluster for its running pods (for "running/gone" and "not
// shipping logs"), and when it asks the user first, without holding up the view:
// - in Restricted Mode: listing pods contacts the cluster and runs the kubeconfig's credential
//   plugin (e.g. `aws eks get-token`), which merely opening a folder should not trigger;
// - past the pod cap: reading every pod of a big cluster is many requests.
// No kubeconfig, no cluster or no permission means no comparison (undefined), never a dialog.
// A "not now" holds until the view is refreshed.
import { runningPodsFrom, type PodLike, type RunningPod } from './pod-shipping';

export const COMPARE = 'Compare with Cluster';
export const READ_ALL = 'Read All Pods';
export const NOT_NOW = 'Not Now';

/** The cluster, once the kubeconfig is read (nothing contacted yet). */
export interface PodsCluster {
  /** the kube context's name */
  name: string;
  /** running pods, at most about `maxPods` of them; `complete` false when more remain */
  list(maxPods: number): Promise<{ complete: boolean; items: unknown[] }>;
}

export interface RunningPodsGateDeps {
  trusted(): boolean;
  /** throws when there is no kubeconfig or context */
  cluster(): Promise<PodsCluster>;
  /** shows the question with a "yes" and a "Not Now" answer; true for yes */
  ask(message: string, yes: string): Promise<boolean>;
  log(line: string): void;
  /** the user said yes: list again (the view's pods are stale) */
  onAllowed(): void;
  /** the pod cap (default 5,000) */
  maxPods?: number;
}

type Answer = 'unasked' | 'asking' | 'yes' | 'no';

export class RunningPodsGate {
  private readonly answers = { untrusted: 'unasked' as Answer, overCap: 'unasked' as Answer };

  constructor(private readonly deps: RunningPodsGateDeps) {}

  /** Refresh: questions answered "not now" may be asked again. */
  reset(): void {
    for (const k of ['untrusted', 'overCap'] as const) if (this.answers[k] === 'no') this.answers[k] = 'unasked';
  }

  async list(): Promise<RunningPod[] | undefined> {
    try {
      const cluster = await this.deps.cluster();
      if (!this.deps.trusted() && this.answers.untrusted !== 'yes') {
        this.ask(
          'untrusted',
          `Fluentd: compare the log streams with the running pods of kube context "${cluster.name}"? This workspace is in Restricted Mode; ` +
            "listing pods contacts the cluster and runs the kubeconfig's credential plugin.",
          COMPARE,
        );
        return undefined;
      }
      const result = await cluster.list(this.answers.overCap === 'yes' ? Infinity : (this.deps.maxPods ?? 5000));
      if (!result.complete) {
        this.deps.log(`Kubernetes pods not compared: more than ${result.items.length} running pods in "${cluster.name}"`);
        this.ask(
          'overCap',
          `Fluentd: kube context "${cluster.name}" runs more than ${result.items.length} pods. ` +
            'Read them all to find the pods that ship no logs? That takes one request per 500 pods.',
          READ_ALL,
        );
        return undefined;
      }
      return runningPodsFrom(result.items as PodLike[]);
    } catch (err) {
      this.deps.log(`Kubernetes pods not compared: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  /** Asks once (the view does not wait); a yes lists the pods again. */
  private ask(which: 'untrusted' | 'overCap', message: string, yes: string): void {
    if (this.answers[which] !== 'unasked') return;
    this.answers[which] = 'asking';
    void this.deps.ask(message, yes).then(
      (ok) => {
        this.answers[which] = ok ? 'yes' : 'no';
        if (ok) this.deps.onAllowed();
      },
      () => (this.answers[which] = 'no'),
    );
  }
}
