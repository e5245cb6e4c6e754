// The routing half of the simulator: events through a whole config the way Fluentd 1.16 routes
// them. Pure (no vscode, no LSP types).
//
//   const tree = loadConfigTree('/etc/fluent/fluent.conf', fs);          // includes resolved
//   const sim = buildSimulation(tree, { env });                          // once per config
//   const r = runRoute(sim, { kind: 'tail', path, lines }, { budget, trace: true });
//   r.deliveries   // what each output receives, and where it would write (destination)
//   r.traces       // per input event: each filter with the record after it, matches, forks
export { buildSimulation, type BuildOptions, type Simulation, type SimSource } from './build';
export { DEFAULT_BUDGET, runRoute, type RouteFailure, type RouteInput, type RunOptions } from './engine';
export type { KubeFixture } from './filters/kubernetes-metadata';
export { pathTag, tailSources, tailTag } from './in-tail';
export { loadConfigTree } from './load';
export type * from './types';
