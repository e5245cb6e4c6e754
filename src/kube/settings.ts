// The deploy settings (fluentd.deploy.*) as plain data, their defaults, and their validation.
// Validation runs before rendering so a typo never reaches the cluster.

export interface DeploySettings {
  /** Namespace of the ServiceAccount, ConfigMap and DaemonSet. */
  namespace: string;
  /** Names the log groups (<prefix>/<clusterName>/…) and is passed to Fluentd as CLUSTER_NAME. */
  clusterName: string;
  /** AWS region of the log groups. */
  region: string;
  /** Log group prefix, e.g. /eks → /eks/<cluster>/containers. */
  logGroupPrefix: string;
  image: string;
  /** IAM role for IRSA (annotation on the ServiceAccount); empty = use the node role. */
  roleArn?: string;
}

export const DEFAULT_IMAGE = 'fluent/fluentd-kubernetes-daemonset:v1.16-debian-cloudwatch-1';

export const DEFAULT_SETTINGS: Readonly<DeploySettings> = {
  namespace: 'kube-system',
  clusterName: '',
  region: '',
  logGroupPrefix: '/eks',
  image: DEFAULT_IMAGE,
  roleArn: '',
};

/** Fills unset (undefined or blank) settings with the defaults. */
export function withDefaults(partial: Partial<DeploySettings>): DeploySettings {
  const out = { ...DEFAULT_SETTINGS };
  for (const [k, v] of Object.entries(partial) as [keyof DeploySettings, string | undefined][]) {
    if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
  }
  return out;
}

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  constructor(readonly problems: string[]) {
    super(`Invalid deploy settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
// CloudWatch: log group names are 1–512 chars of [\.\-_/#A-Za-z0-9].
const LOG_GROUP_CHARS = /^[.\-_/#A-Za-z0-9]+$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\-/]+$/;
const IMAGE = /^[^\s]+$/;

/** Every problem with the settings, as sentences naming the setting; empty when they are fine. */
export function settingsProblems(s: DeploySettings): string[] {
  const p: string[] = [];
  if (!DNS_LABEL.test(s.namespace))
    p.push(`fluentd.deploy.namespace "${s.namespace}" is not a valid namespace name (lower-case letters, digits, '-').`);
  if (!s.clusterName) p.push('fluentd.deploy.clusterName is not set: it names the log groups (<prefix>/<cluster>/containers).');
  else if (!LOG_GROUP_CHARS.test(s.clusterName) || s.clusterName.includes('/'))
    p.push(`fluentd.deploy.clusterName "${s.clusterName}" may only contain letters, digits, '.', '-', '_' and '#'.`);
  if (!s.region) p.push('fluentd.deploy.region is not set (e.g. us-east-1).');
  else if (!REGION.test(s.region)) p.push(`fluentd.deploy.region "${s.region}" does not look like an AWS region (e.g. us-east-1).`);
  if (!s.logGroupPrefix.startsWith('/') && s.logGroupPrefix !== '')
    p.push(`fluentd.deploy.logGroupPrefix "${s.logGroupPrefix}" should start with '/' (e.g. /eks).`);
  else if (s.logGroupPrefix && !LOG_GROUP_CHARS.test(s.logGroupPrefix))
    p.push(`fluentd.deploy.logGroupPrefix "${s.logGroupPrefix}" contains characters CloudWatch does not allow in log group names.`);
  if (!IMAGE.test(s.image)) p.push(`fluentd.deploy.image "${s.image}" is not a valid image reference.`);
  if (s.roleArn && !ROLE_ARN.test(s.roleArn))
    p.push(`fluentd.deploy.roleArn "${s.roleArn}" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>).`);
  return p;
}

export function assertValidSettings(s: DeploySettings): void {
  const p = settingsProblems(s);
  if (p.length) throw new SettingsError(p);
}

/** `/eks/my-cluster`: the base the default config appends /containers and /systemd to. */
export function logGroupBase(s: DeploySettings): string {
  return `${s.logGroupPrefix.replace(/\/+$/, '')}/${s.clusterName}`;
}

/** The environment the DaemonSet gives Fluentd (besides K8S_NODE_NAME from the pod's node). */
export function deployEnv(s: DeploySettings): Record<string, string> {
  return { AWS_REGION: s.region, REGION: s.region, CLUSTER_NAME: s.clusterName, LOG_GROUP_NAME: logGroupBase(s) };
}
