// Which linter handles which file, keyed by extension: fluent.conf, and Kubernetes
// YAML whose ConfigMaps hold fluent.conf keys (other YAML has nothing to report).
import { extname } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FluentdLanguageService } from '../language/service';
import type { Diagnostic } from '../language/types';

export interface LintInput {
  /** The path as the user sees it (`<stdin>` for stdin). */
  path: string;
  /** file: URI the service resolves relative @include paths against. */
  uri: string;
  text: string;
}

export interface FileKind {
  /** Shown in messages, e.g. "no fluent.conf files found". */
  name: string;
  /** Lower-case extensions with the dot; directory search picks up these. */
  extensions: string[];
  lint(input: LintInput, service: FluentdLanguageService): Diagnostic[];
}

/** Also what stdin and explicitly named files of unknown extension are. */
export const FLUENT_CONF: FileKind = {
  name: 'fluent.conf',
  extensions: ['.conf'],
  lint({ uri, text }, service) {
    const doc = TextDocument.create(uri, 'fluentd', 1, text);
    try {
      return service.diagnostics(doc);
    } finally {
      service.forget(uri); // one pass per file: do not keep every parse alive
    }
  },
};

/** Kubernetes YAML: each ConfigMap `data` key ending in .conf, positions in the YAML file (src/language/yaml). */
export const CONFIGMAP_YAML: FileKind = {
  name: 'ConfigMap YAML',
  extensions: ['.yaml', '.yml'],
  lint({ uri, text }, service) {
    const doc = TextDocument.create(uri, 'yaml', 1, text);
    try {
      return service.diagnostics(doc);
    } finally {
      service.forget(uri);
    }
  },
};

export const FILE_KINDS: readonly FileKind[] = [FLUENT_CONF, CONFIGMAP_YAML];

/** Kinds we recognise but cannot lint yet, with what to tell the user. */
const NOT_YET_SUPPORTED: readonly { extensions: string[]; reason: string }[] = [];

export type Dispatch = { kind: FileKind } | { unsupported: string };

function extensionOf(path: string): string {
  return extname(path).toLowerCase();
}

/** The kind a directory search picks for a file name, or undefined to skip it. */
export function kindForSearch(path: string): FileKind | undefined {
  const ext = extensionOf(path);
  return FILE_KINDS.find((k) => k.extensions.includes(ext));
}

/** The kind for a file the user named: by extension, else fluent.conf. */
export function kindForExplicit(path: string): Dispatch {
  const kind = kindForSearch(path);
  if (kind) return { kind };
  const ext = extensionOf(path);
  const unsupported = NOT_YET_SUPPORTED.find((u) => u.extensions.includes(ext));
  if (unsupported) return { unsupported: unsupported.reason };
  return { kind: FLUENT_CONF };
}

/** Extensions a directory search looks for, for messages ("*.conf"). */
export function searchedPatterns(): string {
  return FILE_KINDS.flatMap((k) => k.extensions.map((e) => `*${e}`)).join(', ');
}

/** Lints one file's text as `kind` (by default fluent.conf). */
export function lintFile(input: LintInput, service: FluentdLanguageService, kind: FileKind = FLUENT_CONF): Diagnostic[] {
  return kind.lint(input, service);
}
