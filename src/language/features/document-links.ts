// Document links provider: each @include path links to the file it reads (the first, when
// a glob reads several; the tooltip names them all).
import { posix } from 'node:path';
import { DocumentLink } from 'vscode-languageserver-types';
import { includeFiles } from '../includes/resolve';
import { includes } from '../walk';
import type { DocumentContext } from '../whole-config/whole-config';

export function documentLinks(ctx: DocumentContext): DocumentLink[] {
  const out: DocumentLink[] = [];
  for (const inc of includes(ctx.self.parsed.document.children)) {
    const files = includeFiles(ctx.self, inc, ctx.host);
    if (!files.length) continue;
    const tooltip =
      files.length === 1
        ? `Open ${files[0].path}`
        : `${files.length} files: ${files.map((f) => posix.basename(f.path)).join(', ')} (go to definition lists them all)`;
    const link = DocumentLink.create(inc.pathRange, files[0].uri);
    link.tooltip = tooltip;
    out.push(link);
  }
  return out;
}
