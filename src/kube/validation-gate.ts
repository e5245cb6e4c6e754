// A deploy must not ship a config Fluentd would refuse. The gate runs the language checks
// (passed in, so this stays testable and independent of how the checks are wired) and refuses
// while any error remains; warnings are reported but do not block.
import type { Diagnostic } from '../language/types';
import type { ConfigFile } from './config-files';

export interface FileDiagnostic {
  /** ConfigFile.path of the file the finding is in. */
  path: string;
  diagnostic: Diagnostic;
}

/** What a check needs to know besides the files: the image they will run in (its plugins). */
export interface ValidateContext {
  image?: string;
}

export type ValidateFn = (
  files: readonly ConfigFile[],
  context?: ValidateContext,
) => readonly FileDiagnostic[] | Promise<readonly FileDiagnostic[]>;

export interface GateResult {
  ok: boolean;
  errors: FileDiagnostic[];
  warnings: FileDiagnostic[];
}

export async function runValidationGate(files: readonly ConfigFile[], validate: ValidateFn): Promise<GateResult> {
  let found: readonly FileDiagnostic[];
  try {
    found = await validate(files);
  } catch (err) {
    // Checks that cannot run prove nothing: refuse rather than ship an unchecked config.
    const diagnostic: Diagnostic = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 'error',
      code: 'checks-failed',
      message: `The config checks could not run: ${(err as Error)?.message ?? String(err)}`,
    };
    return { ok: false, errors: [{ path: files[0]?.path ?? 'fluent.conf', diagnostic }], warnings: [] };
  }
  const errors = found.filter((f) => f.diagnostic.severity === 'error');
  const warnings = found.filter((f) => f.diagnostic.severity === 'warning');
  return { ok: errors.length === 0, errors, warnings };
}

/** `fluent.conf:12:3: message [code]`, 1-based like the CLI. */
export function formatFileDiagnostic(f: FileDiagnostic): string {
  const { start } = f.diagnostic.range;
  return `${f.path}:${start.line + 1}:${start.character + 1}: ${f.diagnostic.message} [${f.diagnostic.code}]`;
}
