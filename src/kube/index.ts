// The Kubernetes side of the extension, free of vscode: topologies, render, export, preview,
// deploy, status, undeploy, IAM policy. src/ui/kube wires these to commands.
export * from './apply';
export * from './client';
export * from './config-collect';
export * from './config-files';
export * from './deploy';
export * from './errors';
export * from './export-yaml';
export * from './iam';
export * from './iam-destinations';
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
export * from './pod-logs/container-stream';
export * from './pod-logs/follower';
export * from './pod-logs/format';
export * from './pod-logs/log-lines';
export * from './pod-logs/pod-watch';
export * from './pod-logs/resume-cursor';
export * from './pod-logs/session';
export * from './fluentd-log/config-link';
export * from './fluentd-log/findings';
export * from './fluentd-log/log-record';
export * from './fluentd-log/recognise';
export * from './pod-logs/workloads';
// Topologies (explicit, for the curated list this file is becoming)
export {
  TOPOLOGIES,
  DEFAULT_TOPOLOGY,
  topology,
  mainWorkload,
  isTopologyId,
  type TopologyDef,
  type TopologyId,
  type WorkloadDef,
  type WorkloadRole,
} from './topologies';
export { credentialsWiring, IRSA_ANNOTATION, KUBE2IAM_ANNOTATION, AWS_KEY_ENV, type CredentialsWiring, type EnvVar } from './credentials';
export { ensureSecrets, redact, SHARED_KEY_SECRET, TLS_SECRET, SHARED_KEY_KEY, type SecretPlan, type SecretOutcome } from './secrets';
export { selfSignedCert, type SelfSignedCert } from './self-signed-cert';
export {
  detectPlatform,
  sharedNamespace,
  PLAIN_KUBERNETES,
  OPENSHIFT_SECURITY_GROUP,
  OPENSHIFT_PRIVILEGED_ROLE,
  type Platform,
} from './platform';
export { forwardPairProblems } from './forward-pair';
export { findSecrets, describeSecrets, isSecretKey, type SecretFinding } from './secret-scan';
export { deploySummary, policyLines, type SummaryContext } from './summary';
export { kustomizeBase, type KustomizeFile } from './kustomize';
export { aggregatorHost, aggregatorDnsNames, FORWARD_PORT, SHARED_KEY_ENV, TLS_MOUNT } from './workload-env';
