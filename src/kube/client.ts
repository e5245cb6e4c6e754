// A small REST client for the handful of kinds this extension manages. Credentials, TLS and
// proxies come from client-node's KubeConfig (applyToHTTPSOptions, which also runs exec plugins
// like `aws eks get-token`); requests are plain JSON so objects stay exactly as the server sent
// them (for diffs) and every call has a timeout. HTTP errors are client-node ApiExceptions,
// classified into KubeErrors with the operation that failed.
import * as http from 'node:http';
import * as https from 'node:https';
import { clientNode, type KubeConfig } from './client-node';
import { classifyKubeError, KubeError } from './errors';
import { FIELD_MANAGER } from './labels';
import { describeObject, type KubeObject } from './types';

interface ResourceInfo {
  prefix: string;
  plural: string;
  namespaced: boolean;
}

const RESOURCES: Record<string, ResourceInfo> = {
  'v1/ServiceAccount': { prefix: '/api/v1', plural: 'serviceaccounts', namespaced: true },
  'v1/ConfigMap': { prefix: '/api/v1', plural: 'configmaps', namespaced: true },
  'rbac.authorization.k8s.io/v1/ClusterRole': { prefix: '/apis/rbac.authorization.k8s.io/v1', plural: 'clusterroles', namespaced: false },
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': {
    prefix: '/apis/rbac.authorization.k8s.io/v1',
    plural: 'clusterrolebindings',
    namespaced: false,
  },
  'apps/v1/DaemonSet': { prefix: '/apis/apps/v1', plural: 'daemonsets', namespaced: true },
  'apps/v1/Deployment': { prefix: '/apis/apps/v1', plural: 'deployments', namespaced: true },
  'v1/Service': { prefix: '/api/v1', plural: 'services', namespaced: true },
  'v1/Secret': { prefix: '/api/v1', plural: 'secrets', namespaced: true },
  'policy/v1/PodDisruptionBudget': { prefix: '/apis/policy/v1', plural: 'poddisruptionbudgets', namespaced: true },
  'rbac.authorization.k8s.io/v1/RoleBinding': { prefix: '/apis/rbac.authorization.k8s.io/v1', plural: 'rolebindings', namespaced: true },
};

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}

export function resourceInfo(apiVersion: string, kind: string): ResourceInfo {
  const info = RESOURCES[`${apiVersion}/${kind}`];
  if (!info) throw new KubeError('unknown', `Unsupported object kind ${apiVersion} ${kind}.`);
  return info;
}

/** The REST path of an object (or of its collection when name is omitted). */
export function objectPath(apiVersion: string, kind: string, namespace?: string, name?: string): string {
  const r = resourceInfo(apiVersion, kind);
  if (r.namespaced && !namespace && name !== undefined) throw new KubeError('unknown', `${kind} ${name} needs a namespace.`);
  const ns = r.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${r.prefix}${ns}/${r.plural}${name !== undefined ? `/${encodeURIComponent(name)}` : ''}`;
}

export interface RequestOptions {
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  /** For error messages: the Kubernetes verb and the object. */
  verb: string;
  target?: string;
  timeoutMs?: number;
  /** refuse an answer larger than this (the request is cut off and fails) */
  maxResponseBytes?: number;
}

export interface Response {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the apiserver's JSON; callers read it per kind
  body: any;
}

export interface ApplyOptions {
  dryRun?: boolean;
  force?: boolean;
}

export class KubeClient {
  private constructor(
    private readonly kc: KubeConfig,
    readonly server: string,
    private readonly timeoutMs: number,
  ) {}

  /** `timeoutMs` bounds every single request (default 30 s). */
  static async create(kc: KubeConfig, opts: { timeoutMs?: number } = {}): Promise<KubeClient> {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new KubeError('kubeconfig-invalid', 'The current kube context has no cluster.');
    return new KubeClient(kc, cluster.server.replace(/\/+$/, ''), opts.timeoutMs ?? 30_000);
  }

  async request(method: string, path: string, opts: RequestOptions): Promise<Response> {
    const op = { verb: opts.verb, target: opts.target, server: this.server };
    try {
      return await this.send(method, path, opts);
    } catch (err) {
      throw classifyKubeError(err, op);
    }
  }

  /** The URL and the request options with the kubeconfig's credentials and TLS settings. */
  private async prepare(method: string, path: string, query: RequestOptions['query']) {
    const url = new URL(this.server + path);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const reqOpts: https.RequestOptions = { method, headers: { Accept: 'application/json' } };
    await this.kc.applyToHTTPSOptions(reqOpts);
    const headers = { ...(reqOpts.headers as Record<string, string>) };
    const mod = url.protocol === 'http:' ? http : https;
    return { url, reqOpts, headers, mod };
  }

  /**
   * A GET whose body is read as it arrives (pod logs with follow, watches). Resolves with the
   * response once the server answered 2xx; otherwise rejects with the classified error. There is
   * no overall timeout (a follow lasts as long as the caller wants): `connectTimeoutMs` bounds
   * the wait for the response head (0: no bound — a followed log with nothing new to say sends
   * its head only with its first line), `signal` ends the stream. TCP keep-alive notices a peer
   * that vanished.
   */
  async stream(
    path: string,
    opts: Omit<RequestOptions, 'body' | 'contentType' | 'timeoutMs'> & { signal: AbortSignal; connectTimeoutMs?: number },
  ): Promise<http.IncomingMessage> {
    const op = { verb: opts.verb, target: opts.target, server: this.server };
    try {
      const k8s = await clientNode();
      const { url, reqOpts, headers, mod } = await this.prepare('GET', path, opts.query);
      const timeoutMs = opts.connectTimeoutMs ?? this.timeoutMs;
      return await new Promise<http.IncomingMessage>((resolve, reject) => {
        const req = mod.request(url, { ...reqOpts, headers, signal: opts.signal }, (res) => {
          clearTimeout(timer);
          const status = res.statusCode ?? 0;
          if (status >= 200 && status <= 299) return resolve(res);
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            try {
              body = text ? JSON.parse(text) : undefined;
            } catch {
              // not JSON: keep the text
            }
            const resHeaders = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)]));
            reject(new k8s.ApiException(status, `GET ${url.pathname}`, body, resHeaders));
          });
        });
        const timer =
          timeoutMs > 0
            ? setTimeout(() => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'AbortError' })), timeoutMs)
            : undefined;
        req.on('socket', (socket) => socket.setKeepAlive(true, 15_000));
        req.on('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
        req.end();
      });
    } catch (err) {
      throw classifyKubeError(err, op);
    }
  }

  private async send(method: string, path: string, opts: RequestOptions): Promise<Response> {
    const k8s = await clientNode();
    const { url, reqOpts, headers, mod } = await this.prepare(method, path, opts.query);
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    if (payload !== undefined) headers['Content-Type'] = opts.contentType ?? 'application/json';
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const signal = AbortSignal.timeout(timeoutMs);
    const { status, text, resHeaders } = await new Promise<{ status: number; text: string; resHeaders: Record<string, string> }>(
      (resolve, reject) => {
        const req = mod.request(url, { ...reqOpts, headers, signal }, (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (opts.maxResponseBytes !== undefined && size > opts.maxResponseBytes) {
              const max = opts.maxResponseBytes;
              const limit = max >= 1048576 ? `${Math.round(max / 1048576)} MiB` : `${Math.round(max / 1024)} KiB`;
              req.destroy(new KubeError('server', `The answer to ${opts.verb} ${opts.target ?? path} is larger than ${limit}; not read.`));
              return;
            }
            chunks.push(c);
          });
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
              resHeaders: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])),
            }),
          );
          res.on('error', reject);
        });
        req.on('error', (err: Error & { code?: string }) => {
          // Node reports an aborted request as AbortError; say which limit was hit.
          if (signal.aborted) reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'AbortError', cause: err }));
          else reject(err);
        });
        req.end(payload);
      },
    );
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (e.g. a proxy's HTML error page): keep the text
    }
    if (status < 200 || status > 299) throw new k8s.ApiException(status, `${method} ${url.pathname}`, body, resHeaders);
    return { status, body };
  }

  /** The live object, or undefined when it does not exist. */
  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    const path = objectPath(ref.apiVersion, ref.kind, ref.metadata.namespace, ref.metadata.name);
    try {
      return (await this.request('GET', path, { verb: 'get', target: describeObject(ref) })).body as KubeObject;
    } catch (err) {
      if (err instanceof KubeError && err.kind === 'not-found') return undefined;
      throw err;
    }
  }

  /** Server-side apply with our field manager; `status` is 201 when the object was created. */
  async apply(obj: KubeObject, opts: ApplyOptions = {}): Promise<{ object: KubeObject; status: number }> {
    const path = objectPath(obj.apiVersion, obj.kind, obj.metadata.namespace, obj.metadata.name);
    const res = await this.request('PATCH', path, {
      verb: opts.dryRun ? 'patch (dry run)' : 'patch',
      target: describeObject(obj),
      contentType: 'application/apply-patch+yaml',
      body: obj,
      query: { fieldManager: FIELD_MANAGER, force: opts.force ? 'true' : undefined, dryRun: opts.dryRun ? 'All' : undefined },
    });
    return { object: res.body as KubeObject, status: res.status };
  }

  /** Creates an object (POST); used for Secrets, which are created once and never applied over. */
  async create(
    obj: KubeObject | { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } },
    opts: { dryRun?: boolean } = {},
  ): Promise<KubeObject> {
    const path = objectPath(obj.apiVersion, obj.kind, obj.metadata.namespace);
    const res = await this.request('POST', path, {
      verb: opts.dryRun ? 'create (dry run)' : 'create',
      target: describeObject(obj),
      body: obj,
      query: { fieldManager: FIELD_MANAGER, dryRun: opts.dryRun ? 'All' : undefined },
    });
    return res.body as KubeObject;
  }

  /** The API groups the server serves (`apps`, `security.openshift.io`, …), from discovery. */
  async apiGroups(): Promise<string[]> {
    const res = await this.request('GET', '/apis', { verb: 'discover API groups' });
    return ((res.body?.groups ?? []) as { name: string }[]).map((g) => g.name);
  }

  async list(apiVersion: string, kind: string, opts: { namespace?: string; labelSelector?: string } = {}): Promise<KubeObject[]> {
    const path = objectPath(apiVersion, kind, opts.namespace);
    const res = await this.request('GET', path, {
      verb: 'list',
      target: `${kind}${opts.namespace ? ` in ${opts.namespace}` : ''}`,
      query: { labelSelector: opts.labelSelector },
    });
    // List items carry no apiVersion/kind; put them back so items can be used as refs.
    return ((res.body?.items ?? []) as KubeObject[]).map((o) => ({ ...o, apiVersion, kind }));
  }

  /** Deletes (background propagation); false when it was already gone. */
  async delete(ref: ObjectRef): Promise<boolean> {
    const path = objectPath(ref.apiVersion, ref.kind, ref.metadata.namespace, ref.metadata.name);
    try {
      await this.request('DELETE', path, { verb: 'delete', target: describeObject(ref), query: { propagationPolicy: 'Background' } });
      return true;
    } catch (err) {
      if (err instanceof KubeError && err.kind === 'not-found') return false;
      throw err;
    }
  }
}
