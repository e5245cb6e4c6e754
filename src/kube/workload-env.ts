// The environment each workload gives Fluentd: the values its bundled config reads through
// `#{ENV['…']}` (and a user's config of the same shape may read). Literal values are settings;
// secrets only ever come in as secretKeyRef.
import { credentialsWiring, secretEnv, type CredentialsWiring, type EnvVar } from './credentials';
import { SHARED_KEY_KEY } from './secrets';
import { deployEnv, searchHost, type DeploySettings } from './settings';
import type { WorkloadDef } from './topologies';

export const FORWARD_PORT = 24224;
export const SHARED_KEY_ENV = 'FLUENTD_SHARED_KEY';
export const AGGREGATOR_HOST_ENV = 'FLUENTD_AGGREGATOR_HOST';
export const TLS_MOUNT = '/fluentd/tls';

const fieldRef = (name: string, fieldPath: string): EnvVar => ({ name, valueFrom: { fieldRef: { fieldPath } } });
const plain = (values: Record<string, string>): EnvVar[] => Object.entries(values).map(([name, value]) => ({ name, value }));

/** The aggregator's Service name as the agents reach it (and its certificate names it). */
export function aggregatorHost(namespace: string, service = 'fluentd-aggregator'): string {
  return `${service}.${namespace}.svc`;
}

/** Every name the aggregator's certificate is issued for. */
export function aggregatorDnsNames(namespace: string, service = 'fluentd-aggregator'): string[] {
  return [aggregatorHost(namespace, service), service, `${service}.${namespace}`, `${aggregatorHost(namespace, service)}.cluster.local`];
}

export interface WorkloadEnv {
  /** The container's env list, in order. */
  env: EnvVar[];
  /** Literal values (name → value), for resolving `#{ENV[…]}` before deploy. */
  values: Record<string, string>;
  /** Variables read from Secrets (name → Secret and key). */
  fromSecrets: Record<string, { secret: string; key: string }>;
  credentials?: CredentialsWiring;
}

export interface EnvContext {
  settings: Required<DeploySettings>;
  namespace: string;
  /** The shared key Secret of the forward pair (generated or named). */
  sharedKeySecret?: string;
}

export function workloadEnv(w: WorkloadDef, ctx: EnvContext): WorkloadEnv {
  const s = ctx.settings;
  const env: EnvVar[] = [];
  switch (w.role) {
    case 'agent':
      env.push(...plain(deployEnv(s)), fieldRef('K8S_NODE_NAME', 'spec.nodeName'));
      break;
    case 'forwarder':
      env.push(fieldRef('K8S_NODE_NAME', 'spec.nodeName'), ...plain({ [AGGREGATOR_HOST_ENV]: aggregatorHost(ctx.namespace) }));
      env.push(secretEnv(SHARED_KEY_ENV, ctx.sharedKeySecret ?? '', SHARED_KEY_KEY));
      break;
    case 'aggregator': {
      const stream = s.kinesisOutput === 'kinesis_firehose' ? 'KINESIS_DELIVERY_STREAM_NAME' : 'KINESIS_STREAM_NAME';
      env.push(fieldRef('POD_NAME', 'metadata.name'), ...plain({ AWS_REGION: s.region, REGION: s.region, [stream]: s.kinesisStream }));
      env.push(secretEnv(SHARED_KEY_ENV, ctx.sharedKeySecret ?? '', SHARED_KEY_KEY));
      break;
    }
    case 'collector':
      env.push(...plain({ OPENSEARCH_HOST: searchHost(s), ...(s.region ? { AWS_REGION: s.region } : {}) }));
      env.push(secretEnv('OPENSEARCH_USERNAME', s.searchSecret, 'username'), secretEnv('OPENSEARCH_PASSWORD', s.searchSecret, 'password'));
      break;
  }
  const credentials = w.aws ? credentialsWiring(s, { namespace: ctx.namespace, name: w.name }) : undefined;
  env.push(...(credentials?.env ?? []));
  env.push(...plain({ FLUENTD_CONF: 'fluent.conf' }));
  const values: Record<string, string> = {};
  const fromSecrets: Record<string, { secret: string; key: string }> = {};
  for (const e of env) {
    if (e.value !== undefined) values[e.name] = e.value;
    const ref = (e.valueFrom as { secretKeyRef?: { name: string; key: string } } | undefined)?.secretKeyRef;
    if (ref) fromSecrets[e.name] = { secret: ref.name, key: ref.key };
  }
  return { env, values, fromSecrets, credentials };
}
