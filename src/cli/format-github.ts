// Findings -> GitHub Actions workflow commands: `::error file=…,line=…::message`, which a
// workflow step prints to put annotations on the changed lines of a pull request.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import { escapeControlCharsKeepingLines } from '../language/escape-text';
import type { Severity } from '../language/types';
import type { FileResult } from './lint';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  information: 'notice',
  hint: 'notice',
};

export function formatGithub(files: readonly FileResult[]): string {
  let out = '';
  for (const f of files) {
    for (const d of f.diagnostics) {
      const props = [`file=${property(f.path)}`, `line=${d.line}`, `col=${d.column}`, `endLine=${d.endLine}`];
      // GitHub reads endColumn only for a finding on one line
      if (d.endLine === d.line) props.push(`endColumn=${d.endColumn}`);
      props.push(`title=${property(`fluentd-lint ${d.code}`)}`);
      out += `::${COMMAND[d.severity]} ${props.join(',')}::${data(`${d.message} [${d.code}]`)}\n`;
    }
  }
  return out;
}

/**
 * The message part: GitHub unescapes %25, %0D and %0A, so a message never ends the command
 * early; other control characters (from the config) are shown escaped, not sent to the log.
 */
export function data(text: string): string {
  // CR and LF are GitHub's own escapes (%0D, %0A): never raw in the log, so kept as they are
  const escaped = text.split('\r').map(escapeControlCharsKeepingLines).join('\r');
  return escaped.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value also escapes the ':' and ',' that separate properties. */
export function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
