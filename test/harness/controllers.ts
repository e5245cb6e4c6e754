// The real kube-controller-manager and kube-scheduler (built by scripts/kube/provision.sh from the
// same module as the API server) beside a harness API server: the DaemonSet and Deployment
// controllers create the pods, the scheduler binds them to nodes, the garbage collector removes
// them with their owner, and every namespace gets its `default` ServiceAccount.
//
//   const controllers = await startControllers(kube);
//   await controllers.stop();
import { join } from 'node:path';
import { kubeRequest, type KubeCluster } from './kube';
import { spawnProcess, StartError, stopAll, waitReady, type ManagedProcess } from './process';

export interface Controllers {
  controllerManagerLog: string;
  schedulerLog: string;
  stop(): Promise<void>;
}

export interface StartControllersOptions {
  /** How long the controller manager may take to be useful, from its own start (default 120 s). */
  readyTimeoutMs?: number;
}

export async function startControllers(kube: KubeCluster, opts: StartControllersOptions = {}): Promise<Controllers> {
  const { binaries } = kube;
  const cm = spawnProcess({
    name: 'kube-controller-manager',
    command: binaries.controllerManager,
    args: [
      `--kubeconfig=${kube.kubeconfig}`,
      '--leader-elect=false',
      `--service-account-private-key-file=${kube.saKeyFile}`,
      `--root-ca-file=${kube.caFile}`,
      // no cloud, no pod network: the controllers that would manage those stay off
      '--controllers=*,-nodeipam,-cloud-node-lifecycle,-service,-route',
      '--secure-port=0',
      '--v=0',
    ],
    logFile: join(kube.dir, 'kube-controller-manager.log'),
  });
  const sched = spawnProcess({
    name: 'kube-scheduler',
    command: binaries.scheduler,
    args: [`--kubeconfig=${kube.kubeconfig}`, '--leader-elect=false', '--secure-port=0', '--v=0'],
    logFile: join(kube.dir, 'kube-scheduler.log'),
  });
  const processes: ManagedProcess[] = [cm, sched];
  const stop = () => stopAll(processes, 10_000);
  try {
    // Ready enough: the service-account controller has given `default` its ServiceAccount
    // (without it every pod create is refused), and the scheduler still runs.
    await waitReady(cm, {
      // a scheduler that died ends the wait too (and is reported below)
      probe: async () =>
        !sched.running() ||
        (await kubeRequest(kube, 'GET', '/api/v1/namespaces/default/serviceaccounts/default').catch(() => undefined))?.status === 200,
      timeoutMs: opts.readyTimeoutMs ?? 120_000,
    });
    if (!sched.running()) throw new StartError('kube-scheduler', 'exited before the cluster was ready', sched.tail(), sched.logFile);
    return { controllerManagerLog: cm.logFile, schedulerLog: sched.logFile, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
