// The language service of config test files (*.fluent-test.yaml): the third document kind beside
// fluent.conf and ConfigMap YAML. Diagnostics, completion, hover and go to definition come from
// the config-tests service (plain data) through features/config-tests.ts; a test file has no
// outline, links, routes, lenses, formatting or quick fixes of its own.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CodeLens,
  CompletionList,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  TextEdit,
} from 'vscode-languageserver-types';
import type { ConfigTestService as ConfigTests } from '../config-tests/service';
import { completionList, hoverOf } from '../features/config-tests';
import type { EventRoute } from '../routing/event-route';
import type { Diagnostic, Position } from '../types';
import type { LanguageService } from './language-service';

export class ConfigTestService implements LanguageService {
  constructor(readonly tests: ConfigTests) {}

  diagnostics(doc: TextDocument): Diagnostic[] {
    return this.tests.diagnostics(doc.uri, doc.getText());
  }

  completion(doc: TextDocument, pos: Position): CompletionList {
    return completionList(this.tests.completion(doc.uri, doc.getText(), pos));
  }

  hover(doc: TextDocument, pos: Position): Hover | null {
    return hoverOf(this.tests.hover(doc.uri, doc.getText(), pos));
  }

  definition(doc: TextDocument, pos: Position): Location[] {
    return this.tests.definition(doc.uri, doc.getText(), pos);
  }

  documentSymbols(): DocumentSymbol[] {
    return [];
  }

  foldingRanges(): FoldingRange[] {
    return [];
  }

  documentLinks(): DocumentLink[] {
    return [];
  }

  eventRoutes(): EventRoute[] {
    return [];
  }

  codeLenses(): CodeLens[] {
    return [];
  }

  format(): TextEdit[] {
    return [];
  }

  codeActions(): CodeAction[] {
    return [];
  }

  forget(uri: string): void {
    this.tests.forget(uri);
  }
}
