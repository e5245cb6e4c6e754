// How hover and messages say numbers: "2,097,152 bytes", "30,000 seconds (8h 20m)", "5 MiB".

// one formatter for every number: toLocaleString builds a new one per call, which made
// this the slowest step of checking a file with many time values
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
const group = (n: number): string => NUMBER.format(n);

/** "2,097,152 bytes" */
export function formatBytes(n: number): string {
  return `${group(n)} byte${n === 1 ? '' : 's'}`;
}

/** "30,000 seconds (8h 20m)" — the parenthesis only where it helps. */
export function formatSeconds(n: number): string {
  const base = `${group(n)} second${n === 1 ? '' : 's'}`;
  if (!Number.isFinite(n) || Math.abs(n) < 60) return base;
  let rest = Math.round(Math.abs(n));
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return `${base} (${n < 0 ? '-' : ''}${parts.join(' ')})`;
}

/** Binary-unit shorthand when exact: 5242880 → "5 MiB". */
export function iec(n: number): string | undefined {
  for (const [unit, size] of [
    ['TiB', 1024 ** 4],
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const) {
    if (n !== 0 && n % size === 0) return `${n / size} ${unit}`;
  }
  return undefined;
}
