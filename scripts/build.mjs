// Bundles with esbuild: the extension, split so that activation loads only a few kilobytes —
// dist/extension.js (activate(): registration and stand-ins) and one bundle per part that it
// requires on first use (src/ui/lazy.ts) — plus the language server (its own process) and the
// fluentd-lint CLI.
import * as esbuild from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';
import { bundleOptions, CLI_ENTRY } from './bundle-options.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = bundleOptions(production);

/** One bundle made of several sources (one copy of what they share), through a generated entry. */
const combined = (sources) => ({
  stdin: { contents: sources.map((f) => `export * from './${f}';`).join('\n'), resolveDir: '.', sourcefile: 'entry.ts', loader: 'ts' },
});

const allEntries = [
  // activation: must take nothing from node_modules (checked below)
  { sources: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // the parts, each required by dist/extension.js on first use
  { sources: ['src/ui/cloudwatch/index.ts'], outfile: 'dist/cloudwatch.js', external: ['vscode'] },
  { sources: ['src/ui/kube/index.ts'], outfile: 'dist/kube.js', external: ['vscode'] },
  { sources: ['src/client/client.ts', 'src/ui/format-embedded-config.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { sources: ['src/ui/simulate/index.ts'], outfile: 'dist/simulate.js', external: ['vscode'] },
  // the simulator webviews' script runs in the browser
  {
    sources: ['src/ui/simulate/webview/main.ts'],
    outfile: 'dist/webview/simulate.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  { sources: ['src/server/main.ts'], outfile: 'dist/server.js' },
  { sources: CLI_ENTRY.entryPoints, outfile: 'dist/cli.js', banner: CLI_ENTRY.banner },
];
// While a part is being written its sources may not exist yet; CI insists on all.
const missing = allEntries.flatMap((e) => e.sources).filter((f) => !existsSync(f));
if (missing.length && process.env.CI) throw new Error(`missing entry points: ${missing}`);
for (const f of missing) console.warn(`build: skipping ${f} (not written yet)`);
const entries = allEntries
  .map(({ sources, ...e }) => ({ ...e, sources: sources.filter((f) => !missing.includes(f)) }))
  .filter((e) => e.sources.length)
  .map(({ sources, ...e }) => ({ ...e, ...(sources.length === 1 ? { entryPoints: sources } : combined(sources)) }));

/** The activation bundle stays small only if every part is required lazily: fail when one is inlined. */
function checkActivationBundle(result) {
  const inlined = Object.keys(result.metafile.inputs).filter((f) => f.includes('node_modules/'));
  if (inlined.length)
    throw new Error(
      `dist/extension.js must not bundle node_modules (load them in a part, see src/ui/lazy.ts): ${inlined.slice(0, 5).join(', ')}`,
    );
}

if (watch) {
  for (const e of entries) {
    const ctx = await esbuild.context({ ...common, ...e });
    await ctx.watch();
  }
  console.log('esbuild: watching');
} else {
  const results = await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e, metafile: e.outfile === 'dist/extension.js' })));
  checkActivationBundle(results[entries.findIndex((e) => e.outfile === 'dist/extension.js')] ?? { metafile: { inputs: {} } });
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}
