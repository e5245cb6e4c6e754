// esbuild options every bundle of the project shares (the extension's parts, the language
// server, the fluentd-lint CLI and its npm package).

/** The oldest Node a bundle runs on: the extension host of the oldest VS Code engines.vscode allows (README: Compatibility). */
export const NODE_TARGET = 'node22.19';

export function bundleOptions(production) {
  return {
    bundle: true,
    platform: 'node',
    target: NODE_TARGET,
    format: 'cjs',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    // the language catalogue is JSON; bundle it rather than reading it at run time
    loader: { '.json': 'json' },
  };
}

/** fluentd-lint: one file, runnable as a command. */
export const CLI_ENTRY = { entryPoints: ['src/cli/main.ts'], banner: { js: '#!/usr/bin/env node' } };
