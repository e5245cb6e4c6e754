// The simulator's webview shell and the playground's position tracking (the pure parts of src/ui/simulate).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shiftPosition } from '../../../../src/ui/simulate/track-position';
import { contentSecurityPolicy, escapeHtml, webviewShell } from '../../../../src/ui/simulate/webview-html';

test('the shell: a strict CSP (nothing remote, one nonce-bound script), every value escaped', () => {
  const html = webviewShell({
    cspSource: 'vscode-resource:',
    scriptUri: 'x"><script>alert(1)</script>',
    styleUri: 's.css',
    title: '<t>',
    mode: 'trace',
    nonce: 'abc',
  });
  const csp = contentSecurityPolicy('vscode-resource:', 'abc');
  assert.match(
    csp,
    /^default-src 'none'; style-src vscode-resource:; font-src vscode-resource:; img-src vscode-resource: data:; script-src 'nonce-abc'/,
  );
  assert.ok(html.includes(`http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}"`));
  assert.ok(html.includes('<script nonce="abc" src='));
  assert.ok(!html.includes('<script>alert'));
  assert.ok(html.includes('src="x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'));
  assert.ok(html.includes('<title>&lt;t&gt;</title>'));
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.ok(!/unsafe-inline|unsafe-eval|https?:/.test(contentSecurityPolicy('vscode-resource:', 'n')));
  assert.equal(escapeHtml(`&<>"'`), '&amp;&lt;&gt;&quot;&#39;');
});

test('the playground follows its <source> while the config is edited', () => {
  const p = { line: 10, character: 4 };
  const change = (sl: number, sc: number, el: number, ec: number, text: string) => ({
    range: { start: { line: sl, character: sc }, end: { line: el, character: ec } },
    text,
  });
  assert.deepEqual(shiftPosition(p, [change(2, 0, 2, 0, 'a\nb\n')]), { line: 12, character: 4 });
  assert.deepEqual(shiftPosition(p, [change(2, 0, 5, 0, '')]), { line: 7, character: 4 });
  assert.deepEqual(shiftPosition(p, [change(10, 0, 10, 2, '')]), { line: 10, character: 2 });
  assert.deepEqual(shiftPosition(p, [change(11, 0, 12, 0, 'x')]), p);
  assert.deepEqual(shiftPosition(p, [change(9, 0, 11, 0, '')]), { line: 9, character: 0 });
  assert.deepEqual(shiftPosition(p, [change(10, 1, 10, 1, 'xy\nz')]), { line: 11, character: 4 });
});
