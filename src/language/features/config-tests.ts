// Completion and hover providers for config test files: the config-tests service's plain
// answers (config-tests/service.ts) as LSP completion items and hovers.
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Hover,
} from 'vscode-languageserver-types';
import type { TestCompletionItem } from '../config-tests/service';

const KIND: Record<TestCompletionItem['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  reference: CompletionItemKind.Reference,
  file: CompletionItemKind.File,
  snippet: CompletionItemKind.Snippet,
};

export function completionList(items: readonly TestCompletionItem[]): CompletionList {
  const out: CompletionItem[] = items.map((i, n) => ({
    label: i.label,
    kind: KIND[i.kind],
    ...(i.detail ? { detail: i.detail } : {}),
    ...(i.documentation ? { documentation: { kind: MarkupKind.Markdown, value: i.documentation } } : {}),
    textEdit: { range: i.range, newText: i.insertText },
    insertTextFormat: i.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    sortText: String(n).padStart(4, '0'),
  }));
  return { isIncomplete: false, items: out };
}

export function hoverOf(h: { markdown: string; range: Hover['range'] } | null): Hover | null {
  return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: h.range } : null;
}
