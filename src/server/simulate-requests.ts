// LSP plumbing for the simulator's editor features: custom requests answered with the language
// service's whole-config context of the document (open editors' text wins over the disk).
// Each handler is guarded like the others in server.ts: a bug answers with an error message,
// it never takes the server down.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FluentdLanguageService } from '../language/service';
import { isYamlDocument } from '../language/yaml/config-map-documents';
import { simulationEnvironment } from '../language/simulate/environment';
import { runPlayground } from '../language/simulate/playground/playground';
import { isConfigTestPath } from '../language/config-tests';
import {
  DISCOVER_TESTS_REQUEST,
  RUN_TESTS_REQUEST,
  type DiscoverTestsResult,
  type RunTestsParams,
  type RunTestsResult,
  type TestFileParams,
} from '../language/config-tests/protocol';
import { buildSimulation } from '../language/simulate/route/build';
import { TRACE_EVENT_REQUEST, type TraceEventParams, type TraceEventResult } from '../language/simulate/trace/protocol';
import { traceCloudWatchEvent } from '../language/simulate/trace/trace-event';
import { PLAYGROUND_REQUEST, type PlaygroundParams, type PlaygroundResult } from '../language/simulate/playground/protocol';

function failure(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

export function registerSimulateRequests(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  serviceOf: () => FluentdLanguageService,
): void {
  /**
   * The service, with every open fluent.conf parsed at its current version: a simulation reads
   * the included files as the editor holds them, and a request can come before the debounced
   * check of an edit has parsed it.
   */
  const service = (): FluentdLanguageService => {
    const s = serviceOf();
    for (const d of documents.all()) if (d.languageId === 'fluentd') s.fluentConf.parse(d);
    return s;
  };
  connection.onRequest(PLAYGROUND_REQUEST, (p: PlaygroundParams): PlaygroundResult => {
    const lines = Array.isArray(p?.lines) ? p.lines.filter((l): l is string => typeof l === 'string') : [];
    const doc = p?.textDocument?.uri ? documents.get(p.textDocument.uri) : undefined;
    if (!doc) return { error: 'The config is not open in the editor.', warnings: [], lines: [], elapsedMs: 0 };
    try {
      if (isYamlDocument(doc)) {
        const hit = service().configMap.simulationContext(doc, p.position);
        if (typeof hit === 'string') return { error: hit, warnings: [], lines: [], elapsedMs: 0 };
        const { context, pos, toYaml } = hit;
        return toYaml(runPlayground({ tree: context.tree, self: context.self }, { ...p, position: pos!, lines }, simulationEnvironment(p)));
      }
      const ctx = service().fluentConf.context(doc);
      if (!ctx) return { error: 'The config could not be read with its includes.', warnings: [], lines: [], elapsedMs: 0 };
      return runPlayground({ tree: ctx.tree, self: ctx.self }, { ...p, lines }, simulationEnvironment(p));
    } catch (err) {
      connection.console.error(`playground failed: ${failure(err)}`);
      return {
        error: `The simulator failed on this input (please report): ${err instanceof Error ? err.message : String(err)}`,
        warnings: [],
        lines: [],
        elapsedMs: 0,
      };
    }
  });

  connection.onRequest(TRACE_EVENT_REQUEST, (p: TraceEventParams): TraceEventResult => {
    const started = performance.now();
    const fail = (error: string): TraceEventResult => ({ error, notes: [], candidates: [], elapsedMs: performance.now() - started });
    const ev = p?.event;
    if (
      !ev ||
      typeof ev.logGroupName !== 'string' ||
      typeof ev.logStreamName !== 'string' ||
      typeof ev.message !== 'string' ||
      typeof ev.timestamp !== 'number'
    )
      return fail('No CloudWatch event was given.');
    const doc = p.textDocument?.uri ? documents.get(p.textDocument.uri) : undefined;
    if (!doc) return fail('The config is not open in the editor.');
    try {
      if (isYamlDocument(doc)) {
        const hit = service().configMap.simulationContext(doc);
        if (typeof hit === 'string') return fail(hit);
        const sim = buildSimulation(hit.context.tree, { env: simulationEnvironment(p) });
        return hit.toYaml({ ...traceCloudWatchEvent(sim, ev), elapsedMs: performance.now() - started });
      }
      const ctx = service().fluentConf.context(doc);
      if (!ctx) return fail('The config could not be read with its includes.');
      const sim = buildSimulation(ctx.tree, { env: simulationEnvironment(p) });
      return { ...traceCloudWatchEvent(sim, ev), elapsedMs: performance.now() - started };
    } catch (err) {
      connection.console.error(`trace failed: ${failure(err)}`);
      return fail(`The simulator failed on this event (please report): ${err instanceof Error ? err.message : String(err)}`);
    }
  });

  const testFile = (p: TestFileParams): { uri: string; text: string } | string => {
    if (typeof p?.uri !== 'string' || !isConfigTestPath(p.uri)) return 'not a config test file (*.fluent-test.yaml)';
    const text = typeof p.text === 'string' ? p.text : documents.get(p.uri)?.getText();
    return text === undefined ? 'the test file is not open and its text was not sent' : { uri: p.uri, text };
  };
  const unusable = (message: string) => [
    {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 'error' as const,
      code: 'test-unusable',
      message,
    },
  ];

  connection.onRequest(DISCOVER_TESTS_REQUEST, (p: TestFileParams): DiscoverTestsResult => {
    const f = testFile(p);
    if (typeof f === 'string') return { tests: [], problems: unusable(f) };
    try {
      return service().configTests.tests.discover(f.uri, f.text);
    } catch (err) {
      connection.console.error(`discovering tests failed: ${failure(err)}`);
      return { tests: [], problems: unusable(`Reading the tests failed (please report): ${(err as Error).message}`) };
    }
  });

  connection.onRequest(RUN_TESTS_REQUEST, (p: RunTestsParams): RunTestsResult => {
    const f = testFile(p);
    if (typeof f === 'string') return { problems: unusable(f), results: [] };
    const only = Array.isArray(p.only) ? new Set(p.only.filter((n) => Number.isInteger(n))) : undefined;
    try {
      return service().configTests.tests.run(f.uri, f.text, only ? { only } : {});
    } catch (err) {
      connection.console.error(`running tests failed: ${failure(err)}`);
      return { problems: unusable(`Running the tests failed (please report): ${(err as Error).message}`), results: [] };
    }
  });
}
