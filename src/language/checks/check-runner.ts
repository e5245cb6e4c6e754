// Runs the checks of a document, in order, keeping what the per-node checks found about each
// top-level node: after an edit only the nodes the reparse built again are checked again
// (a node taken over from the previous parse keeps its findings, moved with it), unless the
// file-wide facts those checks read changed. The other checks (the structure check, which
// compares elements with each other, and any check given from outside) run whole each time.
// A check that throws loses its findings to one internal-error finding, never the others'.
import type { Node } from '../parser/ast';
import { moveLines, type Diagnostic } from '../types';
import type { Check, CheckContext } from './check';
import { fileFacts } from './util';
import { Memo } from '../memo';

interface NodeFindings {
  /** fileFacts when these were found. */
  facts: string;
  /** The node's first line then: an edit above moves its findings by whole lines. */
  line: number;
  /** Per per-node check, in order: the findings, or the error it threw. */
  found: (Diagnostic[] | { error: unknown })[];
}

export class CheckRunner {
  private readonly perNode: readonly Check[];
  private readonly known = new Memo<Node, NodeFindings>('node findings');

  constructor(
    private readonly checks: readonly Check[],
    /** Which of them report about each top-level node on its own (they honour CheckContext.scope). */
    perNode: ReadonlySet<Check>,
  ) {
    this.perNode = checks.filter((c) => perNode.has(c));
  }

  run(ctx: CheckContext): Diagnostic[] {
    const nodes = ctx.parsed.document.children;
    const byNode = this.perNode.length ? this.nodeFindings(ctx, nodes) : [];
    // as one run over the file reports them: the top-level parameters first, then the elements
    const order: NodeFindings[] = [];
    for (let i = 0; i < nodes.length; i++) if (nodes[i].kind === 'param') order.push(byNode[i]);
    for (let i = 0; i < nodes.length; i++) if (nodes[i].kind !== 'param') order.push(byNode[i]);
    const out: Diagnostic[] = [];
    for (const check of this.checks) {
      const k = this.perNode.indexOf(check);
      if (k < 0) {
        try {
          for (const d of check(ctx)) out.push(d);
        } catch (err) {
          out.push(internalError(err));
        }
        continue;
      }
      const failed = byNode.find((f) => !Array.isArray(f.found[k]))?.found[k];
      if (failed) {
        out.push(internalError((failed as { error: unknown }).error));
        continue;
      }
      for (const f of order) {
        const found = f.found[k] as Diagnostic[];
        for (let j = 0; j < found.length; j++) out.push(found[j]);
      }
    }
    return out;
  }

  /** What the per-node checks found about each top-level node: kept, moved, or found now. */
  private nodeFindings(ctx: CheckContext, nodes: readonly Node[]): NodeFindings[] {
    const facts = fileFacts(ctx);
    const idx = ctx.parsed.lineIndex;
    return nodes.map((node) => {
      const line = idx.positionAt(node.start).line;
      const kept = this.known.get(node);
      if (kept && kept.facts === facts) {
        if (kept.line !== line) {
          const by = line - kept.line;
          kept.found = kept.found.map((f) => (Array.isArray(f) ? f.map((d) => moveLines(d, by)) : f));
          kept.line = line;
        }
        return kept;
      }
      const scoped: CheckContext = { ...ctx, scope: [node] };
      const found = this.perNode.map((check) => {
        try {
          return check(scoped);
        } catch (error) {
          return { error };
        }
      });
      const entry = { facts, line, found };
      this.known.set(node, entry);
      return entry;
    });
  }
}

/** What a check (or the whole-config analysis) that threw leaves: a note to report it. */
export function internalError(err: unknown): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 'information',
    code: 'internal-error',
    message: `A check failed on this file (please report): ${err instanceof Error ? err.message : String(err)}`,
  };
}
