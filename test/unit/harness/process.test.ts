// The harnesses' child-process lifecycle (test/harness/process.ts), with real processes.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { httpGet, freePort } from '../../harness/net';
import { StartError, spawnProcess, startWithRetry, waitReady, watchOutput } from '../../harness/process';

const dir = mkdtempSync(join(tmpdir(), 'harness-process-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const node = (script: string, name = 'child') => spawnProcess({ name, command: process.execPath, args: ['-e', script] });
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('spawnProcess + waitReady', () => {
  it('waits until the probe answers, and stop() ends the whole process group', async () => {
    const port = await freePort();
    const grandchildPidFile = join(dir, 'grandchild.pid');
    // the child forks a helper (like the VS Code server its extension host), then serves after a pause
    const p = node(`
      const { spawn } = require('node:child_process');
      const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      require('node:fs').writeFileSync(${JSON.stringify(grandchildPidFile)}, String(g.pid));
      setTimeout(() => require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1'), 300);
    `);
    const ms = await waitReady(p, { probe: async () => (await httpGet(`http://127.0.0.1:${port}/`))?.body === 'ok', timeoutMs: 60_000 });
    assert.ok(ms >= 300, `ready after ${ms} ms, before the child listened`);
    assert.ok(p.running());
    const grandchild = Number(readFileSync(grandchildPidFile, 'utf8'));
    assert.ok(alive(grandchild));
    await p.stop();
    assert.equal(p.running(), false);
    const exit = await p.exited;
    assert.equal(exit.signal, 'SIGTERM');
    for (let i = 0; i < 50 && alive(grandchild); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(alive(grandchild), false, 'the forked helper outlived stop()');
  });

  it('fails with the log tail when the process exits before it is ready', async () => {
    const p = node(`console.error('line one'); console.error('bind: address already in use'); process.exit(3)`, 'fake-server');
    const err = await waitReady(p, { probe: async () => false, timeoutMs: 60_000 }).catch((e: unknown) => e);
    assert.ok(err instanceof StartError, String(err));
    assert.equal(err.processName, 'fake-server');
    assert.match(err.message, /fake-server exited \(code 3\) before it was ready/);
    assert.match(err.logTail, /address already in use/);
    assert.match(err.message, /line one\n.*address already in use/);
    await p.stop();
  });

  it('measures the deadline from the process start, not from when the caller starts waiting', async () => {
    const p = node('setInterval(() => {}, 1000)', 'slow');
    // the caller was busy (starting something else) for longer than the whole allowance
    await new Promise((r) => setTimeout(r, 700));
    let probes = 0;
    const err = await waitReady(p, { probe: async () => (probes++, false), timeoutMs: 500 }).catch((e: unknown) => e);
    assert.ok(err instanceof StartError);
    assert.match(err.message, /slow was not ready 1 s after it started/);
    assert.equal(probes, 1, 'kept probing past a deadline that had already passed');
    await p.stop();
  });

  it('reports a command that cannot be spawned', async () => {
    const p = spawnProcess({ name: 'missing', command: join(dir, 'no-such-binary'), args: [] });
    const err = await waitReady(p, { probe: async () => true, timeoutMs: 10_000 }).catch((e: unknown) => e);
    assert.ok(err instanceof StartError);
    assert.match(err.logTail, /spawn failed: .*ENOENT/);
    await p.stop();
  });

  it('keeps its own log in a temp file and removes it on stop; a given log file stays', async () => {
    const own = node(`console.log('hello from the child')`);
    await own.exited;
    assert.match(own.output(), /hello from the child/);
    assert.ok(existsSync(own.logFile));
    await own.stop();
    assert.equal(existsSync(own.logFile), false);

    const logFile = join(dir, 'kept.log');
    const kept = spawnProcess({ name: 'kept', command: process.execPath, args: ['-e', `console.log('kept')`], logFile });
    await kept.exited;
    await kept.stop();
    assert.equal(readFileSync(logFile, 'utf8'), 'kept\n');
  });
});

describe('watchOutput', () => {
  it('finds text printed after it started watching', async () => {
    const p = node(`setTimeout(() => console.log('Extension host agent listening on 1234'), 400); setInterval(() => {}, 1000)`);
    const m = await watchOutput(p, /listening on (\d+)/, 50);
    assert.equal(m?.[1], '1234');
    await p.stop();
  });

  it('resolves undefined when the process exits without printing it', async () => {
    const p = node(`console.log('something else')`);
    assert.equal(await watchOutput(p, /listening on/, 50), undefined);
    await p.stop();
  });
});

describe('startWithRetry', () => {
  it('retries a failed start once and prints why the first attempt failed', async () => {
    const logged: string[] = [];
    let calls = 0;
    const value = await startWithRetry(
      'thing',
      async (attempt) => {
        calls++;
        if (attempt === 1) throw new StartError('thing', 'was not ready 1 s after it started', 'tail line');
        return 'started';
      },
      { log: (m) => logged.push(m) },
    );
    assert.equal(value, 'started');
    assert.equal(calls, 2);
    assert.equal(logged.length, 1);
    assert.match(logged[0], /starting thing failed \(attempt 1 of 2\), trying again/);
    assert.match(logged[0], /tail line/);
  });

  it('gives up after the second failure with that failure', async () => {
    let calls = 0;
    const err = await startWithRetry(
      'thing',
      async (attempt) => {
        calls++;
        throw new Error(`failure ${attempt}`);
      },
      { log: () => {} },
    ).catch((e: unknown) => e);
    assert.equal(calls, 2);
    assert.match(String(err), /failure 2/);
  });
});
