// Fluentd's size type, and what hover says of a size value.
import { coerced, type ConvertOptions, type Converted } from './converted';
import { formatBytes, iec } from './display';
import { rubyToI, scaledByUnit } from './ruby-string';

const SIZE_UNITS: [string, number][] = [
  ['kK', 1024],
  ['mM', 1024 ** 2],
  ['gG', 1024 ** 3],
  ['tT', 1024 ** 4],
];

/** What a person most likely meant by a size (bytes and how to say it), or undefined when it does not look like one. */
function intendedSize(text: string): { bytes: number; label: string } | undefined {
  // trimmed first: adjacent optional blanks around an optional unit would backtrack quadratically
  const m = /^([+-]?\d+(?:\.\d+)?)(?: *(?:(b|bytes?)|([kmgt])(?:i?b)?))?$/i.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!m[3]) return { bytes: n, label: formatBytes(n) };
  const u = m[3].toUpperCase();
  return { bytes: n * 1024 ** ('KMGT'.indexOf(u) + 1), label: `${m[1]} ${u}iB` };
}

/**
 * Fluentd's size: the first of k, m, g, t (any case, powers of 1024) found right
 * after digits anywhere in the text (unanchored: `1.5m` is 5 MiB, `8 MB` is 8 bytes);
 * otherwise `to_i`.
 */
export function sizeValue(text: string, opts: ConvertOptions = {}): Converted<number> {
  const value = scaledByUnit(text, SIZE_UNITS) ?? rubyToI(text);
  const meant = intendedSize(text);
  if (meant?.bytes === value) return { value };
  const short = iec(value);
  const uses = `${formatBytes(value)}${short ? ` (${short})` : ''}`;
  let why: string;
  if (meant !== undefined) {
    why =
      /\s/.test(text.trim()) && !/\d[kmgt]/i.test(text)
        ? `Fluentd reads '${text}' as ${uses}: the unit must follow the number directly (e.g. '${text.trim().replace(/\s+/g, '')}').`
        : `Fluentd reads only the digits right before the unit: '${text}' is ${uses}, not ${meant.label}.`;
  } else {
    why = `'${text}' is not a size Fluentd understands (number + k/m/g/t): it will use ${uses}.`;
  }
  return coerced(value, why, opts);
}

/** "2m = 2,097,152 bytes" — what hover shows for a size value. */
export function describeSize(text: string): string {
  const { value } = sizeValue(text);
  const short = iec(value);
  return `${text.trim()} = ${formatBytes(value)}${short && !text.trim().startsWith(String(value)) ? ` (${short})` : ''}`;
}
