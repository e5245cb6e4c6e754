// Findings -> SARIF 2.1.0 (OASIS), the format code-scanning dashboards read (GitHub code
// scanning, GitLab, Azure DevOps). One run; the tool's rules are every code fluentd-lint
// knows (rules.ts) plus any other code found; results point at regions in 1-based lines and
// code-point columns, the end one past the finding, as SARIF's defaults are.
// Validated against the official schema in test/cli/sarif.test.ts.
import { escapeJsonControls } from '../language/escape-text';
import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import type { Severity } from '../language/types';
import type { FileResult } from './lint';
import { RULES, ruleHelp } from './rules';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export interface SarifContext {
  /** The tool's version (package.json). */
  version: string;
  /** Relative paths are relative to this folder (the %SRCROOT% base). */
  cwd: string;
}

export function formatSarif(files: readonly FileResult[], ctx: SarifContext): string {
  const codes = [...Object.keys(RULES)];
  for (const f of files) for (const d of f.diagnostics) if (!codes.includes(d.code)) codes.push(d.code);
  const index = new Map(codes.map((c, i) => [c, i]));
  const doc = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'fluentd-lint',
            version: ctx.version,
            semanticVersion: ctx.version,
            rules: codes.map((id) => {
              const r = ruleHelp(id);
              return {
                id,
                shortDescription: { text: r.description },
                ...(r.help ? { help: { text: r.help } } : {}),
              };
            }),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: directoryUri(ctx.cwd) } },
        columnKind: 'unicodeCodePoints',
        results: files.flatMap((f) =>
          f.diagnostics.map((d) => ({
            ruleId: d.code,
            ruleIndex: index.get(d.code),
            level: LEVEL[d.severity],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: artifactLocation(f.path),
                  region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return `${escapeJsonControls(JSON.stringify(doc, null, 2))}\n`;
}

/** A file URI for absolute paths; a relative URI reference against %SRCROOT% otherwise. */
function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(path)) return { uri: pathToFileURL(path).href };
  // each segment percent-encoded (spaces, '#', '%'…), separators kept
  return { uri: path.split(/[\\/]/).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
