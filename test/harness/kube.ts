// A real Kubernetes control plane for tests and the bench: etcd + kube-apiserver (built from Go
// modules by scripts/kube/provision.sh, cached outside the repo), started on 127.0.0.1 with free
// ports and a temp dir, stopped by the caller. The flag set follows controller-runtime's envtest:
// secure port with a self-signed serving cert, static tokens (an admin in system:masters and a
// restricted user), RBAC, a generated service-account key pair.
//
//   const kube = await startKube();          // provisions on first use (builds kube-apiserver)
//   process.env.KUBECONFIG = kube.kubeconfig; // contexts "admin" (current) and "restricted"
//   await kube.stop();
//
// This is the API server alone: objects are stored and validated, but nothing reconciles them.
// test/harness/cluster.ts adds the controller manager, the scheduler and kwok's simulated nodes.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as https from 'node:https';
import { freePort, httpGet } from './net';
import { spawnProcess, startWithRetry, stopAll, waitReady, type ManagedProcess } from './process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';

const REPO = resolve(__dirname, '..', '..');
const PROVISION = join(REPO, 'scripts', 'kube', 'provision.sh');

export interface KubeBinaries {
  apiserver: string;
  controllerManager: string;
  scheduler: string;
  kwok: string;
  /** kwok's stage definitions (kustomize/stage of its module) and CRDs (kustomize/crd/bases). */
  kwokStages: string;
  kwokCrds: string;
  etcd: string;
  /** Milliseconds provisioning took in this call (≈0 when cached). */
  elapsedMs: number;
}

/** Runs scripts/kube/provision.sh (idempotent; builds only what is missing) and returns the binaries. */
export function provisionKube(): KubeBinaries {
  const started = Date.now();
  const r = spawnSync('bash', [PROVISION], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 << 20 });
  if (r.status !== 0) {
    throw new Error(`kube harness: ${PROVISION} failed (exit ${r.status ?? r.signal}); see its output above.\n${r.stdout ?? ''}`);
  }
  const value = (key: string) => new RegExp(`^${key}=(.+)$`, 'm').exec(r.stdout)?.[1]?.trim();
  const paths = {
    apiserver: value('KUBE_APISERVER'),
    controllerManager: value('KUBE_CONTROLLER_MANAGER'),
    scheduler: value('KUBE_SCHEDULER'),
    kwok: value('KWOK'),
    kwokStages: value('KWOK_STAGES'),
    kwokCrds: value('KWOK_CRDS'),
    etcd: value('ETCD'),
  };
  const missing = Object.entries(paths).filter(([, p]) => !p || !existsSync(p));
  if (missing.length) {
    throw new Error(`kube harness: provisioning did not report usable ${missing.map(([k]) => k).join(', ')}:\n${r.stdout}`);
  }
  return { ...(paths as Record<keyof typeof paths, string>), elapsedMs: Date.now() - started };
}

/** etcd ≥ 3.5 can skip fsync (test data is thrown away); Debian's 3.4 does not know the flag. */
function etcdSupportsNoFsync(etcd: string): boolean {
  const help = spawnSync(etcd, ['--help'], { encoding: 'utf8' });
  return `${help.stdout}${help.stderr}`.includes('unsafe-no-fsync');
}

export interface KubeCluster {
  /** https://127.0.0.1:PORT */
  server: string;
  /** Kubeconfig with contexts "admin" (current) and "restricted". */
  kubeconfig: string;
  adminToken: string;
  restrictedToken: string;
  /** The restricted user's name (no groups besides system:authenticated). */
  restrictedUser: string;
  /** CA bundle for the serving certificate (self-signed: it is the certificate itself). */
  caFile: string;
  /** The serving certificate's key (kwok's kubelet endpoint reuses the pair). */
  caKeyFile: string;
  /** The service-account signing key (the controller manager signs tokens with it). */
  saKeyFile: string;
  /** The temp folder of this cluster (removed by stop()). */
  dir: string;
  /** `v1.34.4` as the server reports it. */
  version: string;
  binaries: KubeBinaries;
  /** Milliseconds from spawning etcd to /readyz ok. */
  startMs: number;
  /** Stops the API server (SIGTERM) and starts it again on the same port and data; resolves when /readyz is ok. */
  restartApiserver(opts?: { downMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

export interface StartKubeOptions {
  /** How long etcd may take to answer /health, from its own start (default 90 s; Debian's 3.4 fsyncs on a busy disk). */
  etcdTimeoutMs?: number;
  /** How long kube-apiserver may take to answer /readyz, from its own start (default 180 s on 2 busy cores). Two attempts of etcd + apiserver fit in the test runner's 10-minute hook limit. */
  readyTimeoutMs?: number;
}

/**
 * Starts etcd and kube-apiserver on fresh ports in a fresh folder. A start that fails (a deadline
 * passed, a port was taken) is retried once from scratch; the error carries the failing log's tail.
 */
export async function startKube(opts: StartKubeOptions = {}): Promise<KubeCluster> {
  const binaries = provisionKube();
  return startWithRetry('etcd + kube-apiserver', () => startKubeOnce(binaries, opts));
}

async function startKubeOnce(binaries: KubeBinaries, opts: StartKubeOptions): Promise<KubeCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'vscode-fluentd-kube-'));
  const certDir = join(dir, 'certs');
  mkdirSync(certDir);
  const started = Date.now();
  const processes: ManagedProcess[] = [];
  const cleanup = async () => {
    await stopAll(processes, 10_000);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // etcd: throwaway data dir, no fsync where supported (test data), quiet.
    const [clientPort, peerPort] = [await freePort(), await freePort()];
    const etcdUrl = `http://127.0.0.1:${clientPort}`;
    const etcd = spawnProcess({
      name: 'etcd',
      command: binaries.etcd,
      args: [
        '--name=test',
        `--data-dir=${join(dir, 'etcd')}`,
        `--listen-client-urls=${etcdUrl}`,
        `--advertise-client-urls=${etcdUrl}`,
        `--listen-peer-urls=http://127.0.0.1:${peerPort}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
        `--initial-cluster=test=http://127.0.0.1:${peerPort}`,
        ...(etcdSupportsNoFsync(binaries.etcd) ? ['--unsafe-no-fsync=true'] : []),
        '--log-level=warn',
      ],
      logFile: join(dir, 'etcd.log'),
    });
    processes.push(etcd);
    await waitReady(etcd, {
      probe: async () => (await httpGet(`${etcdUrl}/health`))?.status === 200,
      timeoutMs: opts.etcdTimeoutMs ?? 90_000,
    });

    // Credentials: static tokens and a service-account signing key pair.
    const adminToken = randomBytes(24).toString('hex');
    const restrictedToken = randomBytes(24).toString('hex');
    const restrictedUser = 'restricted';
    const tokenFile = join(dir, 'tokens.csv');
    writeFileSync(tokenFile, `${adminToken},admin,admin-uid,"system:masters"\n${restrictedToken},${restrictedUser},restricted-uid\n`);
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const saPub = join(dir, 'sa.pub');
    const saKey = join(dir, 'sa.key');
    writeFileSync(saPub, publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(saKey, privateKey.export({ type: 'pkcs8', format: 'pem' }));

    const port = await freePort();
    const server = `https://127.0.0.1:${port}`;
    const caFile = join(certDir, 'apiserver.crt');
    const startApiserver = async () => {
      const apiserver = spawnProcess({
        name: 'kube-apiserver',
        command: binaries.apiserver,
        args: [
          `--etcd-servers=${etcdUrl}`,
          '--bind-address=127.0.0.1',
          '--advertise-address=127.0.0.1',
          `--secure-port=${port}`,
          `--cert-dir=${certDir}`,
          `--token-auth-file=${tokenFile}`,
          '--authorization-mode=RBAC',
          `--service-account-issuer=${server}`,
          `--service-account-key-file=${saPub}`,
          `--service-account-signing-key-file=${saKey}`,
          '--service-cluster-ip-range=10.0.0.0/24',
          '--allow-privileged=true',
          // nothing runs on the "nodes" behind this server; no endpoints to maintain
          '--endpoint-reconciler-type=none',
          // kwok's nodes report 127.0.0.1 as their InternalIP: logs and exec go there
          '--kubelet-preferred-address-types=InternalIP',
          '--v=0',
        ],
        logFile: join(dir, 'apiserver.log'),
      });
      processes.push(apiserver);
      await waitReady(apiserver, {
        probe: async () => existsSync(caFile) && (await httpGet(`${server}/readyz`, { ca: readFileSync(caFile) }))?.status === 200,
        timeoutMs: opts.readyTimeoutMs ?? 180_000,
        intervalMs: 250,
      });
      return apiserver;
    };
    let apiserver = await startApiserver();
    const versionBody = await httpGet(`${server}/version`, { ca: readFileSync(caFile) });
    const version = (JSON.parse(versionBody?.body ?? '{}') as { gitVersion?: string }).gitVersion ?? 'unknown';

    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'local', cluster: { server, 'certificate-authority': caFile } }],
        users: [
          { name: 'admin', user: { token: adminToken } },
          { name: restrictedUser, user: { token: restrictedToken } },
        ],
        contexts: [
          { name: 'admin', context: { cluster: 'local', user: 'admin' } },
          { name: 'restricted', context: { cluster: 'local', user: restrictedUser } },
        ],
        'current-context': 'admin',
      }),
    );
    return {
      server,
      kubeconfig,
      adminToken,
      restrictedToken,
      restrictedUser,
      caFile,
      caKeyFile: join(certDir, 'apiserver.key'),
      saKeyFile: saKey,
      dir,
      version,
      binaries,
      startMs: Date.now() - started,
      restartApiserver: async ({ downMs = 0 } = {}) => {
        await apiserver.stop(10_000);
        processes.splice(processes.indexOf(apiserver), 1);
        if (downMs) await new Promise((r) => setTimeout(r, downMs));
        // like a first start, a restart that misses its deadline on a starved machine (seen at load
        // average 56 on 2 cores) is stopped and tried once more on the same port and etcd
        apiserver = await startWithRetry('kube-apiserver restart', async () => {
          try {
            return await startApiserver();
          } catch (e) {
            const failed = processes.pop();
            if (failed) await failed.stop(10_000);
            throw e;
          }
        });
      },
      stop: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** A raw authenticated request (for what the product never does, like writing a status subresource). */
export function kubeRequest(
  kube: Pick<KubeCluster, 'server' | 'caFile' | 'adminToken'>,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/merge-patch+json',
): Promise<{ status: number; body: any }> {
  return new Promise((res, rej) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = https.request(
      `${kube.server}${path}`,
      {
        method,
        ca: readFileSync(kube.caFile),
        headers: {
          Authorization: `Bearer ${kube.adminToken}`,
          Accept: 'application/json',
          ...(payload ? { 'Content-Type': contentType } : {}),
        },
      },
      (r) => {
        let text = '';
        r.on('data', (c) => (text += c));
        r.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // keep text
          }
          res({ status: r.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', rej);
    req.end(payload);
  });
}
