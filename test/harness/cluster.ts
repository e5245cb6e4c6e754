// A whole local cluster for the kube tier, the bench and the demo: the harness API server + etcd
// (kube.ts), the real controller manager and scheduler (controllers.ts) and kwok's simulated
// nodes (kwok.ts). Deploys roll out for real: the DaemonSet controller creates a pod per node,
// the scheduler binds it, kwok runs it to Ready, and its logs come through the API server.
//
//   const cluster = await startCluster({ nodes: ['node-a', 'node-b', 'node-c'] });
//   process.env.KUBECONFIG = cluster.kube.kubeconfig;
//   await cluster.stop();
import { startControllers, type Controllers } from './controllers';
import { startKube, type KubeCluster, type StartKubeOptions } from './kube';
import { startKwok, type Kwok, type StartKwokOptions } from './kwok';
import { startWithRetry } from './process';

export interface LocalCluster {
  kube: KubeCluster;
  controllers: Controllers;
  kwok: Kwok;
  /** Milliseconds from the first process spawned to every node Ready (binaries already built). */
  startMs: number;
  stop(): Promise<void>;
}

export interface StartClusterOptions extends StartKubeOptions, StartKwokOptions {
  /** Nodes to create at start (default none). */
  nodes?: string[];
}

export async function startCluster(opts: StartClusterOptions = {}): Promise<LocalCluster> {
  const kube = await startKube(opts);
  const started = Date.now() - kube.startMs;
  let controllers: Controllers | undefined;
  let kwok: Kwok | undefined;
  const stop = async () => {
    await kwok?.stop();
    await controllers?.stop();
    await kube.stop();
  };
  try {
    // side by side: neither needs the other to start; a failed start stops what did start and is
    // tried once more (a port taken between freePort() and listen(), a deadline on a loaded machine)
    [kwok, controllers] = await startWithRetry('kwok + controllers', async () => {
      const [k, c] = await Promise.allSettled([startKwok(kube, opts), startControllers(kube)]);
      if (k.status === 'fulfilled' && c.status === 'fulfilled') return [k.value, c.value] as const;
      if (k.status === 'fulfilled') await k.value.stop();
      if (c.status === 'fulfilled') await c.value.stop();
      throw k.status === 'rejected' ? k.reason : (c as PromiseRejectedResult).reason;
    });
    if (opts.nodes?.length) await kwok.addNodes(opts.nodes);
    return { kube, controllers, kwok, startMs: Date.now() - started, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
