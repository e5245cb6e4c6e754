// Runs the fuzz loop in a worker thread so the test can stop it when a call hangs
// (a synchronous endless loop cannot be interrupted from the same thread).
import { parentPort, workerData } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FluentdLanguageService } from '../../src/language/service';
import { validConfigs, invalidCases, acceptedButWrong } from './corpus';
import { mutate } from './mutate';
import { createRng } from './prng';

export interface FuzzJob {
  seed: number;
  iterations: number;
  /** A call slower than this is reported (a hang guard, not a speed goal). */
  boundMs: number;
}

export type FuzzMessage =
  | { type: 'start'; iteration: number; input: string; applied: string[] }
  | { type: 'failure'; iteration: number; input: string; applied: string[]; call: string; error?: string; ms?: number }
  | { type: 'done'; iterations: number; calls: number; maxMs: number; maxCall: string; diagnostics: number; elapsedMs: number };

const job = workerData as FuzzJob;
const post = (m: FuzzMessage) => parentPort!.postMessage(m);

const corpus = [...validConfigs(), ...invalidCases(), ...acceptedButWrong()].map((c) => c.text);
const rng = createRng(job.seed);
const service = new FluentdLanguageService();
let calls = 0;
let maxMs = 0;
let maxCall = '';
let diagnostics = 0;
const started = performance.now();

for (let i = 0; i < job.iterations; i++) {
  const { text, applied } = mutate(rng.pick(corpus), rng, corpus, 6);
  // the main thread learns the input before any call, so a hang can be reproduced
  post({ type: 'start', iteration: i, input: text, applied });
  const doc = TextDocument.create(`file:///fuzz/${i}.conf`, 'fluentd', 1, text);
  const positions = [0, 1, 2].map(() => ({ line: rng.int(doc.lineCount + 1), character: rng.int(120) }));
  const steps: [string, () => unknown][] = [
    ['diagnostics', () => (diagnostics += service.diagnostics(doc).length)],
    ['documentSymbols', () => service.documentSymbols(doc)],
    ['foldingRanges', () => service.foldingRanges(doc)],
    ...positions.flatMap((p): [string, () => unknown][] => [
      [`hover@${p.line}:${p.character}`, () => service.hover(doc, p)],
      [`completion@${p.line}:${p.character}`, () => service.completion(doc, p)],
      [`definition@${p.line}:${p.character}`, () => service.definition(doc, p)],
    ]),
    ['format', () => service.format(doc)],
  ];
  for (const [call, run] of steps) {
    const t0 = performance.now();
    try {
      run();
    } catch (err) {
      post({
        type: 'failure',
        iteration: i,
        input: text,
        applied,
        call,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      });
      process.exit(1);
    }
    const ms = performance.now() - t0;
    calls++;
    if (ms > maxMs) {
      maxMs = ms;
      maxCall = call;
    }
    if (ms > job.boundMs) {
      post({ type: 'failure', iteration: i, input: text, applied, call, ms });
      process.exit(1);
    }
  }
  service.forget(doc.uri);
}
post({ type: 'done', iterations: job.iterations, calls, maxMs, maxCall, diagnostics, elapsedMs: performance.now() - started });
