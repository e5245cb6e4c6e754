// The ENV cross-check: `"#{ENV['X']}"` and `ENV.fetch('X')` in a config read
// variables the container must set. Against the env of the workloads that mount the
// ConfigMap (DaemonSet, Deployment, … in the same file or next to it), a variable
// none of them sets is reported: Fluentd reads it as empty text, or — for
// ENV.fetch without a default — refuses to start with KeyError. A default
// (`ENV['X'] || 'd'`, `ENV.fetch('X', 'd')`, a block) or a condition makes it fine.
import { closingBracket } from '../includes/static-value';
import type { ParseResult } from '../parser';
import type { EmbeddedCode, Node } from '../parser/ast';
import type { Diagnostic, Position } from '../types';
import type { WorkloadInfo } from './manifests';

export interface EnvUse {
  /** The variables tried in turn (`ENV['A'] || ENV['B']`); any one set is enough. */
  names: string[];
  /** `ENV.fetch` without a default: a missing variable stops Fluentd. */
  fetch: boolean;
  /** Offset and length, in the Ruby code, of the last reference of the chain. */
  offset: number;
  length: number;
}

const REF = /ENV\s*\[\s*(['"])([A-Za-z_][A-Za-z0-9_]*)\1\s*\]|ENV\.fetch\(\s*(['"])([A-Za-z_][A-Za-z0-9_]*)\3\s*(,|\))/g;

/**
 * Variables every container has without an env entry: the pod's HOSTNAME, HOME and
 * PATH, and the service links of the API server's `kubernetes` Service
 * (KUBERNETES_SERVICE_HOST, KUBERNETES_PORT_443_TCP, …).
 */
export function injectedByKubernetes(name: string): boolean {
  return (
    name === 'HOSTNAME' ||
    name === 'HOME' ||
    name === 'PATH' ||
    /^KUBERNETES_(SERVICE_(HOST|PORT(_HTTPS)?)|PORT(_443_TCP(_(ADDR|PORT|PROTO))?)?)$/.test(name)
  );
}

/** The ENV reads of one piece of embedded Ruby that need the variable to be set. */
export function requiredEnv(code: string): EnvUse[] {
  const refs: { name: string; start: number; end: number; fetch: boolean; defaulted: boolean }[] = [];
  for (const m of code.matchAll(REF)) {
    const start = m.index!;
    let end = start + m[0].length;
    let fetch = false;
    let defaulted = false;
    if (m[4] !== undefined) {
      fetch = true;
      if (m[5] === ',') {
        defaulted = true; // ENV.fetch('X', default)
        const close = closingBracket(code, end, '(', ')');
        end = close < 0 ? code.length : close + 1;
      } else if (/^\s*(\{|do\b)/.test(code.slice(end))) defaulted = true; // ENV.fetch('X') { default }
    }
    refs.push({ name: m[2] ?? m[4], start, end, fetch, defaulted });
  }
  const out: EnvUse[] = [];
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i];
    if (r.defaulted) continue;
    const after = code.slice(r.end);
    // used with a fallback or as a condition: not required by itself
    if (/^\s*(\|\||&&|\?|\.nil\?|\.empty\?|\.to_s\.empty\?)/.test(after) || /\b(if|unless|defined\?\()\s*$/.test(code.slice(0, r.start)))
      continue;
    // the chain of `ENV[..] || ENV[..] || this`
    const names = [r.name];
    for (let j = i - 1; j >= 0 && /^\s*\|\|\s*$/.test(code.slice(refs[j].end, refs[j + 1].start)); j--) names.unshift(refs[j].name);
    out.push({ names, fetch: r.fetch, offset: r.start, length: r.end - r.start });
  }
  return out;
}

/** Where a code offset sits, given the `#{` of the embedded code. */
function positionInCode(e: EmbeddedCode, offset: number): Position {
  let { line, character } = e.range.start;
  character += 2;
  for (let i = 0; i < offset; i++) {
    if (e.code[i] === '\n') {
      line++;
      character = 0;
    } else character++;
  }
  return { line, character };
}

/** Every `#{…}` Fluentd evaluates in a parsed config (double-quoted values). */
function embeddedCode(nodes: Node[]): EmbeddedCode[] {
  const out: EmbeddedCode[] = [];
  const stack: Node[][] = [nodes];
  while (stack.length) {
    for (const n of stack.pop()!) {
      if (n.kind === 'element') stack.push(n.children);
      else if (n.kind === 'param' && n.value && n.value.style === 'double') out.push(...n.value.embedded);
    }
  }
  return out;
}

/**
 * Findings for one config against the workloads that run it; none when no
 * workload is known or one takes variables from `envFrom` (they cannot be listed).
 */
export function envDiagnostics(parsed: ParseResult, workloads: readonly WorkloadInfo[], configMap: string): Diagnostic[] {
  if (!workloads.length || workloads.some((w) => w.envFrom)) return [];
  const defined = new Set<string>();
  for (const w of workloads) for (const n of w.env) defined.add(n);
  const who = workloads.map((w) => `${w.kind} ${w.name ?? '(unnamed)'}`).join(', ');
  const out: Diagnostic[] = [];
  for (const e of embeddedCode(parsed.document.children)) {
    for (const use of requiredEnv(e.code)) {
      if (use.names.some((n) => defined.has(n) || injectedByKubernetes(n))) continue;
      const start = positionInCode(e, use.offset);
      const end = positionInCode(e, use.offset + use.length);
      const vars =
        use.names.length === 1 ? `ENV['${use.names[0]}'] is not` : `None of ${use.names.map((n) => `ENV['${n}']`).join(', ')} is`;
      out.push({
        range: { start, end },
        severity: 'warning',
        code: 'undefined-env',
        message: use.fetch
          ? `${vars} set in the env of ${who} (which mounts ConfigMap ${configMap}): ENV.fetch raises KeyError and Fluentd does not start. Add it to env, or give a default: ENV.fetch('${use.names[0]}', '…').`
          : `${vars} set in the env of ${who} (which mounts ConfigMap ${configMap}): Fluentd reads it as empty text. Add it to env, or give a default: ENV['${use.names[0]}'] || '…'.`,
        data: { names: use.names },
      });
    }
  }
  return out;
}
