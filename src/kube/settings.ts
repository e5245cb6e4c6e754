// The deploy settings (fluentd.deploy.*) as plain data, their defaults, and their validation.
// Validation runs before rendering so a typo never reaches the cluster; what a topology needs
// (a stream name, an OpenSearch endpoint…) is checked only for that topology.
import { DEFAULT_TOPOLOGY, topology, type TopologyId } from './topologies';

/** How the workloads that talk to AWS get credentials. */
export type CredentialsMode = 'auto' | 'irsa' | 'pod-identity' | 'kube2iam' | 'node-role' | 'secret';
export const CREDENTIALS_MODES: readonly CredentialsMode[] = ['auto', 'irsa', 'pod-identity', 'kube2iam', 'node-role', 'secret'];
export type KinesisOutput = 'kinesis_streams' | 'kinesis_firehose';
export type SearchOutput = 'opensearch' | 'elasticsearch';
export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer';

export interface DeploySettings {
  /** Namespace of the namespaced objects. */
  namespace: string;
  /** Names the log groups (<prefix>/<clusterName>/…) and is passed to Fluentd as CLUSTER_NAME. */
  clusterName: string;
  /** AWS region of the destination (log groups, stream). */
  region: string;
  /** Log group prefix, e.g. /eks → /eks/<cluster>/containers. */
  logGroupPrefix: string;
  /** Image of the topology's main workload; empty = the topology's default image. */
  image: string;
  /** Image of the forward topology's node agents; empty = the forward variant. */
  agentImage?: string;
  /** IAM role: IRSA annotation, kube2iam annotation, or the Pod Identity association's role. */
  roleArn?: string;
  credentials?: CredentialsMode;
  /** `secret` mode: an existing Secret with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. */
  awsKeysSecret?: string;
  /** Replicas of the aggregator or the syslog collector. */
  replicas?: number;
  kinesisOutput?: KinesisOutput;
  /** Kinesis data stream, or Firehose delivery stream. */
  kinesisStream?: string;
  /** Existing Secrets for the forward pair; empty = generated once by the deploy. */
  sharedKeySecret?: string;
  tlsSecret?: string;
  searchOutput?: SearchOutput;
  /** The OpenSearch/Elasticsearch endpoint: a host name or an https URL. */
  searchEndpoint?: string;
  /** Existing Secret with `username` and `password` for the domain. */
  searchSecret?: string;
  syslogServiceType?: ServiceType;
}

export const DEFAULT_IMAGE = 'fluent/fluentd-kubernetes-daemonset:v1.16-debian-cloudwatch-1';

export const DEFAULT_SETTINGS: Readonly<Required<DeploySettings>> = {
  namespace: 'kube-system',
  clusterName: '',
  region: '',
  logGroupPrefix: '/eks',
  image: '',
  agentImage: '',
  roleArn: '',
  credentials: 'auto',
  awsKeysSecret: '',
  replicas: 2,
  kinesisOutput: 'kinesis_streams',
  kinesisStream: '',
  sharedKeySecret: '',
  tlsSecret: '',
  searchOutput: 'opensearch',
  searchEndpoint: '',
  searchSecret: '',
  syslogServiceType: 'ClusterIP',
};

/** Fills unset (undefined, blank or non-finite) settings with the defaults. */
export function withDefaults(partial: Partial<DeploySettings>): Required<DeploySettings> {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [k, v] of Object.entries(partial)) {
    if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
    else if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  }
  return out as Required<DeploySettings>;
}

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  constructor(readonly problems: string[]) {
    super(`Invalid deploy settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
// CloudWatch: log group names are 1–512 chars of [\.\-_/#A-Za-z0-9].
const LOG_GROUP_CHARS = /^[.\-_/#A-Za-z0-9]+$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\-/]+$/;
const IMAGE = /^[^\s]+$/;
const STREAM_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;
const ENDPOINT = /^(https:\/\/)?[a-zA-Z0-9]([a-zA-Z0-9.-]{0,251}[a-zA-Z0-9])?\/?$/;
const LONGEST_WORKLOAD_NAME = 'fluentd-aggregator'.length;

/** The credentials mode in effect: `auto` is IRSA with a role ARN, else the node's role. */
export function credentialsMode(s: DeploySettings): Exclude<CredentialsMode, 'auto'> {
  const mode = s.credentials ?? 'auto';
  if (mode !== 'auto') return mode;
  return s.roleArn ? 'irsa' : 'node-role';
}

function credentialProblems(s: Required<DeploySettings>): string[] {
  const p: string[] = [];
  if (!CREDENTIALS_MODES.includes(s.credentials)) {
    p.push(`fluentd.deploy.credentials "${s.credentials}" is not one of ${CREDENTIALS_MODES.join(', ')}.`);
    return p;
  }
  const mode = credentialsMode(s);
  if ((mode === 'irsa' || mode === 'kube2iam' || mode === 'pod-identity') && !s.roleArn) {
    p.push(`fluentd.deploy.credentials "${mode}" needs the IAM role in fluentd.deploy.roleArn.`);
  }
  if (mode === 'secret') {
    if (!s.awsKeysSecret) {
      p.push(
        'fluentd.deploy.credentials "secret" needs fluentd.deploy.awsKeysSecret: an existing Secret with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
      );
    } else if (!DNS_SUBDOMAIN.test(s.awsKeysSecret)) {
      p.push(`fluentd.deploy.awsKeysSecret "${s.awsKeysSecret}" is not a valid Secret name.`);
    }
  }
  return p;
}

/** Every problem with the settings for a topology, as sentences naming the setting; empty when they are fine. */
export function settingsProblems(settings: DeploySettings, topologyId: TopologyId = DEFAULT_TOPOLOGY): string[] {
  const s = withDefaults(settings);
  const t = topology(topologyId);
  const p: string[] = [];
  if (!DNS_LABEL.test(s.namespace)) {
    p.push(`fluentd.deploy.namespace "${s.namespace}" is not a valid namespace name (lower-case letters, digits, '-').`);
  } else if (s.namespace.length + LONGEST_WORKLOAD_NAME + 1 > 63) {
    p.push(`fluentd.deploy.namespace "${s.namespace}" is too long: object labels carry it and hold 63 characters.`);
  }
  const needsRegion = t.id !== 'syslog-opensearch';
  if (t.id === 'node-agent-cloudwatch') {
    if (!s.clusterName) p.push('fluentd.deploy.clusterName is not set: it names the log groups (<prefix>/<cluster>/containers).');
    else if (!LOG_GROUP_CHARS.test(s.clusterName) || s.clusterName.includes('/'))
      p.push(`fluentd.deploy.clusterName "${s.clusterName}" may only contain letters, digits, '.', '-', '_' and '#'.`);
    if (!s.logGroupPrefix.startsWith('/') && s.logGroupPrefix !== '')
      p.push(`fluentd.deploy.logGroupPrefix "${s.logGroupPrefix}" should start with '/' (e.g. /eks).`);
    else if (s.logGroupPrefix && !LOG_GROUP_CHARS.test(s.logGroupPrefix))
      p.push(`fluentd.deploy.logGroupPrefix "${s.logGroupPrefix}" contains characters CloudWatch does not allow in log group names.`);
  }
  if (needsRegion && !s.region) p.push('fluentd.deploy.region is not set (e.g. us-east-1).');
  else if (s.region && !REGION.test(s.region))
    p.push(`fluentd.deploy.region "${s.region}" does not look like an AWS region (e.g. us-east-1).`);
  if (t.id === 'forward-aggregator-kinesis') {
    if (s.kinesisOutput !== 'kinesis_streams' && s.kinesisOutput !== 'kinesis_firehose')
      p.push(`fluentd.deploy.kinesis.output "${s.kinesisOutput}" is not kinesis_streams or kinesis_firehose.`);
    const what = s.kinesisOutput === 'kinesis_firehose' ? 'the Firehose delivery stream' : 'the Kinesis data stream';
    if (!s.kinesisStream) p.push(`fluentd.deploy.kinesis.streamName is not set: it names ${what} the aggregator writes to.`);
    else if (!STREAM_NAME.test(s.kinesisStream))
      p.push(`fluentd.deploy.kinesis.streamName "${s.kinesisStream}" may only contain letters, digits, '_', '.' and '-' (1 to 128).`);
    for (const [key, value] of [
      ['forward.sharedKeySecret', s.sharedKeySecret],
      ['forward.tlsSecret', s.tlsSecret],
    ] as const) {
      if (value && !DNS_SUBDOMAIN.test(value)) p.push(`fluentd.deploy.${key} "${value}" is not a valid Secret name.`);
    }
  }
  if (t.id === 'syslog-opensearch') {
    if (s.searchOutput !== 'opensearch' && s.searchOutput !== 'elasticsearch')
      p.push(`fluentd.deploy.opensearch.output "${s.searchOutput}" is not opensearch or elasticsearch.`);
    if (!s.searchEndpoint) p.push('fluentd.deploy.opensearch.endpoint is not set: the domain endpoint the collector writes to.');
    else if (!ENDPOINT.test(s.searchEndpoint))
      p.push(`fluentd.deploy.opensearch.endpoint "${s.searchEndpoint}" is not a host name or an https:// URL.`);
    if (!s.searchSecret)
      p.push(
        'fluentd.deploy.opensearch.credentialsSecret is not set: an existing Secret with the domain user (keys username and password).',
      );
    else if (!DNS_SUBDOMAIN.test(s.searchSecret))
      p.push(`fluentd.deploy.opensearch.credentialsSecret "${s.searchSecret}" is not a valid Secret name.`);
    if (!['ClusterIP', 'NodePort', 'LoadBalancer'].includes(s.syslogServiceType))
      p.push(`fluentd.deploy.syslog.serviceType "${s.syslogServiceType}" is not ClusterIP, NodePort or LoadBalancer.`);
  }
  if (t.workloads.some((w) => w.kind === 'Deployment') && (!Number.isInteger(s.replicas) || s.replicas < 1 || s.replicas > 100))
    p.push(`fluentd.deploy.replicas ${s.replicas} is not a whole number from 1 to 100.`);
  if (s.image && !IMAGE.test(s.image)) p.push(`fluentd.deploy.image "${s.image}" is not a valid image reference.`);
  if (s.agentImage && !IMAGE.test(s.agentImage)) p.push(`fluentd.deploy.agentImage "${s.agentImage}" is not a valid image reference.`);
  if (s.roleArn && !ROLE_ARN.test(s.roleArn))
    p.push(`fluentd.deploy.roleArn "${s.roleArn}" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>).`);
  if (t.workloads.some((w) => w.aws)) p.push(...credentialProblems(s));
  return p;
}

export function assertValidSettings(s: DeploySettings, topologyId: TopologyId = DEFAULT_TOPOLOGY): void {
  const p = settingsProblems(s, topologyId);
  if (p.length) throw new SettingsError(p);
}

/** `/eks/my-cluster`: the base the default config appends /containers and /systemd to. */
export function logGroupBase(s: DeploySettings): string {
  return `${s.logGroupPrefix.replace(/\/+$/, '')}/${s.clusterName}`;
}

/** The node agent's environment (besides K8S_NODE_NAME from the pod's node). */
export function deployEnv(s: DeploySettings): Record<string, string> {
  return { AWS_REGION: s.region, REGION: s.region, CLUSTER_NAME: s.clusterName, LOG_GROUP_NAME: logGroupBase(s) };
}

/** `search-logs-abc.eu-west-1.es.amazonaws.com` from a host or an https URL. */
export function searchHost(s: DeploySettings): string {
  return (s.searchEndpoint ?? '').replace(/^https:\/\//, '').replace(/\/$/, '');
}
