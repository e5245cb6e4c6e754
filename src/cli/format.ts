// Results -> the text the CLI prints. Pure: the caller decides colour and streams.
import type { Severity } from '../language/types';
import { escapeControlChars, escapeJsonControls } from '../language/escape-text';
import type { FileResult } from './lint';
import type { CliDiagnostic } from './positions';

export interface Counts {
  errors: number;
  warnings: number;
  files: number;
}

export function count(files: readonly FileResult[]): Counts {
  let errors = 0;
  let warnings = 0;
  for (const f of files) {
    for (const d of f.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
  }
  return { errors, warnings, files: files.length };
}

/** --quiet: keep only errors (files stay listed, so JSON still shows what was checked). */
export function onlyErrors(files: readonly FileResult[]): FileResult[] {
  return files.map((f) => ({ path: f.path, diagnostics: f.diagnostics.filter((d) => d.severity === 'error') }));
}

/** The exact JSON document: key order fixed, nothing but the documented fields. */
export function formatJson(files: readonly FileResult[]): string {
  const doc = {
    files: files.map((f) => ({
      path: f.path,
      diagnostics: f.diagnostics.map((d) => ({
        severity: d.severity,
        line: d.line,
        column: d.column,
        endLine: d.endLine,
        endColumn: d.endColumn,
        code: d.code,
        message: d.message,
      })),
    })),
  };
  return `${escapeJsonControls(JSON.stringify(doc))}\n`;
}

const ESC = '\u001b[';
const style = {
  bold: (s: string) => `${ESC}1m${s}${ESC}22m`,
  dim: (s: string) => `${ESC}2m${s}${ESC}22m`,
  red: (s: string) => `${ESC}31m${s}${ESC}39m`,
  yellow: (s: string) => `${ESC}33m${s}${ESC}39m`,
  blue: (s: string) => `${ESC}34m${s}${ESC}39m`,
  green: (s: string) => `${ESC}32m${s}${ESC}39m`,
};

const SEVERITY_STYLE: Record<Severity, (s: string) => string> = {
  error: (s) => style.bold(style.red(s)),
  warning: style.yellow,
  information: style.blue,
  hint: style.dim,
};

/** `file:line:col: severity: message [code]`, one finding per line. */
export function formatText(files: readonly FileResult[], color: boolean): string {
  let out = '';
  for (const f of files) for (const d of f.diagnostics) out += `${textLine(f.path, d, color)}\n`;
  return out;
}

export function textLine(path: string, d: CliDiagnostic, color: boolean): string {
  const where = `${escapeControlChars(path)}:${d.line}:${d.column}:`;
  // one finding per line, whatever the message holds, so grep and editors can parse it;
  // what is left of control characters (from the config) is shown, not sent to the terminal
  const message = escapeControlChars(d.message.replace(/\s*[\r\n]+\s*/g, ' '));
  const sev = color ? SEVERITY_STYLE[d.severity](d.severity) : d.severity;
  const code = `[${escapeControlChars(d.code)}]`;
  return `${color ? style.bold(where) : where} ${sev}: ${message} ${color ? style.dim(code) : code}`;
}

/** "2 errors, 1 warning in 3 files" */
export function formatSummary(c: Counts, color: boolean): string {
  const text = `${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')} in ${plural(c.files, 'file')}`;
  if (!color) return `${text}\n`;
  const paint = c.errors ? style.red : c.warnings ? style.yellow : style.green;
  return `${paint(text)}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
