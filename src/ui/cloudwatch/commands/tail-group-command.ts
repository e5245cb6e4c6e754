import { pickGroup } from '../pickers';
import type { CloudWatchSession } from '../session';
import type { TailManager } from '../tail-manager';
import { asNode } from './node-args';

/** Tail a whole log group, optionally narrowed by a CloudWatch filter pattern; from the palette, pick the group. */
export async function tailGroupCommand(cw: CloudWatchSession, tails: TailManager, arg?: unknown): Promise<void> {
  const node = asNode(arg, 'group') ?? (await pickGroup(cw, 'to tail'));
  if (!node) return;
  const pattern = await cw.prompts.input(
    `Filter pattern for ${node.group.logGroupName} (empty: every event)`,
    '',
    'ERROR   or   "connection refused"   or   { $.kubernetes.namespace_name = "shop" }',
  );
  if (pattern === undefined) return;
  const filter = pattern.trim();
  tails.start(`${node.group.logGroupName}${filter ? ` [${filter}]` : ''}`, {
    logGroupName: node.group.logGroupName,
    logGroupArn: node.group.logGroupArn,
    ...(filter ? { filterPattern: filter } : {}),
  });
}
