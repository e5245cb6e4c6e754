// The simulator's LSP requests over a real connection: "Try log lines…" lenses and
// fluentd/simulate/playground on a config with includes (the open editor's unsaved text wins),
// fluentd/simulate/traceEvent, and config test files (diagnostics published for them, completion,
// discovery and runs for the Test Explorer), re-checked when their config changes.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CodeLensRequest,
  CompletionRequest,
  DidOpenTextDocumentNotification,
  ShutdownRequest,
  type CompletionList,
} from 'vscode-languageserver/node';
import type { DiscoverTestsResult, RunTestsResult } from '../../src/language/config-tests/protocol';
import type { PlaygroundResult } from '../../src/language/simulate/playground/protocol';
import type { TraceEventResult } from '../../src/language/simulate/trace/protocol';
import { TestConnection } from './test-connection';
import { appSource } from '../helpers/app-source';

const ROOT = `${appSource()}@include out.conf
`;
const OUT = `<match app.**>
  @type cloudwatch_logs
  @id out_cw
  log_group_name "#{ENV['GROUP']}"
  use_tag_as_stream true
</match>
`;
const TESTS = `config: fluent.conf
env: { GROUP: /g }
tests:
  - name: info reaches the group
    input: { source: in_app, path: /var/log/app/web.log, lines: [INFO hi] }
    expect:
      - output: out_cw
        fields: { msg: hi }
        destination: { log_group: /g, log_stream: app.var.log.app.web.log }
  - name: wrong on purpose
    input: { source: in_app, lines: [INFO hi] }
    expect: [{ output: out_cw, fields: { msg: bye } }]
`;

describe('simulator requests over LSP', () => {
  let conn: TestConnection;
  let dir: string;
  const uri = (p: string) => pathToFileURL(join(dir, p)).href;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fluentd-lsp-sim-'));
    mkdirSync(join(dir, 'tests'));
    writeFileSync(join(dir, 'fluent.conf'), ROOT);
    writeFileSync(join(dir, 'out.conf'), OUT);
    writeFileSync(join(dir, 'tests', 'a.fluent-test.yaml'), TESTS.replace('config: fluent.conf', 'config: ../fluent.conf'));
    conn = new TestConnection();
    await conn.initialize();
  });
  after(async () => {
    // the server's debounced checks of the edits above stop before the connection goes
    await conn.client.sendRequest(ShutdownRequest.type);
    conn.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a "Try log lines…" lens on each <source> and <parse>, beside the route lens', async () => {
    await conn.open(uri('fluent.conf'), ROOT);
    const lenses = (await conn.client.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri('fluent.conf') } })) ?? [];
    const tries = lenses.filter((l) => l.command?.command === 'fluentd.tryLogLines');
    assert.deepEqual(
      tries.map((l) => [l.range.start.line, l.command!.title]),
      [
        [0, 'Try log lines…'],
        [5, 'Try log lines…'],
      ],
    );
    assert.ok(lenses.some((l) => l.command?.command === 'fluentd.showEventRoute'));
  });

  it("fluentd/simulate/playground: lines parsed and routed through the included match, with the settings' ENV; unsaved edits count", async () => {
    const r = (await conn.client.sendRequest('fluentd/simulate/playground', {
      textDocument: { uri: uri('fluent.conf') },
      position: { line: 6, character: 4 },
      lines: ['WARN disk', 'nope'],
      path: '/var/log/app/db.log',
      env: { GROUP: '/from/settings' },
    })) as PlaygroundResult;
    assert.equal(r.error, undefined);
    assert.deepEqual(
      r.lines.map((l) => l.kind),
      ['record', 'nomatch'],
    );
    assert.match(r.lines[1].why ?? '', /./);
    const deliver = r.route!.events[0].rows.find((x) => x.kind === 'deliver')!;
    assert.match(deliver.detail!, /log group \/from\/settings, stream app\.var\.log\.app\.db\.log/);
    assert.ok(deliver.location!.uri.endsWith('/out.conf'));
    // the included file open with unsaved text: the playground sees it
    await conn.open(uri('out.conf'), OUT.replace('use_tag_as_stream true', 'log_stream_name edited'));
    const edited = (await conn.client.sendRequest('fluentd/simulate/playground', {
      textDocument: { uri: uri('fluent.conf') },
      position: { line: 1, character: 2 },
      lines: ['INFO x'],
    })) as PlaygroundResult;
    assert.match(edited.route!.events[0].rows.find((x) => x.kind === 'deliver')!.detail!, /stream edited/);
    const notOpen = (await conn.client.sendRequest('fluentd/simulate/playground', {
      textDocument: { uri: uri('nope.conf') },
      position: { line: 0, character: 0 },
      lines: ['x'],
    })) as PlaygroundResult;
    assert.equal(notOpen.error, 'The config is not open in the editor.');
  });

  it('fluentd/simulate/traceEvent: the source a CloudWatch event came from', async () => {
    await conn.change(uri('out.conf'), 2, OUT); // back to tag-named streams
    const r = (await conn.client.sendRequest('fluentd/simulate/traceEvent', {
      textDocument: { uri: uri('fluent.conf') },
      event: {
        logGroupName: '/g',
        logStreamName: 'app.var.log.app.web.log',
        timestamp: 1709633472000,
        message: '{"level":"INFO","msg":"x"}',
      },
      env: { GROUP: '/g' },
    })) as TraceEventResult;
    assert.equal(r.error, undefined);
    assert.deepEqual(
      r.candidates.map((c) => [c.source.title, c.path, c.confirmed]),
      [['<source> @type tail (@id in_app)', '/var/log/app/web.log', true]],
    );
    const bad = (await conn.client.sendRequest('fluentd/simulate/traceEvent', {
      textDocument: { uri: uri('fluent.conf') },
    })) as TraceEventResult;
    assert.equal(bad.error, 'No CloudWatch event was given.');
  });

  it('a ConfigMap YAML: lenses at the YAML lines, playground and traceEvent through its keys, locations mapped back', async () => {
    const indent = (t: string) =>
      t
        .split('\n')
        .map((l) => (l ? `    ${l}` : l))
        .join('\n');
    const yaml = `apiVersion: v1
kind: ConfigMap
metadata:
  name: fluentd-config
data:
  fluent.conf: |
${indent(ROOT)}
  out.conf: |
${indent(OUT)}`;
    const yamlUri = uri('configmap.yaml');
    await conn.client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: yamlUri, languageId: 'yaml', version: 1, text: yaml },
    });
    const lenses = (await conn.client.sendRequest(CodeLensRequest.type, { textDocument: { uri: yamlUri } })) ?? [];
    const tries = lenses.filter((l) => l.command?.command === 'fluentd.tryLogLines');
    // <source> on the key's first line (YAML line 6), <parse> five lines below
    assert.deepEqual(
      tries.map((l) => [l.range.start.line, l.command!.arguments?.[0]]),
      [
        [6, yamlUri],
        [11, yamlUri],
      ],
    );
    const r = (await conn.client.sendRequest('fluentd/simulate/playground', {
      textDocument: { uri: yamlUri },
      position: tries[1].command!.arguments![1],
      lines: ['WARN disk', 'nope'],
      path: '/var/log/app/db.log',
      env: { GROUP: '/cm' },
    })) as PlaygroundResult;
    assert.equal(r.error, undefined);
    assert.deepEqual(
      r.lines.map((l) => l.kind),
      ['record', 'nomatch'],
    );
    assert.equal(r.target?.uri, yamlUri);
    // the <parse> of an in_tail source tries the whole source: its <source> line in the YAML
    assert.equal(r.target?.range.start.line, 6);
    const deliver = r.route!.events[0].rows.find((x) => x.kind === 'deliver')!;
    assert.match(deliver.detail!, /log group \/cm, stream app\.var\.log\.app\.db\.log/);
    // the match is in the out.conf key: its location is the YAML file, at that key's line
    assert.deepEqual(
      [deliver.location!.uri, deliver.location!.range.start.line],
      [yamlUri, yaml.split('\n').indexOf('    <match app.**>')],
    );
    const outside = (await conn.client.sendRequest('fluentd/simulate/playground', {
      textDocument: { uri: yamlUri },
      position: { line: 1, character: 0 },
      lines: ['x'],
    })) as PlaygroundResult;
    assert.equal(outside.error, 'Put the cursor inside a .conf key of the ConfigMap.');
    const t = (await conn.client.sendRequest('fluentd/simulate/traceEvent', {
      textDocument: { uri: yamlUri },
      event: {
        logGroupName: '/cm',
        logStreamName: 'app.var.log.app.web.log',
        timestamp: 1709633472000,
        message: '{"level":"INFO","msg":"x"}',
      },
      env: { GROUP: '/cm' },
    })) as TraceEventResult;
    assert.equal(t.error, undefined);
    assert.deepEqual(
      t.candidates.map((c) => [c.source.title, c.source.uri, c.source.range.start.line, c.confirmed]),
      [['<source> @type tail (@id in_app)', yamlUri, 6, true]],
    );
  });

  it("config test files: diagnostics published, completion of the config's names, discovery and runs", async () => {
    const testUri = uri('tests/a.fluent-test.yaml');
    const text = TESTS.replace('config: fluent.conf', 'config: ../fluent.conf').replace('source: in_app, lines', 'source: in_nope, lines');
    const published = conn.nextDiagnostics(testUri);
    await conn.client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: testUri, languageId: 'yaml', version: 1, text },
    });
    const d = await published;
    assert.deepEqual(
      d.diagnostics.map((x) => [x.code, x.range.start.line]),
      [['test-unknown-source', 10]],
    );
    const list = (await conn.client.sendRequest(CompletionRequest.type, {
      textDocument: { uri: testUri },
      position: { line: 4, character: 22 },
    })) as CompletionList;
    assert.deepEqual(
      list.items.map((i) => i.label),
      ['in_app'],
    );
    const found = (await conn.client.sendRequest('fluentd/configTests/discover', { uri: testUri, text })) as DiscoverTestsResult;
    assert.deepEqual(
      found.tests.map((t) => [t.name, t.range.start.line]),
      [
        ['info reaches the group', 3],
        ['wrong on purpose', 9],
      ],
    );
    const run = (await conn.client.sendRequest('fluentd/configTests/run', {
      uri: testUri,
      text: TESTS.replace('config: fluent.conf', 'config: ../fluent.conf'),
    })) as RunTestsResult;
    assert.deepEqual(run.problems, []);
    assert.deepEqual(
      run.results.map((r) => r.status),
      ['passed', 'failed'],
    );
    assert.match(run.results[1].failures[0].message, /field msg is "hi", not "bye"/);
    const one = (await conn.client.sendRequest('fluentd/configTests/run', {
      uri: testUri,
      text: TESTS.replace('config: fluent.conf', 'config: ../fluent.conf'),
      only: [1],
    })) as RunTestsResult;
    assert.deepEqual(
      one.results.map((r) => r.index),
      [1],
    );
    const notATest = (await conn.client.sendRequest('fluentd/configTests/run', { uri: uri('fluent.conf'), text: '' })) as RunTestsResult;
    assert.match(notATest.problems[0].message, /not a config test file/);
  });
});
