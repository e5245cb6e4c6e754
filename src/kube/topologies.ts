// The logging topologies one-click deploy supports: the reference setups of our users. Each is a
// set of workloads (a DaemonSet of node agents, a Deployment behind a Service…), each workload a
// list of manifest templates under media/manifests and a bundled fluent.conf. Plain data: the
// renderer (render.ts) turns a topology, the settings and the configs into objects.

export type TopologyId = 'node-agent-cloudwatch' | 'forward-aggregator-kinesis' | 'syslog-opensearch';
export type WorkloadRole = 'agent' | 'forwarder' | 'aggregator' | 'collector';

export interface WorkloadDef {
  role: WorkloadRole;
  /** Name of the workload, its ServiceAccount and its ConfigMap (`<name>-config`). */
  name: string;
  kind: 'DaemonSet' | 'Deployment';
  /** Templates, in apply order (files under media/manifests). */
  templates: string[];
  /** Which config the workload runs: the main one (fluentd.deploy.configFile) or the agents' (fluentd.deploy.agentConfigFile). */
  config: 'main' | 'agent';
  /** Whether the workload talks to AWS and gets the credentials mode's wiring. */
  aws: boolean;
  /** Node agents read the node's logs: on OpenShift they need the privileged SCC. */
  readsHostLogs: boolean;
}

export interface TopologyDef {
  id: TopologyId;
  /** For the quick pick and the summary. */
  label: string;
  detail: string;
  /** Workloads in apply order: receivers before senders. */
  workloads: WorkloadDef[];
}

/** Shared templates: one per workload that needs it, filled with that workload's values. */
const IDENTITY = ['serviceaccount.yaml'];
const METADATA_RBAC = ['clusterrole.yaml', 'clusterrolebinding.yaml'];

export const TOPOLOGIES: readonly TopologyDef[] = [
  {
    id: 'node-agent-cloudwatch',
    label: 'Node agent → CloudWatch Logs',
    detail: "A DaemonSet tails every node's container logs and journal and writes to CloudWatch Logs (the EKS and kops setups).",
    workloads: [
      {
        role: 'agent',
        name: 'fluentd',
        kind: 'DaemonSet',
        templates: [...IDENTITY, ...METADATA_RBAC, 'configmap.yaml', 'daemonset.yaml'],
        config: 'main',
        aws: true,
        readsHostLogs: true,
      },
    ],
  },
  {
    id: 'forward-aggregator-kinesis',
    label: 'Node agents → aggregator → Kinesis',
    detail:
      'Node agents forward over TLS with a shared key to an aggregator Deployment, which writes to Kinesis Data Streams or Firehose (the OpenShift setup).',
    workloads: [
      {
        role: 'aggregator',
        name: 'fluentd-aggregator',
        kind: 'Deployment',
        templates: [
          ...IDENTITY,
          'configmap.yaml',
          'forward-aggregator/service.yaml',
          'forward-aggregator/poddisruptionbudget.yaml',
          'forward-aggregator/deployment.yaml',
        ],
        config: 'main',
        aws: true,
        readsHostLogs: false,
      },
      {
        role: 'forwarder',
        name: 'fluentd-forwarder',
        kind: 'DaemonSet',
        templates: [...IDENTITY, ...METADATA_RBAC, 'configmap.yaml', 'forward-aggregator/daemonset.yaml'],
        config: 'agent',
        aws: false,
        readsHostLogs: true,
      },
    ],
  },
  {
    id: 'syslog-opensearch',
    label: 'Syslog collector → OpenSearch',
    detail:
      'A Deployment receives syslog (TCP and UDP 5140) from devices and writes to an OpenSearch or Elasticsearch domain (the edge setup).',
    workloads: [
      {
        role: 'collector',
        name: 'fluentd-syslog',
        kind: 'Deployment',
        templates: [...IDENTITY, 'configmap.yaml', 'syslog-opensearch/service.yaml', 'syslog-opensearch/deployment.yaml'],
        config: 'main',
        aws: false,
        readsHostLogs: false,
      },
    ],
  },
];

export const DEFAULT_TOPOLOGY: TopologyId = 'node-agent-cloudwatch';

export function isTopologyId(id: unknown): id is TopologyId {
  return TOPOLOGIES.some((t) => t.id === id);
}

export function topology(id: TopologyId = DEFAULT_TOPOLOGY): TopologyDef {
  const t = TOPOLOGIES.find((x) => x.id === id);
  if (!t) throw new Error(`Unknown topology "${id}" (known: ${TOPOLOGIES.map((x) => x.id).join(', ')}).`);
  return t;
}

/** The main workload: the one whose config is fluentd.deploy.configFile and whose image is fluentd.deploy.image. */
export function mainWorkload(t: TopologyDef): WorkloadDef {
  return t.workloads.find((w) => w.config === 'main')!;
}

/** Every template file any topology uses (loadTemplates reads these). */
export function allTemplateFiles(): string[] {
  return [...new Set(TOPOLOGIES.flatMap((t) => t.workloads.flatMap((w) => w.templates)).concat(OPENSHIFT_TEMPLATE))];
}

/** Bound to the ServiceAccount of host-log readers on OpenShift. */
export const OPENSHIFT_TEMPLATE = 'openshift-scc-rolebinding.yaml';
