// Lint rules for src/, test/, bench/ and scripts/ (typescript-eslint's recommended set). Formatting is
// prettier's job (`npm run format`), so no stylistic rules here.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const VSCODE_ONLY = ['vscode', 'vscode-languageclient'].map((name) => ({
  name,
  message: 'Only src/ui, src/client and src/extension.ts talk to VS Code.',
}));
const VSCODE_ONLY_PATTERNS = [
  { group: ['vscode-languageclient/*'], message: 'Only src/ui, src/client and src/extension.ts talk to VS Code.' },
];
const LSP_MESSAGE =
  'LSP types belong to src/language/features (and the services above it); below, produce plain findings and facts (src/language/types.ts).';
const LSP = ['vscode-languageserver', 'vscode-languageserver-types', 'vscode-languageserver-protocol'].map((name) => ({
  name,
  message: LSP_MESSAGE,
}));
const LSP_PATTERNS = [{ group: ['vscode-languageserver/*', 'vscode-languageserver-protocol/*'], message: LSP_MESSAGE }];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      'test-results/',
      '.vscode-test/',
      'media/',
      '**/*.data.json',
      'test/helpers/.fuzz-worker-*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // The layers (README, Architecture). Only the VS Code side imports `vscode` (and the language
  // client, which needs it); only the features layer and the services above it speak LSP.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/ui/**', 'src/client/**', 'src/extension.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: VSCODE_ONLY, patterns: VSCODE_ONLY_PATTERNS }] },
  },
  {
    files: ['src/language/**/*.ts', 'src/cloudwatch/**/*.ts', 'src/kube/**/*.ts'],
    ignores: ['src/language/features/**', 'src/language/services/**', 'src/language/service.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...VSCODE_ONLY, ...LSP], patterns: [...VSCODE_ONLY_PATTERNS, ...LSP_PATTERNS] }],
    },
  },
  {
    // Tests read ANSI escapes and the apiserver's untyped JSON on purpose.
    files: ['test/**', 'bench/**'],
    rules: { 'no-control-regex': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
