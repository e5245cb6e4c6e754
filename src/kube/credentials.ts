// How a workload that talks to AWS gets its credentials, one setting (fluentd.deploy.credentials):
//   irsa          IAM Roles for Service Accounts: the role ARN annotated on the ServiceAccount
//   pod-identity  EKS Pod Identity: nothing on the ServiceAccount; an association (made with the
//                 AWS API, not kubectl) maps the ServiceAccount to the role
//   kube2iam      kube2iam/kiam (the kops setup): the role ARN annotated on the pods
//   node-role     the node's instance role; nothing in the manifests
//   secret        an IAM user's keys from an existing Secret, through secretKeyRef env
// AWS keys never appear literally in a manifest: only a reference to the Secret that holds them.
import { credentialsMode, type CredentialsMode, type DeploySettings } from './settings';

export const IRSA_ANNOTATION = 'eks.amazonaws.com/role-arn';
export const KUBE2IAM_ANNOTATION = 'iam.amazonaws.com/role';
export const AWS_KEY_ENV = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: Record<string, unknown>;
}

export interface CredentialsWiring {
  mode: Exclude<CredentialsMode, 'auto'>;
  serviceAccountAnnotations?: Record<string, string>;
  podAnnotations?: Record<string, string>;
  env: EnvVar[];
  /** One line for the summary, e.g. `IRSA: role … on ServiceAccount logging/fluentd`. */
  summary: string;
  /** What the user must do outside the manifests, if anything. */
  todo?: string;
}

export const secretEnv = (name: string, secret: string, key: string): EnvVar => ({
  name,
  valueFrom: { secretKeyRef: { name: secret, key } },
});

/** The wiring for one ServiceAccount of an AWS-facing workload. */
export function credentialsWiring(s: DeploySettings, sa: { namespace: string; name: string }): CredentialsWiring {
  const mode = credentialsMode(s);
  const role = s.roleArn ?? '';
  const who = `ServiceAccount ${sa.namespace}/${sa.name}`;
  switch (mode) {
    case 'irsa':
      return {
        mode,
        serviceAccountAnnotations: { [IRSA_ANNOTATION]: role },
        env: [],
        summary: `IRSA: role ${role} annotated on ${who}`,
        todo: `The role's trust policy must allow ${who} through the cluster's OIDC provider.`,
      };
    case 'pod-identity':
      return {
        mode,
        env: [],
        summary: `EKS Pod Identity: nothing on ${who}; the association maps it to ${role}`,
        todo:
          `Create the association once: aws eks create-pod-identity-association --cluster-name ${s.clusterName || '<cluster>'} ` +
          `--namespace ${sa.namespace} --service-account ${sa.name} --role-arn ${role} (the EKS Pod Identity Agent add-on must run).`,
      };
    case 'kube2iam':
      return {
        mode,
        podAnnotations: { [KUBE2IAM_ANNOTATION]: role },
        env: [],
        summary: `kube2iam/kiam: role ${role} annotated on the pods`,
        todo: `The nodes' role must be allowed to assume ${role} (and kiam needs the namespace's iam.amazonaws.com/permitted annotation).`,
      };
    case 'secret':
      return {
        mode,
        env: AWS_KEY_ENV.map((name) => secretEnv(name, s.awsKeysSecret ?? '', name)),
        summary: `IAM user keys from Secret ${sa.namespace}/${s.awsKeysSecret} (keys ${AWS_KEY_ENV.join(', ')})`,
      };
    case 'node-role':
      return { mode, env: [], summary: "the node's instance role", todo: "Attach the IAM policy to the nodes' instance role." };
  }
}
