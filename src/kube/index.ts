// The Kubernetes side of the extension, free of vscode, as src/ui/kube and the CloudWatch tree
// use it: exactly the names they import (test/unit/kube/index.test.ts holds this list to
// that). Tests and benches import the modules themselves.
export { KubeClient } from './client';
export { collectConfigFiles } from './config-collect';
export { ConfigFilesError, type ConfigFile } from './config-files';
export { deploy, formatDeployResult, type DeployResult } from './deploy';
export { KubeError } from './errors';
export { manifestsToYaml } from './export-yaml';
export { policyForDeploy } from './iam';
export type { IamPolicy } from './iam-policy';
export { kubeconfigPaths, loadKubeconfig, type LoadedKubeconfig } from './kubeconfig';
export { languageValidator } from './language-validate';
export { formatPreview, previewObjects, type PreviewEntry } from './preview';
export { effectiveConfig, renderManifests } from './render';
export type { RolloutState } from './rollout';
export { SettingsError, withDefaults, type DeploySettings } from './settings';
export { fluentdStatus, formatStatus, statusBarText, type FluentdStatus } from './status';
export { findManifestsDir, loadTemplates, type ManifestTemplates } from './templates';
export { describeObject } from './types';
export { deleteObjects, findManagedObjects, formatUndeployResults, type UndeployResult } from './undeploy';
