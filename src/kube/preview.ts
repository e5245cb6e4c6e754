// Preview of a deploy: each rendered object against its live version, like `kubectl diff`: the
// "after" side is the server's own dry-run result of the apply, so defaults and merges are real.
// Secrets are listed (kept or to be created) but never shown: their values stay out of the diff.
import { stringify } from 'yaml';
import type { KubeClient } from './client';
import { asKubeError, KubeError } from './errors';
import { ensureSecrets, type SecretPlan } from './secrets';
import { unifiedDiff } from './text-diff';
import { describeObject, type KubeObject } from './types';

export type PreviewChange = 'new' | 'changed' | 'unchanged' | 'error';

export interface PreviewEntry {
  target: string;
  change: PreviewChange;
  diff: string;
  /** The object as it is now and as it would be (YAML, server-maintained fields dropped); '' when absent. */
  before: string;
  after: string;
  note?: string;
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
  opts: { force?: boolean; secrets?: readonly SecretPlan[] } = {},
): Promise<PreviewEntry[]> {
  const entries: PreviewEntry[] = [];
  for (const s of await ensureSecrets(client, opts.secrets ?? [], { dryRun: true })) {
    const change: PreviewChange = s.outcome === 'failed' ? 'error' : s.outcome === 'unchanged' ? 'unchanged' : 'new';
    entries.push({ target: s.target, change, diff: '', before: '', after: '', note: s.note, error: s.error });
  }
  for (const obj of objects) {
    const target = describeObject(obj);
    try {
      const live = await client.get(obj);
      const { object: next } = await client.apply(obj, { dryRun: true, force: opts.force });
      const before = toYaml(live);
      const after = toYaml(next);
      const diff = unifiedDiff(before, after, { from: live ? `live ${target}` : '/dev/null', to: `deployed ${target}` });
      entries.push({ target, change: !live ? 'new' : diff ? 'changed' : 'unchanged', diff, before, after });
    } catch (err) {
      entries.push({ target, change: 'error', diff: '', before: '', after: '', error: asKubeError(err) });
    }
  }
  return entries;
}

/** One line per object: `# changed    DaemonSet kube-system/fluentd`. */
export function previewSummary(entries: readonly PreviewEntry[]): string[] {
  const width = Math.max(...entries.map((e) => e.change.length), 0);
  return entries.map(
    (e) => `# ${e.change.padEnd(width)}  ${e.target}${e.note ? ` (${e.note})` : ''}${e.error ? `: ${e.error.message}` : ''}`,
  );
}

export function formatPreview(entries: readonly PreviewEntry[]): string {
  const diffs = entries.filter((e) => e.diff).map((e) => e.diff);
  return [...previewSummary(entries), '', ...diffs].join('\n');
}

/**
 * The two sides of the whole preview as documents for a diff editor: every object as it is now
 * (left) and as the deploy would leave it (right), in apply order, each headed by its change.
 */
export function previewSides(entries: readonly PreviewEntry[], header: string): { before: string; after: string } {
  const side = (pick: (e: PreviewEntry) => string) =>
    [
      ...header.split('\n').map((l) => `# ${l}`),
      ...previewSummary(entries),
      ...entries.flatMap((e) => ['---', `# ${e.change}: ${e.target}`, pick(e).trimEnd() || (e.note ? `# ${e.note}` : '# (none)')]),
    ].join('\n') + '\n';
  return { before: side((e) => e.before), after: side((e) => e.after) };
}
