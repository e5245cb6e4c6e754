// The real kube-controller-manager and kube-scheduler (built by scripts/kube/provision.sh from the
// same module as the API server) beside a harness API server: the DaemonSet and Deployment
// controllers create the pods, the scheduler binds them to nodes, the garbage collector removes
// them with their owner, and every namespace gets its `default` ServiceAccount.
//
//   const controllers = await startControllers(kube);
//   await controllers.stop();
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { kubeRequest, logTail, sleep, stopProcess, track, type KubeCluster } from './kube';

export interface Controllers {
  controllerManagerLog: string;
  schedulerLog: string;
  stop(): Promise<void>;
}

export interface StartControllersOptions {
  /** How long to wait for the first sign of life (default 60 s). */
  readyTimeoutMs?: number;
}

export async function startControllers(kube: KubeCluster, opts: StartControllersOptions = {}): Promise<Controllers> {
  const { binaries } = kube;
  const started = Date.now();
  const spawnLogged = (bin: string, name: string, args: string[]): { proc: ChildProcess; log: string } => {
    const log = join(kube.dir, `${name}.log`);
    const out = openSync(log, 'a');
    const proc = track(spawn(bin, args, { stdio: ['ignore', out, out] }));
    closeSync(out);
    return { proc, log };
  };
  const cm = spawnLogged(binaries.controllerManager, 'kube-controller-manager', [
    `--kubeconfig=${kube.kubeconfig}`,
    '--leader-elect=false',
    `--service-account-private-key-file=${kube.saKeyFile}`,
    `--root-ca-file=${kube.caFile}`,
    // no cloud, no pod network: the controllers that would manage those stay off
    '--controllers=*,-nodeipam,-cloud-node-lifecycle,-service,-route',
    '--secure-port=0',
    // a test's deletes should be seen quickly; the default is already fast, this says it
    '--concurrent-gc-syncs=5',
    '--v=0',
  ]);
  const sched = spawnLogged(binaries.scheduler, 'kube-scheduler', [
    `--kubeconfig=${kube.kubeconfig}`,
    '--leader-elect=false',
    '--secure-port=0',
    '--v=0',
  ]);
  const stop = async () => {
    await Promise.all([stopProcess(cm.proc), stopProcess(sched.proc)]);
  };
  try {
    // Ready enough: the service-account controller has given `default` its ServiceAccount
    // (without it every pod create is refused), and both processes still run.
    const timeout = opts.readyTimeoutMs ?? 60_000;
    for (;;) {
      for (const [p, name, log] of [
        [cm.proc, 'kube-controller-manager', cm.log],
        [sched.proc, 'kube-scheduler', sched.log],
      ] as const) {
        if (p.exitCode !== null) throw new Error(`${name} exited with ${p.exitCode}:\n${logTail(log)}`);
      }
      const sa = await kubeRequest(kube, 'GET', '/api/v1/namespaces/default/serviceaccounts/default').catch(() => undefined);
      if (sa?.status === 200) break;
      if (Date.now() - started > timeout)
        throw new Error(`kube-controller-manager made no default ServiceAccount in ${timeout / 1000} s:\n${logTail(cm.log)}`);
      await sleep(200);
    }
    return { controllerManagerLog: cm.log, schedulerLog: sched.log, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
