// Files -> findings: reads each target, decodes it (tolerating bad UTF-8), runs the
// file kind's linter through the language service, and converts positions for output.
import { join } from 'node:path';
import { defaultChecks } from '../language/checks';
import { imagePluginCheck } from '../language/checks/image-plugins';
import { nodeFileSystem } from '../language/node-file-system';
import { readRegularFile, UnreadableFileError } from '../language/read-regular-file';
import { LineIndex } from '../language/parser';
import { FluentdLanguageService } from '../language/service';
import type { Diagnostic } from '../language/types';
import { pathToUri } from '../language/uri';
import { decodeUtf8, type Decoded } from './decode';
import { FLUENT_CONF, lintFile, type FileKind } from './file-kinds';
import { osReason, STDIN_PATH, type PathProblem, type Target } from './files';
import { ColumnMapper, type CliDiagnostic } from './positions';

export interface FileResult {
  path: string;
  diagnostics: CliDiagnostic[];
}

export interface LintOutcome {
  files: FileResult[];
  problems: PathProblem[];
}

export interface LintContext {
  cwd: string;
  /** Bytes read from stdin, when `-` is among the targets (an Error if reading failed). */
  stdin?: Uint8Array | Error;
  service?: FluentdLanguageService;
  /** --image: also report plugins this image lacks. */
  image?: string;
}

export function lintTargets(targets: readonly Target[], ctx: LintContext): LintOutcome {
  const checks = ctx.image ? [...defaultChecks, imagePluginCheck(ctx.image)] : undefined;
  const service = ctx.service ?? new FluentdLanguageService({ fileSystem: nodeFileSystem, checks });
  const out: LintOutcome = { files: [], problems: [] };
  for (const t of targets) {
    let bytes: Uint8Array;
    let input: { path: string; uri: string; kind: FileKind };
    if (t.source === 'stdin') {
      if (!(ctx.stdin instanceof Uint8Array)) {
        out.problems.push({ path: STDIN_PATH, message: ctx.stdin ? osReason(ctx.stdin) : 'stdin was not read' });
        continue;
      }
      bytes = ctx.stdin;
      // relative @include paths in stdin resolve against the working directory
      input = { path: STDIN_PATH, uri: pathToUri(join(ctx.cwd, STDIN_PATH)), kind: FLUENT_CONF };
    } else {
      try {
        bytes = readRegularFile(t.absPath);
      } catch (err) {
        out.problems.push({
          path: t.path,
          message: err instanceof UnreadableFileError && err.reason !== 'os' ? err.message : osReason(err),
        });
        continue;
      }
      input = { path: t.path, uri: pathToUri(t.absPath), kind: t.kind };
    }
    try {
      out.files.push(lintBytes(input.path, input.uri, bytes, input.kind, service));
    } catch (err) {
      // a bug on one file must not hide the findings on the others
      const why = err instanceof Error ? err.message : String(err);
      out.problems.push({ path: input.path, message: `internal error while checking this file (please report): ${why}` });
    }
  }
  return out;
}

/** Lints one file's bytes; exported for tests that want a single result. */
export function lintBytes(path: string, uri: string, bytes: Uint8Array, kind: FileKind, service: FluentdLanguageService): FileResult {
  const decoded = decodeUtf8(bytes);
  const found = lintFile({ path, uri, text: decoded.text }, service, kind);
  const utf8 = invalidUtf8Diagnostic(decoded);
  if (utf8) found.push(utf8);
  const mapper = new ColumnMapper(decoded.text);
  const diagnostics = found.map((d) => mapper.convert(d));
  // stable sort: ties keep the service's order
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { path, diagnostics };
}

function invalidUtf8Diagnostic(decoded: Decoded): Diagnostic | undefined {
  if (decoded.invalidAt === undefined) return undefined;
  const start = new LineIndex(decoded.text).positionAt(decoded.invalidAt);
  return {
    range: { start, end: { line: start.line, character: start.character + 1 } },
    severity: 'warning',
    code: 'invalid-utf8',
    message:
      `This file is not valid UTF-8 (first bad byte at byte offset ${decoded.invalidByte}); ` +
      'bad bytes were read as U+FFFD. Fluentd reads configs as UTF-8 and can fail on such bytes.',
  };
}
