// The fluentd-kubernetes-daemonset image's config as Kubernetes YAML, for tests and benches.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusRoot } from './corpus';

const CONF = join(corpusRoot, 'valid', 'fluent+fluentd-kubernetes-daemonset', 'docker-image', 'v1.19', 'debian-cloudwatch', 'conf');

/** A `|` block of a text under a `data:` key (4 spaces). */
function block(key: string, text: string): string {
  const body = text
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => (l ? `    ${l}` : ''));
  return `  ${key}: |\n${body.join('\n')}\n`;
}

/**
 * The image's conf/ as one ConfigMap: keys cannot hold '/', so kubernetes/x.conf is
 * the key kubernetes-x.conf and the includes say so (what people do when they move
 * this config into a ConfigMap).
 */
export function daemonsetConfigMap(): Record<string, string> {
  const keys: Record<string, string> = {};
  const flat = (t: string) =>
    t
      .replace(/@include kubernetes\//g, '@include kubernetes-')
      .replace('@include ../tail_container_parse.conf', '@include tail_container_parse.conf');
  for (const f of readdirSync(CONF).sort()) if (f.endsWith('.conf')) keys[f] = flat(readFileSync(join(CONF, f), 'utf8'));
  for (const f of readdirSync(join(CONF, 'kubernetes')).sort())
    keys[`kubernetes-${f}`] = flat(readFileSync(join(CONF, 'kubernetes', f), 'utf8'));
  return keys;
}

/** The variables the DaemonSet sets for the image's config. */
export const DAEMONSET_ENV = ['LOG_GROUP_NAME', 'LOG_REJECTED_REQUEST', 'KUBERNETES_CA_FILE', 'AWS_REGION'];

/** `keys` as the data of ConfigMap fluentd-config and, unless `env` is null, a DaemonSet mounting it with those env variables (value "x"). */
export function configMapManifest(keys: Record<string, string>, env: string[] | null = DAEMONSET_ENV): string {
  let y = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fluentd-config\n  namespace: kube-system\ndata:\n';
  for (const [k, t] of Object.entries(keys)) y += block(k, t);
  if (env) {
    y += `---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
  namespace: kube-system
spec:
  template:
    spec:
      containers:
        - name: fluentd
          image: fluent/fluentd-kubernetes-daemonset:v1.19-debian-cloudwatch-1
          env:
${env.map((n) => `            - name: ${n}\n              value: "x"`).join('\n')}
          volumeMounts:
            - name: config
              mountPath: /fluentd/etc
      volumes:
        - name: config
          configMap:
            name: fluentd-config
`;
  }
  return y;
}
