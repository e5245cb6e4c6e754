// The plugin catalogue: the bundled facts (catalog.data.json, built by
// scripts/build-catalog.mjs from ../shared/fluentd/catalog.json) behind a lazy singleton.
import { Catalog } from './catalog';
import data from './catalog.data.json';
import type { CatalogData } from './types';

export { Catalog, COMPAT_TARGET, RESERVED_KEYS, own, writtenType, type CompatHit, type ElementRole, type ResolvedElement } from './catalog';
export { closest, damerauLevenshtein, defaultBound } from './did-you-mean';
export { normalizeCatalog, CATALOG_FORMAT, type NormalizeResult } from './normalize';
export * from './types';

let instance: Catalog | undefined;

/** The bundled catalogue, loaded on first use and shared. */
export function defaultCatalog(): Catalog {
  return (instance ??= new Catalog(data as unknown as CatalogData));
}
