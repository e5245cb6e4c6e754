// Preview of a deploy: each rendered object against its live version, like `kubectl diff`: the
// "after" side is the server's own dry-run result of the apply, so defaults and merges are real.
import { stringify } from 'yaml';
import type { KubeClient } from './client';
import { asKubeError, KubeError } from './errors';
import { unifiedDiff } from './text-diff';
import { describeObject, type KubeObject } from './types';

export interface PreviewEntry {
  target: string;
  change: 'create' | 'update' | 'none' | 'error';
  diff: string;
  error?: KubeError;
}

/** Drops what the server maintains and nobody configures, so the diff shows intent only. */
export function comparable(obj: KubeObject): KubeObject {
  const copy = structuredClone(obj);
  const meta = copy.metadata as Record<string, unknown>;
  for (const k of ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink']) delete meta[k];
  delete copy.status;
  return copy;
}

const toYaml = (o: KubeObject | undefined) => (o ? stringify(comparable(o), { lineWidth: 0, sortMapEntries: true }) : '');

export async function previewObjects(
  client: KubeClient,
  objects: readonly KubeObject[],
  opts: { force?: boolean } = {},
): Promise<PreviewEntry[]> {
  const entries: PreviewEntry[] = [];
  for (const obj of objects) {
    const target = describeObject(obj);
    try {
      const live = await client.get(obj);
      const { object: after } = await client.apply(obj, { dryRun: true, force: opts.force });
      const diff = unifiedDiff(toYaml(live), toYaml(after), { from: live ? `live ${target}` : '/dev/null', to: `deployed ${target}` });
      entries.push({ target, change: !live ? 'create' : diff ? 'update' : 'none', diff });
    } catch (err) {
      const error = asKubeError(err);
      entries.push({ target, change: 'error', diff: '', error });
    }
  }
  return entries;
}

export function formatPreview(entries: readonly PreviewEntry[]): string {
  const summary = entries.map((e) => `# ${e.change.padEnd(6)} ${e.target}${e.error ? `: ${e.error.message}` : ''}`);
  const diffs = entries.filter((e) => e.diff).map((e) => e.diff);
  return [...summary, '', ...diffs].join('\n');
}
