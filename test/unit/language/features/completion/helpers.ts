// Shared by the completion tests: a cursor marker, snippet expansion, applying an item.
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FluentdLanguageService } from '../../../../../src/language/service';

export const service = new FluentdLanguageService();
let version = 0;

/** Completion at the `|` in `marked` (the marker is removed). */
export function complete(marked: string): { list: CompletionList; doc: TextDocument; labels: string[] } {
  const i = marked.indexOf('|');
  if (i < 0) throw new Error('no | cursor marker');
  const text = marked.slice(0, i) + marked.slice(i + 1);
  const doc = TextDocument.create(`file:///test/${++version}.conf`, 'fluentd', 1, text);
  const list = service.completion(doc, doc.positionAt(i));
  return { list, doc, labels: list.items.map((x) => x.label) };
}

/** A snippet as VS Code inserts it when every placeholder keeps its default (first choice). */
export function expandSnippet(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      out += s[++i];
      continue;
    }
    if (c === '$') {
      let m = /^\$\{\d+\|((?:\\.|[^|\\])*)\|\}/.exec(s.slice(i));
      if (m) {
        const first = /^((?:\\.|[^,\\])*)/.exec(m[1])![1];
        out += first.replace(/\\(.)/g, '$1');
        i += m[0].length - 1;
        continue;
      }
      m = /^\$\{\d+:((?:\\.|[^}\\])*)\}/.exec(s.slice(i));
      if (m) {
        out += m[1].replace(/\\(.)/g, '$1');
        i += m[0].length - 1;
        continue;
      }
      m = /^\$(?:\{\d+\}|\d+)/.exec(s.slice(i));
      if (m) {
        i += m[0].length - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** Applies an item's edit (snippet expanded, continuation lines indented like the cursor line). */
export function applyItem(doc: TextDocument, item: CompletionItem): string {
  const edit = item.textEdit as TextEdit;
  const line = doc.getText({ start: { line: edit.range.start.line, character: 0 }, end: edit.range.start });
  const indent = /^[ \t]*/.exec(line)![0];
  let text = item.insertTextFormat === 2 ? expandSnippet(edit.newText) : edit.newText;
  text = text.replace(/\n/g, '\n' + indent);
  return TextDocument.applyEdits(doc, [{ range: edit.range, newText: text }]);
}

export function item(list: CompletionList, label: string): CompletionItem {
  const found = list.items.find((x) => x.label === label);
  if (!found) throw new Error(`no item '${label}' in ${list.items.map((x) => x.label).join(', ')}`);
  return found;
}
