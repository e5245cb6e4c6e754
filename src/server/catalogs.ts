// Catalogue reloading for the `fluentd.catalogs` setting: the bundled catalogue merged with
// the extra files, loaded again only when the setting names other files (or the deploy image changes); each problem with
// a file is warned about once, when it is loaded.
import { homedir } from 'node:os';
import type { Catalog } from '../language/catalog';
import { loadCatalogFiles } from '../language/catalog/load';
import { resolveSettingPath } from './settings';

export class CatalogSetting {
  private inUse = '';

  constructor(private readonly warn: (message: string) => void) {}

  /**
   * The catalogue when `catalogs` names other files, or the deploy image (whose plugin check
   * the server adds) is another, than last time; undefined when unchanged.
   */
  reload(catalogs: readonly string[], deployImage: string | undefined, workspaceRoot: string | undefined): Catalog | undefined {
    const paths = catalogs.map((p) => resolveSettingPath(p, workspaceRoot, homedir()));
    const key = JSON.stringify([paths, deployImage]);
    if (key === this.inUse) return undefined;
    this.inUse = key;
    const { catalog, errors } = loadCatalogFiles(paths);
    for (const e of errors) this.warn(`fluentd.catalogs: ${e.path}: ${e.message}`);
    return catalog;
  }
}
