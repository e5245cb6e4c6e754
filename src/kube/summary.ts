// What the user is shown before saying yes to a deploy: where it goes, what runs (each workload's
// image and every file of its config), how it gets AWS credentials, the IAM policy to attach,
// the Secrets, and what happens to each object. Plain text (the modal and the output channel).
import { policyForDeployment } from './iam';
import type { IamPolicy } from './iam-policy';
import { OPENSHIFT_PRIVILEGED_ROLE } from './platform';
import type { PreviewEntry } from './preview';
import type { RenderedDeployment } from './render';
import { describeObject } from './types';

export interface SummaryContext {
  context: string;
  cluster: string;
  server: string;
  /** Where each config comes from (absolute path of its main file), by workload config kind. */
  sources?: { main?: string; agent?: string };
  force?: boolean;
}

/** `kinesis:PutRecords on arn:…` lines, one per statement. */
export function policyLines(policy: IamPolicy): string[] {
  return policy.Statement.map((s) => `${s.Action.join(', ')} on ${s.Resource.join(', ')}`);
}

export function deploySummary(d: RenderedDeployment, ctx: SummaryContext, preview?: readonly PreviewEntry[]): string {
  const lines: string[] = [
    `Topology: ${d.topology.label}`,
    `Context: ${ctx.context}`,
    `Cluster: ${ctx.cluster} (${ctx.server})`,
    `Namespace: ${d.namespace}`,
  ];
  if (d.platform.openshift) {
    const agents = d.workloads.filter((w) => w.def.readsHostLogs).map((w) => w.def.name);
    if (agents.length) {
      lines.push(
        `OpenShift: ${agents.join(', ')} read the nodes' logs, so they run privileged: their ServiceAccount is bound to ` +
          `${OPENSHIFT_PRIVILEGED_ROLE} (the privileged SCC), in their own namespace ${d.namespace}.`,
      );
    }
  }
  if (ctx.force) lines.push('Force: fields owned by other field managers will be taken over.');
  for (const w of d.workloads) {
    lines.push('', `${w.def.kind} ${w.def.name}`, `  Image: ${w.image}`);
    const source = w.configSource === 'bundled' ? 'the bundled config' : (ctx.sources?.[w.def.config] ?? 'the workspace config');
    lines.push(
      `  Config: ${source}; files shipped in the ConfigMap:`,
      ...w.config.map((f, i) => `    ${i === 0 ? 'fluent.conf' : f.path}${i === 0 && f.path !== 'fluent.conf' ? ` (from ${f.path})` : ''}`),
    );
    if (w.credentials) {
      lines.push(`  AWS credentials: ${w.credentials.summary}`);
      if (w.credentials.todo) lines.push(`  To do: ${w.credentials.todo}`);
    }
  }
  const policy = policyForDeployment(d);
  lines.push('');
  if (policy.Statement.length)
    lines.push('IAM policy to attach (Fluentd: Copy IAM Policy copies it):', ...policyLines(policy).map((l) => `  ${l}`));
  else lines.push('IAM policy: none needed (no output signs AWS requests).');
  if (d.secrets.length) {
    lines.push('', 'Secrets (values never shown):');
    for (const s of d.secrets) {
      const how = s.origin === 'generated' ? 'generated locally on the first deploy, then kept' : `yours (${s.setting}), must exist`;
      lines.push(`  Secret ${s.namespace}/${s.name}: ${s.purpose}; ${how}`);
    }
  }
  lines.push('', 'Objects (server-side apply, field manager vscode-fluentd):');
  const changeOf = new Map((preview ?? []).map((e) => [e.target, e.change]));
  for (const o of d.objects) {
    const target = describeObject(o);
    const change = changeOf.get(target);
    lines.push(`  ${change ? `${change.padEnd(9)} ` : ''}${target}`);
  }
  return lines.join('\n');
}
