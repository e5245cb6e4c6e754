// Runs the extension inside a real VS Code: the VS Code server from the npm package
// code-server (installed by scripts/vscode/provision.sh), driven by Debian's chromium
// through playwright-core. Used by scripts/vscode/run-integration.mjs and by the demo.
//
// Why results go through a file: the extension host exits with code 0 even when the
// tests' run() rejects, so the only trustworthy verdict is the file run() writes.
import { spawnSync } from 'node:child_process';
import { freePort, httpGet } from './net';
import { spawnProcess, startWithRetry, waitReady, watchOutput } from './process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Environment variables the harness gives the extension host (read by test/integration). */
export const RESULTS_ENV = 'VSCODE_FLUENTD_TEST_RESULTS';
export const SCREENSHOT_ENV = 'VSCODE_FLUENTD_SCREENSHOT_DIR';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface ServerOptions {
  /** code-server package folder (scripts/vscode/targets.mjs provisionVsCode() says where). */
  codeServerDir: string;
  /** The node that runs the server (and so the extension host): the one that VS Code version ships. Default: this process's. */
  nodePath?: string;
  /** Extra environment for the server and so for the extension host it starts. */
  env?: Record<string, string>;
  /** The server's stdout/stderr are appended here. */
  logFile: string;
  /** How long the server may take to listen, from its own start (default 180 s: a loaded 2-core machine). */
  startTimeoutMs?: number;
  /**
   * Keep workspace trust on (VS Code then opens the folder in Restricted Mode, since
   * nobody answers the trust dialog). Off by default: tests and the demo want a trusted folder.
   */
  workspaceTrust?: boolean;
  /** .vsix files installed into the server's extensions folder before it starts (as a user would). */
  installVsix?: string[];
  /** Remote machine settings (the server's Machine/settings.json), e.g. endpoints with ports known only at run time. */
  machineSettings?: Record<string, unknown>;
  /** Port to listen on (default: a free one). */
  port?: number;
}

export interface VsCodeServer {
  port: number;
  /** Server data and extensions live here; removed by stop(). */
  dataDir: string;
  logFile: string;
  /** URL that opens `folder` with the given workbench payload entries. */
  url(folder: string, payload?: Array<[string, string]>): string;
  /** A local absolute path as the server's remote URI (for payload entries). */
  remoteUri(absPath: string): string;
  /** Resolves when the log shows the extension host has exited (or the server died). */
  extensionHostExited: Promise<string>;
  stop(): Promise<void>;
}

/** Starts the VS Code server; a start that fails (deadline, port taken) is retried once from scratch. */
export function startVsCodeServer(opts: ServerOptions): Promise<VsCodeServer> {
  return startWithRetry('the VS Code server', () => startVsCodeServerOnce(opts));
}

async function startVsCodeServerOnce(opts: ServerOptions): Promise<VsCodeServer> {
  const dir = opts.codeServerDir;
  const node = opts.nodePath ?? process.execPath;
  const main = join(dir, 'lib', 'vscode', 'out', 'server-main.js');
  if (!existsSync(main)) {
    throw new Error(`VS Code server not installed at ${main}: run scripts/vscode/provision.sh first`);
  }
  const port = opts.port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'vscode-fluentd-server-'));
  const extensionsDir = join(dataDir, 'extensions');
  mkdirSync(extensionsDir);
  if (opts.machineSettings) {
    // --server-data-dir D keeps its user data in D/data, machine settings in D/data/Machine
    const machineDir = join(dataDir, 'data', 'data', 'Machine');
    mkdirSync(machineDir, { recursive: true });
    writeFileSync(join(machineDir, 'settings.json'), JSON.stringify(opts.machineSettings, null, 2));
  }
  mkdirSync(resolve(opts.logFile, '..'), { recursive: true });
  for (const vsix of opts.installVsix ?? []) {
    // the server's own CLI, like `code --install-extension`
    const r = spawnSync(
      node,
      [
        main,
        '--install-extension',
        resolve(vsix),
        '--extensions-dir',
        extensionsDir,
        '--server-data-dir',
        join(dataDir, 'data'),
        '--accept-server-license-terms',
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (r.status !== 0 || !/successfully installed/.test(r.stdout)) {
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`installing ${vsix} into the VS Code server failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
    }
  }
  const server = spawnProcess({
    name: 'VS Code server',
    command: node,
    args: [
      main,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--server-data-dir',
      join(dataDir, 'data'),
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      // a built 1.139 workbench reads extensionDevelopmentPath/extensionTestsPath from the URL
      // payload only with this flag (1.105 reads them anyway, and accepts the flag)
      '--enable-smoke-test-driver',
      ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
    ],
    env: { ...process.env, ...opts.env },
    logFile: opts.logFile,
  });

  const extensionHostExited = Promise.race([
    watchOutput(server, /Extension Host Process exited with code: (\S+), signal: (\S+)\./).then((m) => m?.[0]),
    server.exited.then((x) => `server exited (code ${x.code}, signal ${x.signal})`),
  ]).then((m) => m ?? 'server exited');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      // the server forks the extension host, pty host and file watchers into its process group
      await server.stop(5000);
      rmSync(dataDir, { recursive: true, force: true });
    })());

  // Ready when the log says it listens and an HTTP request answers.
  let listening = false;
  void watchOutput(server, /Extension host agent listening on/).then((m) => (listening = m !== undefined));
  try {
    await waitReady(server, {
      probe: async () => {
        if (!listening) return false;
        const r = await httpGet(`http://127.0.0.1:${port}/version`);
        return r !== undefined && r.status < 500;
      },
      timeoutMs: opts.startTimeoutMs ?? 180_000,
    });
  } catch (e) {
    await stop();
    throw e;
  }

  const remoteUri = (p: string) => `vscode-remote://127.0.0.1:${port}${resolve(p)}`;
  return {
    port,
    dataDir,
    logFile: opts.logFile,
    remoteUri,
    url(folder, payload) {
      let u = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(resolve(folder))}`;
      if (payload?.length) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return u;
    },
    extensionHostExited,
    stop,
  };
}

export interface BrowserSession {
  page: Page;
  /** page.screenshot into `dir/<name>.png`; returns the path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openInChromium(url: string, opts: { screenshotDir: string; consoleLog?: string }): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} missing: run scripts/vscode/provision.sh (apt-get install chromium)`);
  // a fresh profile each time: VS Code web keeps state (editors, settings) in the browser
  const profile = mkdtempSync(join(tmpdir(), 'vscode-fluentd-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
      timeout: 120_000,
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  const consoleLog = opts.consoleLog ? createWriteStream(opts.consoleLog, { flags: 'a' }) : undefined;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await Promise.race([context.close().catch(() => {}), sleep(10_000)]);
    if (consoleLog) await new Promise<void>((res) => consoleLog.end(res));
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => consoleLog?.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => consoleLog?.write(`[pageerror] ${e.message}\n`));
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    mkdirSync(opts.screenshotDir, { recursive: true });
    return {
      page,
      async screenshot(name) {
        const file = join(opts.screenshotDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
        await page.screenshot({ path: file, timeout: 20_000 });
        return file;
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

export interface TestResult {
  title: string;
  fullTitle: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}
export interface TestResults {
  passed: number;
  failed: number;
  pending: number;
  tests: TestResult[];
}

export interface RunTestsOptions {
  /** Folder holding the extension's package.json; omit to test installed extensions only (installVsix). */
  extensionDevelopmentPath?: string;
  /** .vsix files to install before the server starts (see ServerOptions.installVsix). */
  installVsix?: string[];
  /** Remote machine settings (see ServerOptions.machineSettings). */
  machineSettings?: Record<string, unknown>;
  /** The bundled tests' index module (exports run()). */
  extensionTestsPath: string;
  /** Folder VS Code opens. */
  workspace: string;
  /** Where logs, screenshots and the results file go (test-results/). */
  outputDir: string;
  codeServerDir: string;
  /** See ServerOptions.nodePath. */
  nodePath?: string;
  /** From the server being ready to the results (the server's start-up has its own deadline). */
  timeoutMs?: number;
  env?: Record<string, string>;
  /** Keep workspace trust on (Restricted Mode); see ServerOptions.workspaceTrust. */
  workspaceTrust?: boolean;
  /** Called with the page once VS Code is open (e.g. to take extra screenshots). */
  onPage?: (session: BrowserSession) => Promise<void>;
}

/**
 * Starts the server and the browser, lets the extension host run the tests, and returns
 * their results. Throws when no verdict can be had (no results file, timeout). Always
 * stops the server and the browser.
 */
export async function runIntegrationTests(opts: RunTestsOptions): Promise<TestResults> {
  const timeoutMs = opts.timeoutMs ?? 5 * 60_000;
  mkdirSync(opts.outputDir, { recursive: true });
  const resultsFile = join(opts.outputDir, 'integration-results.json');
  const screenshotDir = join(opts.outputDir, 'screenshots');
  mkdirSync(screenshotDir, { recursive: true });
  rmSync(resultsFile, { force: true });
  for (const f of readdirSync(screenshotDir)) if (f.endsWith('.request') || f.endsWith('.query')) unlinkSync(join(screenshotDir, f));

  const logFile = join(opts.outputDir, 'vscode-server.log');
  rmSync(logFile, { force: true });
  const consoleLog = join(opts.outputDir, 'vscode-browser-console.log');
  rmSync(consoleLog, { force: true });

  let server: VsCodeServer | undefined;
  let browser: BrowserSession | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  // the run's clock starts once the server is ready: its start-up has a deadline of its own
  let rejectTimedOut: (e: Error) => void = () => {};
  const timedOut = new Promise<never>((_, rej) => (rejectTimedOut = rej));
  const startClock = () => {
    timer = setTimeout(
      () => rejectTimedOut(new Error(`integration run exceeded ${timeoutMs} ms; see ${logFile} and ${consoleLog}`)),
      timeoutMs,
    );
  };
  const work = (async (): Promise<TestResults> => {
    server = await startVsCodeServer({
      codeServerDir: opts.codeServerDir,
      nodePath: opts.nodePath,
      logFile,
      workspaceTrust: opts.workspaceTrust,
      installVsix: opts.installVsix,
      machineSettings: opts.machineSettings,
      env: { ...opts.env, [RESULTS_ENV]: resultsFile, [SCREENSHOT_ENV]: screenshotDir },
    });
    startClock();
    if (stopped) throw new Error('stopped');
    const url = server.url(opts.workspace, [
      ...(opts.extensionDevelopmentPath
        ? [['extensionDevelopmentPath', server.remoteUri(opts.extensionDevelopmentPath)] as [string, string]]
        : []),
      ['extensionTestsPath', server.remoteUri(opts.extensionTestsPath)],
      ['skipWelcome', 'true'],
    ]);
    browser = await startWithRetry('Chromium', () => openInChromium(url, { screenshotDir, consoleLog }));
    if (stopped) throw new Error('stopped');
    if (opts.onPage) await opts.onPage(browser);

    // Serve screenshot requests from the tests until the results file appears.
    const b = browser;
    let hostExit: string | undefined;
    void server.extensionHostExited.then((m) => {
      hostExit = m;
    });
    let graceUntil = 0;
    while (!stopped && !existsSync(resultsFile)) {
      for (const f of readdirSync(screenshotDir)) {
        if (!f.endsWith('.request')) continue;
        const name = f.slice(0, -'.request'.length);
        try {
          await b.screenshot(name);
        } finally {
          rmSync(join(screenshotDir, f), { force: true });
        }
      }
      // Text queries: `<name>.query` holds a CSS selector; the answer is `<name>.json`, the
      // innerText of every match (what the workbench shows, e.g. Running Extensions' times).
      for (const f of readdirSync(screenshotDir)) {
        if (!f.endsWith('.query')) continue;
        const query = join(screenshotDir, f);
        const answer = join(screenshotDir, `${f.slice(0, -'.query'.length)}.json`);
        try {
          const texts = await b.page.locator(readFileSync(query, 'utf8')).allInnerTexts();
          writeFileSync(`${answer}.tmp`, JSON.stringify(texts));
        } catch (e) {
          writeFileSync(`${answer}.tmp`, JSON.stringify({ error: e instanceof Error ? e.message : String(e) }));
        } finally {
          renameSync(`${answer}.tmp`, answer);
          rmSync(query, { force: true });
        }
      }
      if (hostExit) {
        // results are written before run() settles; give the file a moment, then give up
        graceUntil ||= Date.now() + 3000;
        if (Date.now() > graceUntil) {
          throw new Error(`${hostExit} without writing ${resultsFile}: the tests did not complete; see ${logFile} and ${consoleLog}`);
        }
      }
      await sleep(150);
    }
    return parseResults(resultsFile);
  })();
  try {
    return await Promise.race([work, timedOut]);
  } finally {
    stopped = true;
    clearTimeout(timer);
    // Stopping the server first makes a pending page load fail fast.
    await server?.stop().catch(() => {});
    await browser?.close().catch(() => {});
    // After a timeout `work` may still be starting the server or the browser: let it
    // settle (each step is bounded), then stop whatever it started meanwhile.
    await Promise.race([work.catch(() => {}), sleep(90_000)]);
    await server?.stop().catch(() => {});
    await browser?.close().catch(() => {});
  }
}

export function parseResults(file: string): TestResults {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`unreadable results file ${file}: ${(e as Error).message}`, { cause: e });
  }
  const r = raw as Partial<TestResults>;
  if (!r || !Array.isArray(r.tests) || typeof r.passed !== 'number' || typeof r.failed !== 'number') {
    throw new Error(`results file ${file} has no test list`);
  }
  return { passed: r.passed, failed: r.failed, pending: r.pending ?? 0, tests: r.tests };
}

/** One line per test (✔ passed, ✖ failed, - skipped) with the first lines of its error, after a blank line. */
export function printResults(results: TestResults): void {
  console.log('');
  for (const t of results.tests) {
    const mark = t.state === 'passed' ? '✔' : t.state === 'failed' ? '✖' : '-';
    console.log(`  ${mark} ${t.fullTitle}${t.durationMs !== undefined ? ` (${t.durationMs} ms)` : ''}`);
    if (t.error) console.log(`      ${t.error.split('\n').slice(0, 6).join('\n      ')}`);
  }
}

/** A timer that never keeps the process alive on its own (they race other promises here). */
function sleep(ms: number): Promise<void> {
  return new Promise((res) => setTimeout(res, ms).unref());
}
