// Bundles the three entry points with esbuild: the extension (vscode external),
// the language server (its own process) and the fluentd-lint CLI.
import * as esbuild from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // the language catalogue is JSON; bundle it rather than reading it at run time
  loader: { '.json': 'json' },
};

const allEntries = [
  { entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];
// While a part is being written its entry may not exist yet; CI insists on all.
const missing = allEntries.filter((e) => !existsSync(e.entryPoints[0]));
if (missing.length && process.env.CI) throw new Error(`missing entry points: ${missing.map((e) => e.entryPoints[0])}`);
for (const e of missing) console.warn(`build: skipping ${e.entryPoints[0]} (not written yet)`);
const entries = allEntries.filter((e) => !missing.includes(e));

if (watch) {
  for (const e of entries) {
    const ctx = await esbuild.context({ ...common, ...e });
    await ctx.watch();
  }
  console.log('esbuild: watching');
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755);
}
