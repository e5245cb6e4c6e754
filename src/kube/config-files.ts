// The Fluentd config that goes into the ConfigMap: the main file plus its @include files, and
// how they map to ConfigMap keys and mount paths (keys cannot contain '/').
import { createHash } from 'node:crypto';

export interface ConfigFile {
  /** Path relative to the main file's directory, '/'-separated; the first file is the main config. */
  path: string;
  text: string;
}

/** Where the config is mounted in the Fluentd container (the image reads /fluentd/etc/fluent.conf). */
export const CONFIG_MOUNT_PATH = '/fluentd/etc';
export const MAIN_CONFIG_KEY = 'fluent.conf';
/** ConfigMaps are limited to 1 MiB in total. */
export const CONFIG_MAP_LIMIT = 1024 * 1024;

export class ConfigFilesError extends Error {
  override readonly name = 'ConfigFilesError';
}

export interface ConfigMapLayout {
  data: Record<string, string>;
  /** ConfigMap volume items: key → path under the mount point. */
  items: { key: string; path: string }[];
}

const KEY = /^[-._a-zA-Z0-9]+$/;

/** The main file becomes fluent.conf; an include `conf.d/a.conf` becomes key `conf.d_a.conf` at path conf.d/a.conf. */
export function configMapLayout(files: readonly ConfigFile[]): ConfigMapLayout {
  if (!files.length) throw new ConfigFilesError('No Fluentd config to deploy.');
  const data: Record<string, string> = {};
  const items: { key: string; path: string }[] = [];
  let total = 0;
  files.forEach((f, i) => {
    const path = i === 0 ? MAIN_CONFIG_KEY : f.path;
    if (i > 0 && (path.startsWith('/') || path.split('/').some((seg) => seg === '..' || seg === '' || seg === '.'))) {
      throw new ConfigFilesError(
        `Included file "${f.path}" is outside the config's folder; only files next to or below fluent.conf can be deployed.`,
      );
    }
    const key = path.replace(/\//g, '_');
    if (!KEY.test(key))
      throw new ConfigFilesError(
        `Included file "${f.path}" has characters a ConfigMap key cannot hold (use letters, digits, '-', '_', '.').`,
      );
    if (key in data)
      throw new ConfigFilesError(`Included files "${f.path}" and another file map to the same ConfigMap key "${key}"; rename one.`);
    data[key] = f.text;
    items.push({ key, path });
    total += Buffer.byteLength(key) + Buffer.byteLength(f.text);
  });
  if (total > CONFIG_MAP_LIMIT) {
    throw new ConfigFilesError(`The config is ${total} bytes; a ConfigMap holds at most ${CONFIG_MAP_LIMIT} bytes.`);
  }
  return { data, items };
}

/** sha256 of the ConfigMap data (order-independent): the DaemonSet's checksum/config annotation. */
export function configChecksum(data: Readonly<Record<string, string>>): string {
  const h = createHash('sha256');
  for (const key of Object.keys(data).sort()) h.update(`${key}\0${data[key]}\0`);
  return h.digest('hex');
}
