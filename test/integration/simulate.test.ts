/// <reference types="mocha" />
// The simulator in a real VS Code: "Try log lines…" (the code lens, the playground webview drawing
// per-line results and the route), "Trace this event" on a CloudWatch stream history line (moto,
// seeded by the runner), and config tests in the Test Explorer. The webview reports the text it
// drew (its own DOM's innerText) through the extension's test seam; screenshots of each.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, waitFor, workspaceFile } from './helpers';
import { screenshot } from './screenshot';

const STATE = 'fluentd.simulate.testing.state';
const CW_STATE = 'fluentd.cloudwatch.testing.state';

interface SimState {
  playground: { rendered: string; lines: string; open: boolean; result?: { lines: { kind: string }[] } };
  trace: { rendered: string; result?: { candidates: { confirmed: boolean; source: { title: string } }[] } };
  tests: { lastRun: { id: string; status: string; message?: string }[]; files: { id: string; label: string; children: string[] }[] };
}

const state = (args?: { lines?: string }) => vscode.commands.executeCommand<SimState>(STATE, args ?? {});

async function openConfig(): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile('simulate', 'fluent.conf'));
  return vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
}

describe('simulator: Try log lines…', function () {
  this.timeout(120_000);

  it('a code lens on the <source> opens the playground; lines are parsed and routed, and it re-runs on edits', async () => {
    await extension().activate();
    const editor = await openConfig();
    // the lens comes from the language server (which starts in the background)
    const lens = await waitFor(
      'the "Try log lines…" code lens',
      async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
        return lenses?.find((l) => l.command?.command === 'fluentd.tryLogLines' && l.range.start.line === 2);
      },
      60_000,
    );
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    await state({
      lines: [
        '2024-03-05T10:11:12.123456789Z stdout F GET /healthz 200',
        '2024-03-05T10:11:13.5Z stderr F connection refused',
        'not a container line',
      ].join('\n'),
    });
    const drawn = await waitFor(
      'the playground to draw three lines and their routes',
      async () => {
        const s = await state();
        return s.playground.result?.lines.length === 3 && /Event 3/.test(s.playground.rendered) && s.playground.rendered;
      },
      60_000,
    );
    assert.match(drawn, /time 2024-03-05T10:11:12\.123456789Z/);
    assert.match(drawn, /"log": "GET \/healthz 200"/);
    assert.match(drawn, /pattern not matched/);
    assert.match(drawn, /matched by <match kubernetes\.\*\*> @type cloudwatch_logs/);
    assert.match(drawn, /CloudWatch Logs: log group \/eks\/integration\/containers, stream kubernetes\.var\.log\.containers\./);
    await screenshot('simulate-playground');

    // an edit to the config (the filter's value) re-runs the playground
    await editor.edit((b) => {
      const line = editor.document
        .getText()
        .split('\n')
        .findIndex((l) => l.includes('cluster integration'));
      b.replace(new vscode.Range(line, 0, line, editor.document.lineAt(line).text.length), '    cluster edited-in-place');
    });
    await waitFor(
      'the playground to show the edited filter',
      async () => /"cluster": "edited-in-place"/.test((await state()).playground.rendered),
      30_000,
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});

describe('simulator: Trace this event', function () {
  this.timeout(180_000);

  it('traces an event of a CloudWatch stream history back to its source, filter and match', async function () {
    const raw = process.env.VSCODE_FLUENTD_TEST_MOTO;
    if (!raw)
      throw new Error(`no moto for this run: ${process.env.VSCODE_FLUENTD_TEST_MOTO_ERROR ?? 'VSCODE_FLUENTD_TEST_MOTO is not set'}`);
    const seeded = JSON.parse(raw) as { containerStreams: { group: string; stream: string }[] };
    const target = seeded.containerStreams.find((s) => s.stream.startsWith('kubernetes.var.log.containers.'));
    assert.ok(target, 'the seeded streams include a tag-named one');
    await openConfig(); // the config the trace runs through: the last one in front of the user
    await vscode.commands.executeCommand(CW_STATE, []); // loads the CloudWatch part (the history documents)
    const uri = await vscode.commands.executeCommand<vscode.Uri>('fluentd.cloudwatch.openHistory', {
      kind: 'stream',
      group: { logGroupName: target.group },
      stream: { logStreamName: target.stream },
    });
    assert.ok(uri, 'the history document opened');
    const doc = await waitFor('the history to load', () => {
      const d = vscode.workspace.textDocuments.find((x) => x.uri.toString() === uri.toString());
      return d && d.lineCount > 2 && d;
    });
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await vscode.commands.executeCommand('fluentd.traceEvent');
    const drawn = await waitFor(
      'the trace panel',
      async () => {
        const s = await state();
        return s.trace.result && /produces this event/.test(s.trace.rendered) && s.trace;
      },
      60_000,
    );
    assert.deepEqual(
      drawn.result!.candidates.map((c) => [c.source.title, c.confirmed]),
      [['<source> @type tail (@id in_tail_container_logs)', true]],
    );
    assert.match(drawn.rendered, /<filter kubernetes\.\*\*> @type record_transformer: kept/);
    assert.match(drawn.rendered, /Writes this event to \/eks\/integration\/containers/);
    await screenshot('simulate-trace-event');
  });
});

describe('simulator: config tests in the Test Explorer', function () {
  this.timeout(180_000);

  it("lists the workspace's test files and tests, runs them, and reports the failure at its expectation", async () => {
    await extension().activate();
    const file = workspaceFile('simulate', 'pipeline.fluent-test.yaml').toString();
    await vscode.commands.executeCommand('workbench.view.testing.focus'); // VS Code asks the controller for its files
    await waitFor(
      'the test file and its tests in the Test Explorer',
      async () => {
        const s = await state();
        const f = s.tests.files.find((x) => x.id === file);
        if (!f) return false;
        // children are read when the file item is expanded or run; the seam shows what is known
        return f;
      },
      60_000,
    );
    await vscode.commands.executeCommand('testing.runAll');
    const run = await waitFor(
      'the run to report the three tests',
      async () => {
        const s = await state();
        return s.tests.lastRun.length === 3 && s.tests.lastRun;
      },
      90_000,
    );
    const byName = Object.fromEntries(run.map((r) => [r.id.slice(r.id.indexOf('#') + 1), r]));
    assert.equal(byName['a stdout line reaches the containers log group'].status, 'passed');
    assert.equal(byName['a line the regexp rejects goes nowhere'].status, 'passed');
    assert.equal(byName['expects the wrong stream (fails on purpose)'].status, 'failed');
    assert.match(byName['expects the wrong stream (fails on purpose)'].message ?? '', /field stream is "stderr", not "stdout"/);
    const s = await state();
    assert.deepEqual(s.tests.files.find((x) => x.id === file)?.children, [
      'a stdout line reaches the containers log group',
      'a line the regexp rejects goes nowhere',
      'expects the wrong stream (fails on purpose)',
    ]);
    // the test file open beside the results, the failure's message peeked at its expectation
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(file), { viewColumn: vscode.ViewColumn.One });
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('testing.goToNextMessage').then(undefined, () => undefined);
    await new Promise((r) => setTimeout(r, 1000)); // the peek widget animates open
    await screenshot('simulate-test-explorer');
  });
});

describe('simulator: Try log lines… in a ConfigMap YAML', function () {
  this.timeout(120_000);

  it("the lens on a .conf key's <source> opens the playground; the route goes through the key it includes", async () => {
    await extension().activate();
    const doc = await vscode.workspace.openTextDocument(workspaceFile('simulate', 'fluentd-configmap.yaml'));
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    const sourceLine = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.trim() === '<source>');
    const lens = await waitFor(
      'the "Try log lines…" code lens in the YAML',
      async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
        return lenses?.find((l) => l.command?.command === 'fluentd.tryLogLines' && l.range.start.line === sourceLine);
      },
      60_000,
    );
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    await state({ lines: ['INFO started', 'WARN disk almost full', 'no level here'].join('\n') });
    const drawn = await waitFor(
      'the playground to draw the ConfigMap lines and their routes',
      async () => {
        const s = await state();
        return s.playground.result?.lines.length === 3 && /Event 2/.test(s.playground.rendered) && s.playground.rendered;
      },
      60_000,
    );
    assert.match(drawn, /"msg": "disk almost full"/);
    assert.match(drawn, /pattern not matched/);
    assert.match(drawn, /CloudWatch Logs: log group \/eks\/integration\/app, stream app\.var\.log\.app\./);
    await screenshot('simulate-playground-configmap');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
