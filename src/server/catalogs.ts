// Catalogue reloading for the `fluentd.catalogs` setting: the bundled catalogue merged with
// the extra files, loaded again only when the setting names other files (or the deploy image
// changes, or the workspace becomes trusted); each problem with a file is warned about once,
// when it is loaded. Which files may be read at all is catalog-access.ts's decision.
import { homedir } from 'node:os';
import type { Catalog } from '../language/catalog';
import { loadCatalogFiles } from '../language/catalog/load';
import { catalogAccess, catalogRefusal, type CatalogAccess } from './catalog-access';
import { resolveSettingPath } from './settings';

export class CatalogSetting {
  private inUse = '';
  /** Trust and workspace folders (trusted until the client says otherwise). */
  access: CatalogAccess = catalogAccess(true, []);

  constructor(private readonly warn: (message: string) => void) {}

  /** The user trusted the workspace: every listed file may now be read. */
  trust(): void {
    this.access = { ...this.access, trusted: true };
  }

  /**
   * The catalogue when `catalogs` names other files, or the deploy image (whose plugin check
   * the server adds) is another, or the trust changed, since last time; undefined when unchanged.
   */
  reload(catalogs: readonly string[], deployImage: string | undefined, workspaceRoot: string | undefined): Catalog | undefined {
    const paths = catalogs.map((p) => resolveSettingPath(p, workspaceRoot, homedir()));
    const key = JSON.stringify([paths, deployImage, this.access.trusted]);
    if (key === this.inUse) return undefined;
    this.inUse = key;
    const refused = paths.flatMap((path) => {
      const why = catalogRefusal(path, this.access);
      return why ? [{ path, message: why }] : [];
    });
    const { catalog, errors } = loadCatalogFiles(paths.filter((p) => !refused.some((r) => r.path === p)));
    for (const e of [...refused, ...errors]) this.warn(`fluentd.catalogs: ${e.path}: ${e.message}`);
    return catalog;
  }
}
