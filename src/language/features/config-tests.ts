// The LSP face of config test files (*.fluent-test.yaml): the config-tests service's plain
// answers as completion items, hovers and locations. The router (../service.ts) sends a test
// file's requests here before its YAML checks, which would find no ConfigMap in it.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Hover,
  type Location,
} from 'vscode-languageserver-types';
import { isConfigTestPath } from '../config-tests';
import type { ConfigTestService, TestCompletionItem } from '../config-tests/service';
import type { Diagnostic, Position } from '../types';

export function isConfigTestDocument(doc: { uri: string }): boolean {
  return isConfigTestPath(doc.uri);
}

const KIND: Record<TestCompletionItem['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  reference: CompletionItemKind.Reference,
  file: CompletionItemKind.File,
  snippet: CompletionItemKind.Snippet,
};

export class ConfigTestFeatures {
  constructor(readonly tests: ConfigTestService) {}

  diagnostics(doc: TextDocument): Diagnostic[] {
    return this.tests.diagnostics(doc.uri, doc.getText());
  }

  completion(doc: TextDocument, pos: Position): CompletionList {
    const items: CompletionItem[] = this.tests.completion(doc.uri, doc.getText(), pos).map((i, n) => ({
      label: i.label,
      kind: KIND[i.kind],
      ...(i.detail ? { detail: i.detail } : {}),
      ...(i.documentation ? { documentation: { kind: MarkupKind.Markdown, value: i.documentation } } : {}),
      textEdit: { range: i.range, newText: i.insertText },
      insertTextFormat: i.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      sortText: String(n).padStart(4, '0'),
    }));
    return { isIncomplete: false, items };
  }

  hover(doc: TextDocument, pos: Position): Hover | null {
    const h = this.tests.hover(doc.uri, doc.getText(), pos);
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: h.range } : null;
  }

  definition(doc: TextDocument, pos: Position): Location[] {
    return this.tests.definition(doc.uri, doc.getText(), pos);
  }

  forget(uri: string): void {
    this.tests.forget(uri);
  }
}
