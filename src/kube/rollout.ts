// Rollout of a workload, judged like `kubectl rollout status`.
//   DaemonSet:  the controller has seen the latest spec (observedGeneration), every node runs the
//               new template (updatedNumberScheduled) and its pods are ready (numberReady), each
//               against desiredNumberScheduled.
//   Deployment: the controller has seen the latest spec, spec.replicas pods run the new template
//               (updatedReplicas), no old pod is left (replicas = updatedReplicas) and the new
//               ones are available (availableReplicas).
import type { KubeClient, ObjectRef } from './client';
import { KubeError } from './errors';
import { formatPodProblem, workloadPodProblems } from './pod-problems';
import { describeObject, type KubeObject } from './types';

export interface RolloutState {
  /** `DaemonSet logging/fluentd-forwarder`. */
  target?: string;
  generation: number;
  observedGeneration: number;
  desired: number;
  updated: number;
  /** Ready pods (DaemonSet) or available replicas (Deployment). */
  ready: number;
  done: boolean;
  /** `2 of 3 pods ready`, `waiting for the DaemonSet controller`, … */
  message: string;
}

function deploymentState(d: KubeObject): RolloutState {
  const status = (d.status ?? {}) as Record<string, number | undefined>;
  const generation = d.metadata.generation ?? 0;
  const observedGeneration = status.observedGeneration ?? 0;
  const desired = (d.spec as { replicas?: number } | undefined)?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const total = status.replicas ?? 0;
  const ready = status.availableReplicas ?? 0;
  const base = { target: describeObject(d), generation, observedGeneration, desired, updated, ready };
  if (observedGeneration < generation) {
    return { ...base, done: false, message: `waiting for the Deployment controller to pick up generation ${generation}` };
  }
  if (updated < desired) return { ...base, done: false, message: `${updated} of ${desired} replicas run the new pod template` };
  if (total > updated) return { ...base, done: false, message: `${total - updated} old replica(s) still terminating` };
  if (ready < updated) return { ...base, done: false, message: `${ready} of ${desired} replicas available` };
  return { ...base, done: true, message: `${ready} of ${desired} replicas available` };
}

function daemonSetState(ds: KubeObject): RolloutState {
  const status = (ds.status ?? {}) as Record<string, number | undefined>;
  const generation = ds.metadata.generation ?? 0;
  const observedGeneration = status.observedGeneration ?? 0;
  const desired = status.desiredNumberScheduled ?? 0;
  const updated = status.updatedNumberScheduled ?? 0;
  const ready = status.numberReady ?? 0;
  const base = { target: describeObject(ds), generation, observedGeneration, desired, updated, ready };
  if (observedGeneration < generation) {
    return { ...base, done: false, message: `waiting for the DaemonSet controller to pick up generation ${generation}` };
  }
  if (updated < desired) return { ...base, done: false, message: `${updated} of ${desired} nodes run the new pod template` };
  if (ready < desired) return { ...base, done: false, message: `${ready} of ${desired} pods ready` };
  return { ...base, done: true, message: `${ready} of ${desired} pods ready` };
}

export function rolloutState(workload: KubeObject): RolloutState {
  return workload.kind === 'Deployment' ? deploymentState(workload) : daemonSetState(workload);
}

export interface WaitOptions {
  timeoutMs: number;
  /** Poll interval (default 1 s). */
  intervalMs?: number;
  onUpdate?: (state: RolloutState) => void;
  signal?: AbortSignal;
}

/** Polls until the rollout is done; throws KubeError `timeout` naming the last state. */
export async function waitForRollout(client: KubeClient, ref: ObjectRef, opts: WaitOptions): Promise<RolloutState> {
  const deadline = Date.now() + opts.timeoutMs;
  let last: RolloutState | undefined;
  for (;;) {
    if (opts.signal?.aborted) throw new KubeError('timeout', 'Waiting for the rollout was cancelled.');
    const live = await client.get(ref);
    if (!live) throw new KubeError('not-found', `${describeObject(ref)} disappeared during the rollout.`);
    const state = rolloutState({ ...live, kind: ref.kind, apiVersion: ref.apiVersion });
    if (!last || state.message !== last.message) opts.onUpdate?.(state);
    last = state;
    if (state.done) return state;
    const left = deadline - Date.now();
    if (left <= 0) {
      const ns = ref.metadata.namespace ?? 'default';
      const matchLabels = ((live.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels ??
        {}) as Record<string, string>;
      // the pods' own reasons (ImagePullBackOff: …) say more than any guess
      const problems = (await workloadPodProblems(client, ns, matchLabels)).map(formatPodProblem);
      const shown = problems.slice(0, 5);
      const more = problems.length > shown.length ? [`…and ${problems.length - shown.length} more`] : [];
      const selector = `app.kubernetes.io/instance=${(live.metadata.labels ?? {})['app.kubernetes.io/instance'] ?? live.metadata.name}`;
      throw new KubeError(
        'timeout',
        `The rollout of ${describeObject(ref)} did not finish within ${Math.round(opts.timeoutMs / 1000)} s: ${state.message}. ` +
          (shown.length
            ? `Pods not ready:\n${[...shown, ...more].map((l) => `  ${l}`).join('\n')}`
            : 'Pods may be failing to start (image pull, crash loop) — check them with `kubectl -n ' + `${ns} get pods -l ${selector}\`.`),
      );
    }
    await new Promise((r) => setTimeout(r, Math.min(opts.intervalMs ?? 1000, left)));
  }
}
