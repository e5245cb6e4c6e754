// Finds the cloudwatch_logs outputs of a fluent.conf (and its includes) with the project's
// parser, resolving `#{ENV[...]}` in names from the environment the DaemonSet sets. Whatever
// cannot be known before run time becomes a `*` in the log group pattern.
import { parse } from '../language/parser';
import type { ElementNode } from '../language/parser/ast';
import { elements } from '../language/walk';
import type { ConfigFile } from './config-files';
import type { CloudWatchOutput } from './iam-policy';

function params(el: ElementNode): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of el.children) if (c.kind === 'param') out.set(c.key === 'type' ? '@type' : c.key, c.value?.text ?? '');
  return out;
}

/**
 * Replaces each `#{…}` with the environment value it reads (`ENV['X']`, `ENV["X"]`,
 * `ENV.fetch('X')`, `ENV.fetch('X', 'd')`, `ENV['X'] || 'd'`) or `*` when it is anything else.
 */
export function resolveEmbedded(value: string, env: Readonly<Record<string, string | undefined>>): string {
  return value.replace(/#\{([^}]*)\}/g, (_m, code: string) => {
    const c = code.trim();
    const m =
      /^ENV\[\s*['"]([^'"]+)['"]\s*\](?:\s*\|\|\s*['"]([^'"]*)['"])?$/.exec(c) ??
      /^ENV\.fetch\(\s*['"]([^'"]+)['"]\s*(?:,\s*['"]([^'"]*)['"]\s*)?\)$/.exec(c);
    if (!m) return '*';
    const v = env[m[1]];
    return v !== undefined && v !== '' ? v : (m[2] ?? '*');
  });
}

const truthy = (v: string | undefined) => v === '' || v === 'true' || v === 'yes';

/** Every cloudwatch_logs output (in <match>, <label>, or a <store> of copy) in the files. */
export function cloudWatchOutputs(
  files: readonly ConfigFile[],
  env: Readonly<Record<string, string | undefined>> = {},
): CloudWatchOutput[] {
  const out: CloudWatchOutput[] = [];
  for (const f of files) {
    const { document } = parse(f.text);
    for (const el of elements(document.children)) {
      if (el.name !== 'match' && el.name !== 'store') continue;
      const p = params(el);
      if (p.get('@type') !== 'cloudwatch_logs') continue;
      const group = p.get('log_group_name');
      // use_tag_as_group / log_group_name_key: the group comes from events, so any group.
      const logGroup = group !== undefined && !truthy(p.get('use_tag_as_group')) ? resolveEmbedded(group, env) : '*';
      const region = p.has('region') ? resolveEmbedded(p.get('region') ?? '', env) : undefined;
      out.push({
        logGroup: logGroup.replace(/\$\{[^}]*\}/g, '*'),
        region: region && region !== '*' ? region : undefined,
        autoCreate: truthy(p.get('auto_create_stream')),
        setsRetention: p.has('retention_in_days') || p.has('retention_in_days_key'),
        tagsGroups: p.has('log_group_aws_tags') || p.has('log_group_aws_tags_key'),
      });
    }
  }
  return out;
}
