// Pieces every bench shares: the code under test bundled the way dist/server.js is
// bundled, and the arithmetic of the reported numbers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';

const ROOT = resolve(__dirname, '..');

/**
 * Bundles `exportLines` (ES `export … from` lines, paths relative to the repository root)
 * with esbuild into a temporary CommonJS file and requires it. Through tsx every module's
 * exports are getters, which says more about the loader than about the code measured.
 */
export async function bundled<T>(name: string, exportLines: string[]): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `fluentd-bench-${name}-`));
  try {
    const outfile = join(dir, `${name}.js`);
    await esbuild.build({
      stdin: { contents: exportLines.join('\n'), resolveDir: ROOT, loader: 'ts' },
      bundle: true,
      platform: 'node',
      target: 'node22.19',
      format: 'cjs',
      outfile,
      logLevel: 'warning',
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(outfile) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The median (the mean of the two middle samples when their count is even). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const round = (x: number, digits = 2) => Number(x.toFixed(digits));

/** Wall-clock milliseconds of one call. */
export function time(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}
