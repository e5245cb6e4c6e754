// Diagnostics provider: the service's findings as LSP diagnostics, capped for the editor.
import { Diagnostic as LspDiagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Diagnostic, Severity } from '../types';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A garbage file can produce 100,000 findings; past this many an editor only slows down. */
export const MAX_EDITOR_DIAGNOSTICS = 1000;

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export function capForEditor(all: Diagnostic[]): Diagnostic[] {
  if (all.length <= MAX_EDITOR_DIAGNOSTICS) return all;
  const kept = [...all].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]).slice(0, MAX_EDITOR_DIAGNOSTICS);
  kept.push({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 'information',
    code: 'too-many-diagnostics',
    message: `${all.length - MAX_EDITOR_DIAGNOSTICS} more findings are not shown (${all.length} in all); fluentd-lint lists every one.`,
  });
  return kept;
}

export function toLspDiagnostic(d: Diagnostic, uri: string): LspDiagnostic {
  const out = LspDiagnostic.create(d.range, d.message, SEVERITY[d.severity], d.code, 'fluentd');
  if (d.data !== undefined) out.data = d.data;
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri: r.uri ?? uri, range: r.range }, message: r.message }));
  }
  return out;
}

/** What the editor shows for a document's findings: at most MAX_EDITOR_DIAGNOSTICS, errors first. */
export function diagnosticsForEditor(findings: Diagnostic[], uri: string): LspDiagnostic[] {
  return capForEditor(findings).map((d) => toLspDiagnostic(d, uri));
}
