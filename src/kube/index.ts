// The Kubernetes side of the extension, free of vscode, as src/ui/kube and the CloudWatch tree
// use it: exactly the names they import (test/unit/kube/index.test.ts holds this list to
// that). Tests and benches import the modules themselves.
export { KubeClient } from './client';
export { collectConfigFiles } from './config-collect';
export { ConfigFilesError, type ConfigFile } from './config-files';
export { checkConfigs, deploy, formatDeployResult, type DeployResult } from './deploy';
export { KubeError } from './errors';
export { manifestsToYaml } from './export-yaml';
export type { FindingDiagnostic } from './fluentd-log/findings';
export { PodConfigLinks } from './fluentd-log/pod-config-links';
export { forwardPairProblems } from './forward-pair';
export { policyForDeployment } from './iam';
export type { IamPolicy } from './iam-policy';
export { kubeconfigPaths, loadKubeconfig, type LoadedKubeconfig } from './kubeconfig';
export { kustomizeBase } from './kustomize';
export { languageValidator } from './language-validate';
export { detectPlatform } from './platform';
export { PodLogSession, type PodLogSessionOptions } from './pod-logs/session';
export { listWorkloads, type Workload } from './pod-logs/workloads';
export { previewObjects, previewSides, previewSummary, type PreviewEntry } from './preview';
export { renderDeployment, type RenderedDeployment } from './render';
export type { RolloutState } from './rollout';
export { SettingsError, withDefaults, type DeploySettings } from './settings';
export { fluentdStatus, formatStatus, statusBarText, type FluentdStatus } from './status';
export { deploySummary } from './summary';
export { findManifestsDir, loadTemplates, type ManifestTemplates } from './templates';
export { DEFAULT_TOPOLOGY, isTopologyId, TOPOLOGIES, topology, type TopologyId } from './topologies';
export { describeObject } from './types';
export { deleteObjects, findDeployedTopologies, formatUndeployResults, type UndeployResult } from './undeploy';
export { formatFileDiagnostic } from './validation-gate';
