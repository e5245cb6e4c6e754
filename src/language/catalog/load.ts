// Extra catalogue files (setting `fluentd.catalogs`) for in-house plugins: same
// shape as the shared catalog.json. A bad file is reported, never thrown.
import { readFileSync } from 'node:fs';
import { Catalog } from './catalog';
import { defaultCatalog } from './index';
import { normalizeCatalog } from './normalize';

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
  read: (path: string) => string = (p) => readFileSync(p, 'utf8'),
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
      errors.push({ path, message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` });
      continue;
    }
    const { data, errors: problems } = normalizeCatalog(raw, path);
    for (const message of problems) errors.push({ path, message });
    if (Object.keys(data.plugins).length === 0) {
      if (!problems.length) errors.push({ path, message: 'the file defines no plugins' });
      continue;
    }
    catalog = catalog.merge(data);
  }
  return { catalog, errors };
}
