// Editor latency on the ~10,000-line config built from the shared corpus:
//   completion_p95_ms            completion at realistic cursor positions (keys, @type
//                                values, <match> arguments, element names, buffer
//                                chunk keys) on a version already parsed — goal ≤ 5 ms
//   completion_after_edit_p95_ms the same right after a one-character edit, so the
//                                new version's parse is included (what a request
//                                typed before the debounced check pays)
//   edit_to_diagnostics_p95_ms   a one-character edit applied incrementally, then
//                                service.validate of the new version — goal ≤ 30 ms
//                                (wall clock); for reference its median and the p95 of the
//                                process's CPU time per edit (GC helper threads included),
//                                which a loaded shared machine does not stretch
//   hover_p95_ms, format_10k_ms  for reference (format: a whole re-indent of the file)
// Run by bench/bench.ts; `node --import tsx bench/editor.ts` runs it alone.
//
// The language service is measured as it ships: bundled by esbuild like
// dist/server.js (run through tsx every module export is a getter call, which says
// more about the loader than about the service).
import type { TextDocument as TextDocumentType } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import type { FluentdLanguageService as Service } from '../src/language/service';
import { corpus10k } from './corpus10k';
import { bundled, median, round, time } from './util';

interface Bundle {
  FluentdLanguageService: typeof Service;
  TextDocument: typeof TextDocumentType;
}

/** The language service and TextDocument, bundled as the server bundles them. */
const bundledService = () =>
  bundled<Bundle>('editor', [
    "export { FluentdLanguageService } from './src/language/service';",
    "export { TextDocument } from 'vscode-languageserver-textdocument';",
  ]);

let TextDocument: typeof TextDocumentType;
type TextDocument = TextDocumentType;

const URI = 'file:///bench/fluent-10k.conf';

function p95(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return round(s[Math.max(0, Math.ceil(s.length * 0.95) - 1)]);
}

/** Cursor positions of the kinds completion serves, spread over the whole file. */
function cursorPositions(doc: TextDocument, max: number): Position[] {
  const lines = doc.getText().split('\n');
  const found: Position[] = [];
  lines.forEach((raw, line) => {
    const text = raw.replace(/\r$/, '');
    let m: RegExpExecArray | null;
    if (/^(\s*)(@type|type)\s+\S+/.test(text))
      found.push({ line, character: text.length }); // @type value
    else if ((m = /^(\s*)<(match|filter)\s+/.exec(text)))
      found.push({ line, character: m[0].length }); // tag pattern
    else if ((m = /^(\s*)<buffer\s+/.exec(text)))
      found.push({ line, character: m[0].length }); // chunk key
    else if ((m = /^(\s*)<\w/.exec(text)))
      found.push({ line, character: m[1].length + 1 }); // element name
    else if ((m = /^(\s*)\w+\s+\S/.exec(text))) found.push({ line, character: m[1].length }); // key
  });
  const step = Math.max(1, Math.floor(found.length / max));
  return found.filter((_, i) => i % step === 0).slice(0, max);
}

/** Lines holding a parameter with a value: where typing usually happens. */
function paramLines(doc: TextDocument, max: number): number[] {
  const out: number[] = [];
  doc
    .getText()
    .split('\n')
    .forEach((t, line) => {
      if (/^\s*[a-z]\w*\s+\w/.test(t) && !/["'[{\\]/.test(t)) out.push(line);
    });
  const step = Math.max(1, Math.floor(out.length / max));
  return out.filter((_, i) => i % step === 0).slice(0, max);
}

/** The end of a line (before its line ending). */
function lineEnd(doc: TextDocument, line: number): Position {
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return { line, character: text.replace(/\r?\n$/, '').length };
}

/** A one-character edit: a character typed at the end of a parameter's value (the document is updated in place). */
function typeAt(doc: TextDocument, at: Position, ch: string): TextDocument {
  return TextDocument.update(doc, [{ range: { start: at, end: at }, text: ch }], doc.version + 1);
}

export async function benchEditor(): Promise<Record<string, number>> {
  const bundle = await bundledService();
  TextDocument = bundle.TextDocument;
  const text = corpus10k();
  const service = new bundle.FluentdLanguageService();
  let doc = TextDocument.create(URI, 'fluentd', 1, text);
  service.validate(doc); // parse, checks and catalogue loaded once (the server's first check on open)

  const positions = cursorPositions(doc, 400);
  // warm-up: the server is a long-running process, its code is optimised by the time one types
  for (let round = 0; round < 2; round++) for (const p of positions) service.completion(doc, p);
  const completion = positions.map((p) => time(() => service.completion(doc, p)));
  const hover = positions.map((p) => time(() => service.hover(doc, { line: p.line, character: p.character + 1 })));

  // typing: a character at the end of a value, then completion there at once (the
  // new version is not parsed yet; the last check's parse is older)
  const afterEdit: number[] = [];
  for (const line of paramLines(doc, 200)) {
    doc = typeAt(doc, lineEnd(doc, line), 'x');
    afterEdit.push(time(() => service.completion(doc, lineEnd(doc, line))));
  }
  // the next keystroke through to the diagnostics of that version
  const toDiagnostics: number[] = [];
  const toDiagnosticsCpu: number[] = [];
  for (const line of paramLines(doc, 40)) {
    const t = performance.now();
    const c = process.cpuUsage();
    doc = typeAt(doc, lineEnd(doc, line), 's');
    service.validate(doc);
    toDiagnostics.push(performance.now() - t);
    const cpu = process.cpuUsage(c);
    toDiagnosticsCpu.push((cpu.user + cpu.system) / 1000);
  }
  // formatting a fresh version: parse, layout and the re-parse that proves the tree
  // unchanged; median of 5 after a warm-up
  const indented = text.replace(/^ {2}(?=\S)/gm, '    ');
  const formats: number[] = [];
  for (let i = 0; i < 6; i++) {
    const fresh = TextDocument.create(URI, 'fluentd', doc.version + 10 + i, indented);
    const ms = time(() => service.format(fresh));
    if (i) formats.push(ms);
  }
  const format = median(formats);
  return {
    completion_p95_ms: p95(completion),
    completion_after_edit_p95_ms: p95(afterEdit),
    edit_to_diagnostics_p95_ms: p95(toDiagnostics),
    edit_to_diagnostics_median_ms: round(median(toDiagnostics)),
    edit_to_diagnostics_cpu_p95_ms: p95(toDiagnosticsCpu),
    hover_p95_ms: p95(hover),
    format_10k_ms: round(format),
  };
}

// run alone: node --import tsx bench/editor.ts
if (process.argv[1] && /bench[\\/]editor\.ts$/.test(process.argv[1])) {
  void benchEditor().then((r) => console.log(JSON.stringify(r, null, 2)));
}
