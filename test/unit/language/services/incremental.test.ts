// Incremental re-checking must answer exactly as checking from scratch: one language service
// receives version after version of each corpus file (seeded random edits, including ones that
// open or close elements and strings), so it reparses, keeps the findings of the nodes it took
// over, keeps their config-tree items and routing facts; after every version its diagnostics,
// outline, folding, links, code lenses, event routes, formatting, hover and definition must equal
// those of a new service that sees only that version. The files are checked where they are on
// disk, so @include reads their real neighbours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeFileSystem } from '../../../../src/language/node-file-system';
import { FluentdLanguageService } from '../../../../src/language/service';
import { corpus10k } from '../../../../bench/corpus10k';
import { acceptedButWrong, corpusAvailable, invalidCases, validConfigs } from '../../../helpers/corpus';
import { applyEdit, randomEdit } from '../../../helpers/edits';
import { createRng, seedFromEnv, type Rng } from '../../../helpers/prng';

const SEED = seedFromEnv('INCREMENTAL_SEED');

/** Everything the service answers about a document (at positions sampled with `rng`, and on @label and @include values). */
function answers(service: FluentdLanguageService, doc: TextDocument, rng: Rng): unknown {
  const text = doc.getText();
  const positions = [0, 1, 2].map(() => doc.positionAt(rng.int(text.length + 1)));
  for (const m of [...text.matchAll(/(@label|@include)[ \t]+\S/g)].slice(-4)) positions.push(doc.positionAt(m.index + m[0].length));
  return {
    diagnostics: service.diagnostics(doc),
    validate: service.validate(doc),
    symbols: service.documentSymbols(doc),
    folding: service.foldingRanges(doc),
    links: service.documentLinks(doc),
    lenses: service.codeLenses(doc),
    routes: service.eventRoutes(doc),
    format: service.format(doc),
    at: positions.map((p) => ({
      hover: service.hover(doc, p),
      definition: service.definition(doc, p),
      routes: service.eventRoutes(doc, p),
    })),
  };
}

/** How the answers of `incremental` on `doc` differ from a new service's, or undefined (the same positions for both). */
function differenceFromFresh(incremental: FluentdLanguageService, doc: TextDocument, rng: Rng): string | undefined {
  const seed = rng.int(2 ** 31);
  const got = answers(incremental, doc, createRng(seed));
  const fresh = answers(new FluentdLanguageService({ fileSystem: nodeFileSystem }), doc, createRng(seed));
  try {
    assert.deepStrictEqual(got, fresh);
    return undefined;
  } catch (e) {
    return (e as Error).message.slice(0, 2000);
  }
}

/** The first version whose answers differ, or undefined; `edits` versions of `start`. */
function firstDifference(uri: string, start: string, edits: number, rng: Rng, donors: string[]): string | undefined {
  const incremental = new FluentdLanguageService({ fileSystem: nodeFileSystem });
  let doc = TextDocument.create(uri, 'fluentd', 1, start);
  incremental.validate(doc);
  for (let k = 0; k < edits; k++) {
    const edit = randomEdit(doc.getText(), rng, donors);
    doc = TextDocument.create(uri, 'fluentd', doc.version + 1, applyEdit(doc.getText(), edit));
    const diff = differenceFromFresh(incremental, doc, rng);
    if (diff) return `edit ${k} ${JSON.stringify(edit)} of ${uri}:\n${diff}`;
  }
  return undefined;
}

test(`a service fed edit after edit answers as a new one, on every corpus file (seed ${SEED})`, { skip: !corpusAvailable() }, () => {
  const files = [...validConfigs(), ...invalidCases(), ...acceptedButWrong()];
  const donors = files.map((f) => f.text);
  const rng = createRng(SEED);
  const bad: string[] = [];
  for (const f of files) {
    const d = firstDifference(pathToFileURL(f.path).href, f.text, 10, rng, donors);
    if (d) bad.push(`seed ${SEED}: ${d}`);
    if (bad.length >= 3) break;
  }
  assert.deepEqual(bad, []);
});

test(`the same on the 10,000-line config (seed ${SEED})`, { skip: !corpusAvailable() }, () => {
  const donors = validConfigs().map((f) => f.text);
  const d = firstDifference('file:///bench/fluent-10k.conf', corpus10k(), 12, createRng(SEED ^ 0x9e3779b9), donors);
  assert.equal(d, undefined, `seed ${SEED}: ${d}`);
});

// ConfigMap keys: today each version of a YAML document parses its keys afresh (the ConfigMap
// documents forget the previous version's key documents), so nothing of the incremental path is
// taken there; this holds the answers equal should the keys ever be reparsed or their findings kept.

/** A ConfigMap holding `main` as fluent.conf and `other` as an @included key, as the YAML document the editor has open. */
function configMap(main: string, other: string): string {
  const block = (t: string) =>
    t
      .replace(/\r/g, '')
      .split('\n')
      .map((l) => (l ? `    ${l}` : ''))
      .join('\n');
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fluentd-config\ndata:\n  fluent.conf: |\n${block(`@include other.conf\n${main}`)}\n  other.conf: |\n${block(other)}\n`;
}

test(
  `a ConfigMap's keys edited version after version: the service answers as a new one (seed ${SEED})`,
  { skip: !corpusAvailable() },
  () => {
    const texts = validConfigs().map((f) => f.text);
    const rng = createRng(SEED ^ 0x2545f491);
    const bad: string[] = [];
    for (let file = 0; file < Math.min(texts.length, 40) && bad.length < 3; file++) {
      const uri = `file:///cm/fluentd-configmap-${file}.yaml`;
      let main = texts[file];
      let other = rng.pick(texts);
      const incremental = new FluentdLanguageService({ fileSystem: nodeFileSystem });
      let doc = TextDocument.create(uri, 'yaml', 1, configMap(main, other));
      incremental.validate(doc);
      for (let k = 0; k < 8; k++) {
        // the keys' text is what the fluent.conf service reparses: edit one of them
        if (rng.chance(0.7)) main = applyEdit(main, randomEdit(main, rng, texts));
        else other = applyEdit(other, randomEdit(other, rng, texts));
        doc = TextDocument.create(uri, 'yaml', doc.version + 1, configMap(main, other));
        const diff = differenceFromFresh(incremental, doc, rng);
        if (diff) {
          bad.push(`seed ${SEED}, file ${file}, version ${k}:\n${diff}`);
          break;
        }
      }
    }
    assert.deepEqual(bad, []);
  },
);
