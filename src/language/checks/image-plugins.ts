// Which plugins a fluent/fluentd-kubernetes-daemonset image ships. Each variant of the image
// (debian-cloudwatch, debian-kinesis, …) installs a fixed set of gems; a config that names a
// plugin its image lacks makes Fluentd refuse to start ("Unknown output plugin"), which today
// shows up only as a crash-looping pod. The data (image-plugins.data.json) is generated from the
// variants' Gemfiles by scripts/build-image-plugins.mjs.
//
// Only the catalogue's third-party plugins are judged: Fluentd's own plugins are in every image,
// and a plugin outside the catalogue is already reported as unknown by the @type check.
import type { PluginKind } from '../catalog';
import type { Diagnostic } from '../types';
import type { Check } from './check';
import data from './image-plugins.data.json';
import { diag, resolvedElements } from './util';

interface ImagePluginData {
  source: string;
  repository: string;
  variants: string[];
  plugins: Record<string, { gem: string; variants: string[] | 'all' }>;
}

const DATA = data as ImagePluginData;
// Longest first: "debian-kafka2" must win over "debian-kafka".
const BY_LENGTH = [...DATA.variants].sort((a, b) => b.length - a.length);

export interface DaemonsetImage {
  image: string;
  /** The variant the tag names, e.g. `debian-kinesis`. */
  variant: string;
}

/**
 * The variant of a fluent/fluentd-kubernetes-daemonset image reference (`…:v1.19-debian-kinesis-1`,
 * `docker.io/fluent/…:v1.19.3-debian-kinesis-amd64-1.0`); undefined for any other image, or a tag
 * that names no known variant (then nothing can be said about its plugins).
 */
export function daemonsetImage(image: string): DaemonsetImage | undefined {
  const ref = image.trim();
  const at = ref.indexOf('@');
  const withoutDigest = at >= 0 ? ref.slice(0, at) : ref;
  const colon = withoutDigest.lastIndexOf(':');
  if (colon < 0 || withoutDigest.indexOf('/', colon) >= 0) return undefined;
  const repo = withoutDigest.slice(0, colon).replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
  if (repo !== DATA.repository) return undefined;
  const tag = withoutDigest.slice(colon + 1);
  for (const v of BY_LENGTH) {
    const i = tag.indexOf(`-${v}`);
    const after = tag.charAt(i + v.length + 1);
    if (i >= 0 && (after === '' || after === '-')) return { image: ref, variant: v };
  }
  return undefined;
}

export interface MissingPlugin {
  kind: PluginKind;
  name: string;
  gem: string;
  /** Variants that do ship it (may be empty). */
  variants: string[];
}

/** The plugin `kind/name` when `variant` lacks it; undefined when it is there (or not judged). */
export function missingFromVariant(kind: PluginKind, name: string, variant: string): MissingPlugin | undefined {
  const entry = DATA.plugins[`${kind}/${name}`];
  if (!entry || entry.variants === 'all' || entry.variants.includes(variant)) return undefined;
  return { kind, name, gem: entry.gem, variants: [...entry.variants] };
}

/** The sentence both the editor and the deploy use. */
export function missingPluginMessage(m: MissingPlugin, image: DaemonsetImage): string {
  const where = m.variants.length ? `the variants that have it: ${m.variants.join(', ')}` : `no ${DATA.repository} variant ships it`;
  return (
    `The ${m.kind} plugin '${m.name}' is not in the image ${image.image}: its variant ${image.variant} lacks the gem ` +
    `${m.gem} (${where}). Fluentd would refuse to start.`
  );
}

/** A check for the plugins of one image; no findings when the image is not a known variant. */
export function imagePluginCheck(imageRef: string): Check {
  const image = daemonsetImage(imageRef);
  return (ctx) => {
    if (!image) return [];
    const out: Diagnostic[] = [];
    for (const r of resolvedElements(ctx)) {
      if (!r.pluginKind || !r.typeName || !r.typeWritten) continue;
      const missing = missingFromVariant(r.pluginKind, r.typeName, image.variant);
      if (!missing) continue;
      const typeParam = r.element.children.find((c) => c.kind === 'param' && (c.key === '@type' || c.key === 'type'));
      const range = typeParam?.kind === 'param' ? (typeParam.value?.range ?? typeParam.range) : r.element.openRange;
      out.push(diag(range, 'error', 'plugin-not-in-image', missingPluginMessage(missing, image), { ...missing, image: image.image }));
    }
    return out;
  };
}
