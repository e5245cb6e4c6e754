// A ~10,000-line Fluentd config built from the shared corpus of real configs: the
// files Fluentd parsed concatenated in verdicts.tsv order, repeated until the line
// count is reached, ending at a file boundary so the whole text stays a valid config.
// Deterministic, so runs and machines compare. Used by the benches.
import { validConfigs } from '../test/helpers/corpus';

export const TARGET_LINES = 10_000;

let cached: string | undefined;

/** The config text (LF line ends); the same string on every call. */
export function corpus10k(): string {
  if (cached !== undefined) return cached;
  // only the files Fluentd itself parsed (ok), so the text is a valid config throughout
  const files = validConfigs().filter((c) => c.verdict === 'ok');
  if (!files.length) throw new Error('the shared corpus (../shared/corpus) has no valid configs');
  const lines: string[] = [];
  for (let round = 0; lines.length < TARGET_LINES; round++) {
    for (const f of files) {
      lines.push(`# ---- ${f.name} (copy ${round + 1})`);
      for (const l of f.text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n')) lines.push(l);
      if (lines.length >= TARGET_LINES) break;
    }
  }
  cached = lines.join('\n') + '\n';
  return cached;
}
