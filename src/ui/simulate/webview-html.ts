// The HTML shell of the simulator's webviews (the playground and the event trace). Everything
// shown is built by the script from posted data with textContent (never HTML from data); the
// page loads nothing remote: a strict Content-Security-Policy allows only the extension's own
// stylesheet and the one script carrying this page's nonce. Pure: testable without VS Code.
import { randomBytes } from 'node:crypto';

export interface ShellOptions {
  /** webview.cspSource */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  title: string;
  /** 'playground' | 'trace': which view the script draws. */
  mode: 'playground' | 'trace';
  nonce?: string;
}

export function newNonce(): string {
  return randomBytes(18)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '');
}

/** HTML attribute/text escaping, for the few values the shell itself holds. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function webviewShell(o: ShellOptions): string {
  const nonce = o.nonce ?? newNonce();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(o.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${escapeHtml(o.styleUri)}" rel="stylesheet">
<title>${escapeHtml(o.title)}</title>
</head>
<body data-mode="${escapeHtml(o.mode)}">
<main id="app" aria-live="polite"></main>
<script nonce="${nonce}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>`;
}
