// Asks the harness (test/harness/vscode.ts) for a screenshot of the whole VS Code window:
// the extension host cannot see the browser, so it drops a request file the harness polls.
// Under a runner without screenshots (@vscode/test-electron) this does nothing.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export async function screenshot(name: string, timeoutMs = 20_000): Promise<string | undefined> {
  const dir = process.env.VSCODE_FLUENTD_SCREENSHOT_DIR;
  if (!dir) return undefined;
  const safe = name.replace(/[^\w.-]+/g, '_');
  const request = join(dir, `${safe}.request`);
  const png = join(dir, `${safe}.png`);
  rmSync(png, { force: true }); // a picture from an earlier run must not count
  writeFileSync(request, new Date().toISOString());
  const deadline = Date.now() + timeoutMs;
  // the harness deletes the request once the .png is written
  while (existsSync(request)) {
    if (Date.now() > deadline) throw new Error(`screenshot ${name}: the harness did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!existsSync(png)) throw new Error(`screenshot ${name}: ${png} was not written`);
  return png;
}

/**
 * The innerText of every element matching `selector` in the VS Code window, read by the
 * harness (it alone sees the browser). Undefined under a runner without a browser.
 */
export async function pageTexts(name: string, selector: string, timeoutMs = 20_000): Promise<string[] | undefined> {
  const dir = process.env.VSCODE_FLUENTD_SCREENSHOT_DIR;
  if (!dir) return undefined;
  const safe = name.replace(/[^\w.-]+/g, '_');
  const query = join(dir, `${safe}.query`);
  const answer = join(dir, `${safe}.json`);
  rmSync(answer, { force: true });
  writeFileSync(query, selector);
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(answer)) {
    if (Date.now() > deadline) throw new Error(`page query ${name}: the harness did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const parsed = JSON.parse(readFileSync(answer, 'utf8')) as string[] | { error: string };
  rmSync(answer, { force: true });
  if (!Array.isArray(parsed)) throw new Error(`page query ${name}: ${parsed.error}`);
  return parsed;
}
