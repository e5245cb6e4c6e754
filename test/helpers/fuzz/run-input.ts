// One fuzz input through the whole language service (every request the server answers)
// and through fluentd-lint's run(), each call timed in wall-clock and CPU time. A call
// that throws, a check that failed inside the service (an internal-error finding) or a
// CLI exit status other than 0, 1 or 2 is a failure.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CliIo } from '../../../src/cli/run';
import type { FluentdLanguageService } from '../../../src/language/service';
import { writeTree, type FuzzInput } from './inputs';
import { createRng, type Rng } from '../prng';

export interface CallTime {
  call: string;
  wallMs: number;
  /** Process CPU time: every thread, V8's background GC helpers included. */
  cpuMs: number;
  /** Main-thread CPU time (undefined on a Node without process.threadCpuUsage, before 23.9). */
  threadCpuMs?: number;
}

/** The main thread's CPU time so far, in µs; undefined where Node cannot tell. */
const threadCpuUsage = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage;
function threadCpuMicros(): number | undefined {
  if (!threadCpuUsage) return undefined;
  const u = threadCpuUsage.call(process);
  return u.user + u.system;
}

export interface Outcome {
  calls: CallTime[];
  failure?: { call: string; error: string };
}

export interface RunContext {
  service: FluentdLanguageService;
  run: (argv: readonly string[], io: CliIo) => Promise<number>;
  /** A folder for this input's files (created and removed here). */
  dir: string;
  /** A FIFO the tree inputs link to. */
  fifo: string;
  seed: number;
}

class Failure extends Error {}

async function timed<T>(out: CallTime[], call: string, fn: () => T | Promise<T>): Promise<T> {
  const c = process.cpuUsage();
  const th = threadCpuMicros();
  const t = performance.now();
  let v: T;
  try {
    v = await fn();
  } catch (err) {
    throw new Failure(`${call}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
  const wallMs = performance.now() - t;
  const cpu = process.cpuUsage(c);
  const thEnd = threadCpuMicros();
  const threadCpuMs = th === undefined || thEnd === undefined ? undefined : (thEnd - th) / 1000;
  out.push({ call, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, threadCpuMs });
  return v;
}

async function documentCalls(out: CallTime[], service: FluentdLanguageService, doc: TextDocument, rng: Rng): Promise<void> {
  const name = doc.uri.slice(doc.uri.lastIndexOf('/') + 1);
  const diags = await timed(out, `validate ${name}`, () => service.validate(doc));
  const broken = diags.find((d) => d.code === 'internal-error');
  if (broken) throw new Failure(`validate ${name}: a check failed: ${broken.message}`);
  await timed(out, `documentSymbols ${name}`, () => service.documentSymbols(doc));
  await timed(out, `foldingRanges ${name}`, () => service.foldingRanges(doc));
  await timed(out, `documentLinks ${name}`, () => service.documentLinks(doc));
  await timed(out, `codeLenses ${name}`, () => service.codeLenses(doc));
  await timed(out, `format ${name}`, () => service.format(doc, { tabSize: 2, insertSpaces: true }));
  for (let k = 0; k < 2; k++) {
    const pos = { line: rng.int(doc.lineCount + 1), character: rng.int(80) };
    const at = `${name}@${pos.line}:${pos.character}`;
    await timed(out, `hover ${at}`, () => service.hover(doc, pos));
    await timed(out, `completion ${at}`, () => service.completion(doc, pos));
    await timed(out, `definition ${at}`, () => service.definition(doc, pos));
    await timed(out, `eventRoutes ${at}`, () => service.eventRoutes(doc, pos));
  }
  const d = diags.slice(0, 3);
  if (d.length) await timed(out, `codeActions ${name}`, () => service.codeActions(doc, d[0].range, d));
}

function io(stdin: Uint8Array, cwd: string): { io: CliIo; stderr: () => string } {
  let err = '';
  return {
    io: {
      stdout: () => undefined,
      stderr: (t) => void (err += t),
      readStdin: async () => stdin,
      stdoutIsTTY: false,
      stderrIsTTY: false,
      env: {},
      cwd,
    },
    stderr: () => err,
  };
}

async function cli(out: CallTime[], ctx: RunContext, argv: string[], stdin = new Uint8Array()): Promise<void> {
  const r = io(stdin, ctx.dir);
  const code = await timed(out, `cli ${argv.join(' ').replace(ctx.dir, '.')}`, () => ctx.run(argv, r.io));
  if (code !== 0 && code !== 1 && code !== 2) throw new Failure(`cli ${argv.join(' ')}: exit ${code}`);
  if (/internal error/.test(r.stderr())) throw new Failure(`cli ${argv.join(' ')}: ${r.stderr().slice(0, 2000)}`);
}

/** Runs one input; every call's time is in `calls`, the first failure stops it. */
export async function runInput(input: FuzzInput, index: number, ctx: RunContext): Promise<Outcome> {
  const calls: CallTime[] = [];
  const rng = createRng((ctx.seed ^ (index * 2654435761)) >>> 0);
  const { service } = ctx;
  const opened: string[] = [];
  mkdirSync(ctx.dir, { recursive: true });
  try {
    if (input.kind === 'conf' || input.kind === 'yaml') {
      const file = join(ctx.dir, input.kind === 'conf' ? 'fluent.conf' : 'fluentd-configmap.yaml');
      const uri = pathToFileURL(file).href;
      opened.push(uri);
      // open but never saved: the editor's text, no file behind it
      await documentCalls(calls, service, TextDocument.create(uri, input.kind === 'conf' ? 'fluentd' : 'yaml', 1, input.text), rng);
      if (input.kind === 'conf') await cli(calls, ctx, ['-'], new TextEncoder().encode(input.text));
      else {
        writeFileSync(file, input.text);
        await cli(calls, ctx, ['--format', 'json', file]);
      }
    } else {
      writeTree(ctx.dir, input.files, ctx.fifo);
      for (const rel of input.open) {
        const file = join(ctx.dir, rel);
        const entry = input.files.find((f) => f.path === rel);
        const text = entry && 'text' in entry ? entry.text : '';
        const uri = pathToFileURL(file).href;
        opened.push(uri);
        await documentCalls(calls, service, TextDocument.create(uri, 'fluentd', 1, text), rng);
      }
      // one file per call, like one request of the server; and a folder search where the folder holds one or two configs
      for (const rel of input.open) await cli(calls, ctx, [join(ctx.dir, rel)]);
      const dir = ['conf.d', 'k8s', 'conf.d/sub'].find(
        (d) => input.files.filter((f) => 'text' in f && f.path.startsWith(`${d}/`)).length <= 2,
      );
      if (dir) await cli(calls, ctx, [join(ctx.dir, dir)]);
    }
    return { calls };
  } catch (err) {
    if (err instanceof Failure) return { calls, failure: { call: err.message.split(':')[0], error: err.message } };
    throw err;
  } finally {
    for (const uri of opened) service.forget(uri);
    rmSync(ctx.dir, { recursive: true, force: true });
  }
}
