// Settings + templates + config → the Kubernetes objects to apply. Pure: no I/O, same input,
// same output (the rendered objects are what export, preview and deploy all work from).
import { parse } from 'yaml';
import { configChecksum, ConfigFilesError, configMapLayout, literalAwsKeys, type ConfigFile } from './config-files';
import { commonLabels, instanceName, selectorLabels } from './labels';
import { assertValidSettings, logGroupBase, type DeploySettings } from './settings';
import { fillTemplate, TemplateError } from './template-fill';
import type { ManifestTemplates } from './templates';
import type { KubeObject } from './types';

export const IRSA_ANNOTATION = 'eks.amazonaws.com/role-arn';
export const CHECKSUM_ANNOTATION = 'checksum/config';

export interface RenderInput {
  settings: DeploySettings;
  templates: ManifestTemplates;
  /** The workspace config (main file first); the bundled default when absent. */
  config?: readonly ConfigFile[];
}

/** The config that will be deployed: the given files, or the bundled default. */
export function effectiveConfig(input: Pick<RenderInput, 'templates' | 'config'>): readonly ConfigFile[] {
  return input.config?.length ? input.config : [{ path: 'fluent.conf', text: input.templates.defaultConfig }];
}

/** Renders every object, in apply order. Throws SettingsError, ConfigFilesError or TemplateError. */
export function renderManifests(input: RenderInput): KubeObject[] {
  const { settings } = input;
  assertValidSettings(settings);
  const config = effectiveConfig(input);
  const keys = literalAwsKeys(config);
  if (keys.length) {
    throw new ConfigFilesError(
      `The config contains AWS keys (${keys.map((k) => `${k.key} in ${k.path}:${k.line}`).join(', ')}); they would be ` +
        'readable by anyone who can read the ConfigMap. Use an IAM role (fluentd.deploy.roleArn) instead.',
    );
  }
  const layout = configMapLayout(config);
  const ns = settings.namespace;
  const values: Record<string, unknown> = {
    name: 'fluentd',
    namespace: ns,
    clusterRoleName: instanceName(ns),
    configMapName: 'fluentd-config',
    labels: commonLabels(ns),
    selectorLabels: selectorLabels(ns),
    podLabels: commonLabels(ns),
    serviceAccountAnnotations: settings.roleArn ? { [IRSA_ANNOTATION]: settings.roleArn } : undefined,
    configData: layout.data,
    configItems: layout.items,
    configChecksum: configChecksum(layout.data),
    image: settings.image,
    region: settings.region,
    clusterName: settings.clusterName,
    logGroupName: logGroupBase(settings),
  };
  return input.templates.objects.map(({ file, text }) => {
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
  });
}
