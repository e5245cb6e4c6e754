// Settings + topology + templates + configs → the Kubernetes objects to apply, the Secrets they
// need and what each workload runs. Pure: no I/O, same input, same output (the rendered
// deployment is what export, preview, deploy and the summary all work from).
import { parse, stringify } from 'yaml';
import { configChecksum, ConfigFilesError, configMapLayout, type ConfigFile } from './config-files';
import type { CredentialsWiring } from './credentials';
import { instanceName, selectorLabels, topologyLabels, workloadLabels } from './labels';
import { PLAIN_KUBERNETES, sharedNamespace, type Platform } from './platform';
import { configAnnotationValue, CONFIG_ANNOTATION } from './fluentd-log/pod-config';
import { describeSecrets, findSecrets } from './secret-scan';
import { sharedKeyPlan, tlsPlan, type SecretPlan } from './secrets';
import { assertValidSettings, DEFAULT_IMAGE, SettingsError, withDefaults, type DeploySettings } from './settings';
import { fillTemplate, TemplateError } from './template-fill';
import type { BundledConfig, ManifestTemplates } from './templates';
import { OPENSHIFT_TEMPLATE, topology as topologyDef, type TopologyDef, type TopologyId, type WorkloadDef } from './topologies';
import { describeObject, type KubeObject } from './types';
import { aggregatorDnsNames, workloadEnv } from './workload-env';

export const CHECKSUM_ANNOTATION = 'checksum/config';
const DAEMONSET_IMAGE = 'fluent/fluentd-kubernetes-daemonset';

export interface RenderInput {
  settings: DeploySettings;
  templates: ManifestTemplates;
  /** Default: the node agent → CloudWatch topology. */
  topology?: TopologyId;
  /** The workspace config of the main workload (main file first); the bundled one when absent. */
  config?: readonly ConfigFile[];
  /** The workspace config of the forward topology's node agents; the bundled one when absent. */
  agentConfig?: readonly ConfigFile[];
  /** Default: plain Kubernetes. */
  platform?: Platform;
  /**
   * The workspace configs' main files relative to the workspace folder ('/'-separated): the pods
   * carry them (CONFIG_ANNOTATION) so their Fluentd log findings land on the config they run.
   */
  configNames?: { main?: string; agent?: string };
}

export interface RenderedWorkload {
  def: WorkloadDef;
  namespace: string;
  image: string;
  /** Where the config comes from: the bundled file or the workspace. */
  configSource: 'bundled' | 'workspace';
  config: readonly ConfigFile[];
  /** Literal environment values, to resolve `#{ENV[…]}` before deploying. */
  env: Record<string, string>;
  /** Variables from Secrets: name → Secret and key. */
  envFromSecrets: Record<string, { secret: string; key: string }>;
  credentials?: CredentialsWiring;
  /** The workload object (for the rollout). */
  object: KubeObject;
}

export interface RenderedDeployment {
  topology: TopologyDef;
  settings: Required<DeploySettings>;
  platform: Platform;
  namespace: string;
  /** In apply order. */
  objects: KubeObject[];
  secrets: SecretPlan[];
  workloads: RenderedWorkload[];
}

/** The bundled config of a workload, chosen by the settings. */
export function bundledConfigFile(w: WorkloadDef, s: Required<DeploySettings>): BundledConfig {
  switch (w.role) {
    case 'agent':
      return 'fluent.conf';
    case 'forwarder':
      return 'forward-aggregator/forwarder.conf';
    case 'aggregator':
      return s.kinesisOutput === 'kinesis_firehose'
        ? 'forward-aggregator/aggregator-kinesis-firehose.conf'
        : 'forward-aggregator/aggregator-kinesis-streams.conf';
    case 'collector':
      return s.searchOutput === 'elasticsearch'
        ? 'syslog-opensearch/collector-elasticsearch.conf'
        : 'syslog-opensearch/collector-opensearch.conf';
  }
}

/** The image a workload runs unless a setting names one: the daemonset variant with its plugins. */
export function defaultImage(w: WorkloadDef, s: Required<DeploySettings>): string {
  switch (w.role) {
    case 'agent':
      return DEFAULT_IMAGE;
    case 'forwarder':
      return `${DAEMONSET_IMAGE}:v1.19-debian-forward-1`;
    case 'aggregator':
      return `${DAEMONSET_IMAGE}:v1.19-debian-kinesis-1`;
    case 'collector':
      return `${DAEMONSET_IMAGE}:v1.19-debian-${s.searchOutput === 'elasticsearch' ? 'elasticsearch8' : 'opensearch'}-1`;
  }
}

export function workloadImage(w: WorkloadDef, s: Required<DeploySettings>): string {
  const set = w.config === 'main' ? s.image : s.agentImage;
  return set || defaultImage(w, s);
}

/** The config a workload runs: the workspace's, or the bundled one. */
export function workloadConfig(
  w: WorkloadDef,
  input: Pick<RenderInput, 'templates' | 'config' | 'agentConfig'>,
  s: Required<DeploySettings>,
): { files: readonly ConfigFile[]; source: 'bundled' | 'workspace' } {
  const given = w.config === 'main' ? input.config : input.agentConfig;
  if (given?.length) return { files: given, source: 'workspace' };
  return { files: [{ path: 'fluent.conf', text: input.templates.files[bundledConfigFile(w, s)] }], source: 'bundled' };
}

/** The config of the main workload that will be deployed: the given files, or the bundled default. */
export function effectiveConfig(input: Pick<RenderInput, 'templates' | 'config' | 'topology' | 'settings'>): readonly ConfigFile[] {
  const t = topologyDef(input.topology);
  const main = t.workloads.find((w) => w.config === 'main')!;
  return workloadConfig(main, input, withDefaults(input.settings ?? {})).files;
}

/** The node agent keeps the names deploys have always used; other workloads are named after themselves. */
const configMapName = (t: TopologyDef, w: WorkloadDef) => (t.id === 'node-agent-cloudwatch' ? 'fluentd-config' : `${w.name}-config`);

function fill(templates: ManifestTemplates, file: string, values: Record<string, unknown>): KubeObject {
  const text = templates.files[file];
  if (text === undefined) throw new TemplateError(`${file}: no such template`);
  let tree: unknown;
  try {
    tree = parse(text);
  } catch (err) {
    throw new TemplateError(`${file}: ${(err as Error).message}`);
  }
  const obj = fillTemplate(tree, values, file) as KubeObject;
  if (!obj || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string' || !obj.metadata?.name) {
    throw new TemplateError(`${file}: not a Kubernetes object (apiVersion, kind and metadata.name are required)`);
  }
  return obj;
}

/** Renders everything a deploy of the topology needs. Throws SettingsError, ConfigFilesError or TemplateError. */
export function renderDeployment(input: RenderInput): RenderedDeployment {
  const t = topologyDef(input.topology);
  assertValidSettings(input.settings, t.id);
  const s = withDefaults(input.settings);
  const platform = input.platform ?? PLAIN_KUBERNETES;
  const ns = s.namespace;
  if (platform.openshift && t.workloads.some((w) => w.readsHostLogs) && sharedNamespace(ns)) {
    throw new SettingsError([
      `This cluster is OpenShift: node agents run privileged (the privileged SCC) and need a namespace of their own, ` +
        `not "${ns}". Create one (oc new-project logging) and set fluentd.deploy.namespace to it.`,
    ]);
  }

  const configs = t.workloads.map((w) => ({ w, ...workloadConfig(w, input, s) }));
  // a file is named by its path, and by its workload's name where there are several
  const named = (w: WorkloadDef, path: string) => (t.workloads.length > 1 ? `${w.name}/${path}` : path);
  const secretsInConfig = findSecrets(configs.flatMap(({ w, files }) => files.map((f) => ({ ...f, path: named(w, f.path) }))));
  if (secretsInConfig.length) {
    throw new ConfigFilesError(
      `The config holds secrets (${describeSecrets(secretsInConfig)}); they would be readable by anyone who can read the ConfigMap. ` +
        'Read them from the environment ("#{ENV[\'NAME\']}") and give the workload a Secret, or use an IAM role (fluentd.deploy.credentials).',
    );
  }

  const secretLabels = topologyLabels(t.id, ns);
  const secrets: SecretPlan[] = [];
  let sharedKeySecret: string | undefined;
  let tlsSecretName: string | undefined;
  if (t.id === 'forward-aggregator-kinesis') {
    const shared = sharedKeyPlan(ns, s.sharedKeySecret || undefined, secretLabels);
    const tls = tlsPlan(ns, s.tlsSecret || undefined, secretLabels, aggregatorDnsNames(ns));
    secrets.push(shared, tls);
    sharedKeySecret = shared.name;
    tlsSecretName = tls.name;
  }
  if (t.id === 'syslog-opensearch') {
    secrets.push({
      name: s.searchSecret,
      namespace: ns,
      origin: 'user',
      keys: ['username', 'password'],
      purpose: `the ${s.searchOutput === 'elasticsearch' ? 'Elasticsearch' : 'OpenSearch'} user`,
      setting: 'fluentd.deploy.opensearch.credentialsSecret',
    });
  }

  const objects: KubeObject[] = [];
  const workloads: RenderedWorkload[] = [];
  for (const { w, files, source } of configs) {
    const layout = configMapLayout(files);
    const e = workloadEnv(w, { settings: s, namespace: ns, sharedKeySecret });
    if (e.credentials?.mode === 'secret' && !secrets.some((x) => x.name === s.awsKeysSecret)) {
      secrets.push({
        name: s.awsKeysSecret,
        namespace: ns,
        origin: 'user',
        keys: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
        purpose: "the IAM user's AWS keys",
        setting: 'fluentd.deploy.awsKeysSecret',
      });
    }
    const labels = workloadLabels(t.id, ns, w);
    const image = workloadImage(w, s);
    const runs = configAnnotationValue(
      source === 'bundled'
        ? { from: 'bundled', file: bundledConfigFile(w, s) }
        : { from: 'workspace', path: w.config === 'main' ? input.configNames?.main : input.configNames?.agent },
    );
    const values: Record<string, unknown> = {
      name: w.name,
      namespace: ns,
      serviceAccountName: w.name,
      clusterRoleName: instanceName(ns, w.name),
      configMapName: configMapName(t, w),
      labels,
      selectorLabels: selectorLabels(ns, w.name),
      podLabels: labels,
      serviceAccountAnnotations: e.credentials?.serviceAccountAnnotations,
      podAnnotations: {
        [CHECKSUM_ANNOTATION]: configChecksum(layout.data),
        ...(runs ? { [CONFIG_ANNOTATION]: runs } : {}),
        ...e.credentials?.podAnnotations,
      },
      configData: layout.data,
      configItems: layout.items,
      image,
      env: e.env,
      containerSecurityContext: platform.openshift && w.readsHostLogs ? { privileged: true } : undefined,
      replicas: s.replicas,
      tlsSecretName,
      serviceType: s.syslogServiceType,
    };
    let workloadObject: KubeObject | undefined;
    for (const file of w.templates) {
      const obj = fill(input.templates, file, values);
      objects.push(obj);
      if (obj.kind === w.kind) workloadObject = obj;
      if (file === 'serviceaccount.yaml' && platform.openshift && w.readsHostLogs)
        objects.push(fill(input.templates, OPENSHIFT_TEMPLATE, values));
    }
    if (!workloadObject) throw new TemplateError(`${t.id}: no ${w.kind} among the templates of ${w.name}`);
    workloads.push({
      def: w,
      namespace: ns,
      image,
      configSource: source,
      config: files,
      env: e.values,
      envFromSecrets: e.fromSecrets,
      credentials: e.credentials,
      object: workloadObject,
    });
  }

  // Nothing secret may sit in a manifest either: a setting pasted in the wrong place, say.
  const inManifests = findSecrets(
    objects.filter((o) => o.kind !== 'ConfigMap').map((o) => ({ path: describeObject(o), text: stringify(o) })),
  );
  if (inManifests.length) {
    throw new ConfigFilesError(`The manifests would hold secrets (${describeSecrets(inManifests)}); check the fluentd.deploy settings.`);
  }
  return { topology: t, settings: s, platform, namespace: ns, objects, secrets, workloads };
}

/** Renders every object, in apply order. Throws SettingsError, ConfigFilesError or TemplateError. */
export function renderManifests(input: RenderInput): KubeObject[] {
  return renderDeployment(input).objects;
}
