// Rollout of the DaemonSet, judged like `kubectl rollout status`: the controller has seen the
// latest spec (observedGeneration), every node runs the new template (updatedNumberScheduled)
// and its pods are ready (numberReady), each against desiredNumberScheduled.
import type { KubeClient, ObjectRef } from './client';
import { KubeError } from './errors';
import { formatPodProblem, workloadPodProblems } from './pod-problems';
import type { KubeObject } from './types';

export interface RolloutState {
  generation: number;
  observedGeneration: number;
  desired: number;
  updated: number;
  ready: number;
  done: boolean;
  /** `2 of 3 pods ready`, `waiting for the DaemonSet controller`, … */
  message: string;
}

export function rolloutState(ds: KubeObject): RolloutState {
  const status = (ds.status ?? {}) as Record<string, number | undefined>;
  const generation = ds.metadata.generation ?? 0;
  const observedGeneration = status.observedGeneration ?? 0;
  const desired = status.desiredNumberScheduled ?? 0;
  const updated = status.updatedNumberScheduled ?? 0;
  const ready = status.numberReady ?? 0;
  const base = { generation, observedGeneration, desired, updated, ready };
  if (observedGeneration < generation) {
    return { ...base, done: false, message: `waiting for the DaemonSet controller to pick up generation ${generation}` };
  }
  if (updated < desired) return { ...base, done: false, message: `${updated} of ${desired} nodes run the new pod template` };
  if (ready < desired) return { ...base, done: false, message: `${ready} of ${desired} pods ready` };
  return { ...base, done: true, message: `${ready} of ${desired} pods ready` };
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
    const ds = await client.get(ref);
    if (!ds) throw new KubeError('not-found', `DaemonSet ${ref.metadata.namespace}/${ref.metadata.name} disappeared during the rollout.`);
    const state = rolloutState(ds);
    if (!last || state.message !== last.message) opts.onUpdate?.(state);
    last = state;
    if (state.done) return state;
    const left = deadline - Date.now();
    if (left <= 0) {
      const ns = ref.metadata.namespace ?? 'default';
      const selector = ((ds.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels ??
        {}) as Record<string, string>;
      // the pods' own reasons (ImagePullBackOff: …) say more than any guess
      const problems = (await workloadPodProblems(client, ns, selector)).map(formatPodProblem);
      const shown = problems.slice(0, 5);
      const more = problems.length > shown.length ? [`…and ${problems.length - shown.length} more`] : [];
      throw new KubeError(
        'timeout',
        `The rollout did not finish within ${Math.round(opts.timeoutMs / 1000)} s: ${state.message}. ` +
          (shown.length
            ? `Pods not ready:\n${[...shown, ...more].map((l) => `  ${l}`).join('\n')}`
            : 'Pods may be failing to start (image pull, crash loop) — check them with `kubectl -n ' +
              `${ns} get pods -l app.kubernetes.io/name=fluentd\`.`),
      );
    }
    await new Promise((r) => setTimeout(r, Math.min(opts.intervalMs ?? 1000, left)));
  }
}
