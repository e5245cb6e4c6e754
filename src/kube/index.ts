// The Kubernetes side of the extension, free of vscode: render, export, preview, deploy, status,
// undeploy, IAM policy. src/ui/kube wires these to commands.
export * from './apply';
export * from './client';
export * from './config-collect';
export * from './config-files';
export * from './deploy';
export * from './errors';
export * from './export-yaml';
export * from './iam';
export * from './iam-policy';
export * from './iam-scan';
export * from './kubeconfig';
export * from './labels';
export * from './preview';
export * from './render';
export * from './pod-problems';
export * from './rollout';
export * from './settings';
export * from './status';
export * from './templates';
export * from './types';
export * from './undeploy';
export * from './validation-gate';
export type { KubeConfig } from './client-node';
export * from './language-validate';
