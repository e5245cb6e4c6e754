// Formatting the fluent.conf blocks of a ConfigMap YAML is offered only when the YAML,
// read back with the edits, holds exactly the formatted configs. Reading the YAML back
// once per block made a file of many ConfigMaps quadratic (93 blocks in 500 KB: 5 s);
// all blocks are checked with one reading, and only when that fails a few alone.
import { TextDocument, type TextEdit } from 'vscode-languageserver-textdocument';
import { readManifests, type Manifests } from './manifests';

/** The edits of one `data` key, and the config the key must hold after them. */
export interface BlockEdit {
  configMapId: string;
  key: string;
  expected: string;
  yamlEdits: TextEdit[];
}

/** Blocks checked one by one when checking them together fails. */
const MAX_ALONE = 4;

function holds(m: Manifests, b: BlockEdit): boolean {
  return !m.errors.length && m.configMaps.find((c) => c.id === b.configMapId)?.keys.find((k) => k.key === b.key)?.text === b.expected;
}

/** The YAML edits of the blocks that read back exactly as formatted. */
export function verifiedYamlEdits(doc: TextDocument, blocks: readonly BlockEdit[]): TextEdit[] {
  if (!blocks.length) return [];
  const all = blocks.flatMap((b) => b.yamlEdits);
  const together = readManifests(TextDocument.applyEdits(doc, all));
  if (blocks.every((b) => holds(together, b))) return all;
  const out: TextEdit[] = [];
  for (const b of blocks.slice(0, MAX_ALONE))
    if (holds(readManifests(TextDocument.applyEdits(doc, b.yamlEdits)), b)) out.push(...b.yamlEdits);
  return out;
}
