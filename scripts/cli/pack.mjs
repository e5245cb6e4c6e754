// Packs fluentd-lint as its own npm package (so a pipeline can `npx fluentd-lint`): the CLI
// bundle (the language engine and its plugin catalogue, nothing of the extension), a package.json,
// the README below and the licence. Fails when the bundle takes in extension code or the package
// holds anything else.
//   node scripts/cli/pack.mjs [--out DIR]      prints the path of fluentd-lint-<version>.tgz
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { bundleOptions, CLI_ENTRY, NODE_TARGET } from '../bundle-options.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { values: args } = parseArgs({ options: { out: { type: 'string', default: join(ROOT, 'out') } } });
const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const stage = join(ROOT, 'out', 'cli-package');
rmSync(stage, { recursive: true, force: true });
mkdirSync(join(stage, 'bin'), { recursive: true });

const result = await esbuild.build({
  ...bundleOptions(true),
  ...CLI_ENTRY,
  absWorkingDir: ROOT,
  outfile: join(stage, 'bin', 'fluentd-lint.js'),
  metafile: true,
});
// only the language engine and the CLI: the extension's VS Code side, LSP wiring, AWS and Kubernetes stay out
const foreign = Object.keys(result.metafile.inputs).filter((f) =>
  /^src\/(ui|client|server|cloudwatch|kube)\/|^src\/extension\.ts$|node_modules\/(vscode-languageclient|@aws-sdk|@kubernetes)\//.test(f),
);
if (foreign.length) throw new Error(`the fluentd-lint package must not bundle extension code: ${foreign.slice(0, 5).join(', ')}`);

const nodeMin = NODE_TARGET.replace(/^node/, '');
writeFileSync(
  join(stage, 'package.json'),
  `${JSON.stringify(
    {
      name: 'fluentd-lint',
      version: root.version,
      description:
        'Check Fluentd v1 configuration files (fluent.conf, and fluent.conf in Kubernetes ConfigMaps) in CI: diagnostics that agree with Fluentd, as text, JSON, SARIF 2.1.0 or GitHub Actions annotations.',
      keywords: ['fluentd', 'fluent.conf', 'lint', 'kubernetes', 'sarif'],
      license: root.license,
      bin: { 'fluentd-lint': 'bin/fluentd-lint.js' },
      files: ['bin/fluentd-lint.js'],
      engines: { node: `>=${nodeMin}.0` },
    },
    null,
    2,
  )}\n`,
);
copyFileSync(join(ROOT, 'scripts', 'cli', 'README.md'), join(stage, 'README.md'));
copyFileSync(join(ROOT, 'LICENSE'), join(stage, 'LICENSE'));

mkdirSync(args.out, { recursive: true });
const r = spawnSync('npm', ['pack', '--json', '--pack-destination', args.out], { cwd: stage, encoding: 'utf8' });
if (r.status !== 0) throw new Error(`npm pack failed:\n${r.stderr}`);
const [packed] = JSON.parse(r.stdout);
const allowed = new Set(['package.json', 'README.md', 'LICENSE', 'bin/fluentd-lint.js']);
const stray = packed.files.map((f) => f.path).filter((p) => !allowed.has(p));
if (stray.length) throw new Error(`unexpected files in the fluentd-lint package: ${stray.join(', ')}`);
console.error(`fluentd-lint package: ${packed.filename}, ${(packed.size / 1024).toFixed(0)} KiB packed, ${packed.files.length} files`);
console.log(join(args.out, packed.filename));
