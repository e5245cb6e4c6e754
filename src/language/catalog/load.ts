// Extra catalogue files (setting `fluentd.catalogs`) for in-house plugins: same
// shape as the shared catalog.json. A bad file is reported, never thrown. Only regular
// files are read, capped (a path to /dev/zero once hung the server's start), and no
// message quotes the file: a setting pointing at a credentials file must not show it.
import { readRegularText } from '../read-regular-file';
import { Catalog } from './catalog';
import { defaultCatalog } from './index';
import { NO_PLUGINS_MAP, normalizeCatalog, NOT_AN_OBJECT } from './normalize';

/** Catalogue files larger than this are not read (the bundled one, for 100 plugins, is 250 KB). */
export const MAX_CATALOG_BYTES = 8 * 1024 * 1024;

/**
 * " (line L, column C)" of a JSON.parse error, from the position its message gives; never
 * the message itself, which quotes the text.
 */
export function jsonErrorPlace(text: string, err: unknown): string {
  const m = /position (\d+)/.exec(err instanceof Error ? err.message : '');
  if (!m) return '';
  const at = Math.min(Number(m[1]), text.length);
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return ` (line ${line}, column ${at - before.lastIndexOf('\n')})`;
}

/** normalizeCatalog's messages about the whole file, which quote nothing of it. */
const SHAPE_PROBLEMS = new Set([NOT_AN_OBJECT, NO_PLUGINS_MAP]);

export interface CatalogLoadError {
  path: string;
  message: string;
}

/**
 * The bundled catalogue merged with each readable file, in order (a later file's
 * plugin replaces an earlier one of the same kind/name). Files that cannot be read
 * or parsed are skipped; entries that cannot be understood are skipped too. Every
 * problem is in `errors` with the file it came from.
 */
export function loadCatalogFiles(
  paths: readonly string[],
  read: (path: string) => string = (p) => readRegularText(p, MAX_CATALOG_BYTES),
  base: Catalog = defaultCatalog(),
): { catalog: Catalog; errors: CatalogLoadError[] } {
  let catalog = base;
  const errors: CatalogLoadError[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = read(path);
    } catch (err) {
      errors.push({ path, message: `cannot read the catalogue file: ${err instanceof Error ? err.message : String(err)}` });
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      errors.push({ path, message: `not valid JSON${jsonErrorPlace(text, err)}` });
      continue;
    }
    const { data, errors: problems } = normalizeCatalog(raw, path);
    if (Object.keys(data.plugins).length === 0) {
      // not a catalogue at all (another JSON file): its keys are not worth quoting, nor safe to;
      // a problem with the file's shape (fixed wording, nothing of the file) is worth saying
      const shape = problems.find((m) => SHAPE_PROBLEMS.has(m));
      const more = problems.length - (shape ? 1 : 0);
      errors.push({
        path,
        message: shape ?? `the file defines no plugins${more ? ` (${more} entries not understood)` : ''}`,
      });
      continue;
    }
    for (const message of problems) errors.push({ path, message });
    catalog = catalog.merge(data);
  }
  return { catalog, errors };
}
