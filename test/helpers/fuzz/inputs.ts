// Seeded fuzz inputs for `npm run fuzz` (scripts/fuzz.ts), the bench's fuzz run and the
// unit tier: mutated real configs, ConfigMap YAML holding them, and include trees on
// disk with what a hostile repository can hold (self-links and links up the tree, links
// to /dev/zero, FIFOs and /proc, include cycles, folders of hundreds of files, glob and
// brace bombs). Input i of seed s is the same on every machine: its generator is seeded
// with (s, i), so one input can be replayed alone.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { configMapManifest } from '../config-map';
import { mutate } from '../mutate';
import { createRng, type Rng } from '../prng';

export type FuzzInput =
  | { kind: 'conf'; text: string; applied: string[] }
  | { kind: 'yaml'; text: string; applied: string[] }
  /** Files under a folder the runner creates; `open` are the ones opened as documents (relative paths). */
  | { kind: 'tree'; files: TreeEntry[]; open: string[]; applied: string[] };

export type TreeEntry =
  { path: string; text: string } | { path: string; link: string } | { path: string; fifo: true } | { path: string; dir: true };

/** The seed of input `i` of a run seeded `seed` (a 32-bit mix, so neighbours differ). */
export function inputSeed(seed: number, i: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Pathological pieces of config: each alone once hung or slowed a check. */
const HOSTILE: ((rng: Rng) => string)[] = [
  (rng) => `<source>\n  @type sample\n  tag ${'a'.repeat(20 + rng.int(30))}!\n</source>\n<match /(a+)+b/>\n  @type null\n</match>\n`,
  (rng) => `<match ${'**.'.repeat(3 + rng.int(10))}b>\n  @type null\n</match>\n`,
  (rng) => `<source>\n  @type sample\n  tag ${Array.from({ length: 40 + rng.int(80) }, (_, i) => `p${i}`).join('.')}\n</source>\n`,
  (rng) => `@include ${'{a,b}'.repeat(4 + rng.int(30))}.conf\n`,
  (rng) => `@include ${'*/'.repeat(2 + rng.int(25))}*.conf\n`,
  () => '@include /dev/zero\n',
  () => '@include /proc/self/status\n',
  () => '@include **/*.conf\n',
  (rng) =>
    `<source>\n  @type tail\n  path /var/log/${'{a,b}'.repeat(3 + rng.int(20))}/*.log\n  tag k.*\n  <parse>\n    @type none\n  </parse>\n</source>\n`,
  (rng) => Array.from({ length: 50 + rng.int(400) }, (_, i) => `<match app${i}.**>\n  @type null\n</match>\n`).join(''),
  (rng) => `<match /${'(a|a)*'.repeat(1 + rng.int(4))}b/>\n  @type null\n</match>\n`,
  (rng) => `${'<label @x>\n'.repeat(50 + rng.int(200))}`,
  (rng) =>
    `<source>\n  @type forward\n</source>\n${Array.from({ length: 30 + rng.int(150) }, (_, i) => `<match {a${i},b${i}}.**>\n  @type null\n</match>\n`).join('')}`,
  (rng) => `  key ${'x'.repeat(1000 + rng.int(50_000))}\n`,
  () => '<match \u001b]0;title\u0007>\n  @type null\n</match>\n',
];

function withHostile(text: string, rng: Rng, applied: string[]): string {
  const k = rng.int(HOSTILE.length);
  applied.push(`hostile#${k}`);
  const piece = HOSTILE[k](rng);
  const lines = text.split('\n');
  lines.splice(rng.int(lines.length + 1), 0, piece);
  return lines.join('\n');
}

/** A mutated corpus config, hostile pieces added to some. */
function config(rng: Rng, corpus: readonly string[]): { text: string; applied: string[] } {
  const m = mutate(rng.pick(corpus), rng, corpus, 6);
  let text = m.text;
  const applied = [...m.applied];
  if (rng.chance(0.35)) text = withHostile(text, rng, applied);
  return { text, applied };
}

/** YAML-level damage on a ConfigMap manifest. */
const YAML_MUTATIONS: Record<string, (y: string, rng: Rng) => string> = {
  escapes: (y) => y.replace(/ {2}(\w+\.conf): \|\n/, '  $1: "<match x>\\n  @type null\\n  fo\\e[2Jo 1\\n</match>\\n"\n  other.conf: |\n'),
  aliases: () => {
    // a billion laughs: the YAML reader must refuse, not expand
    let y = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
    for (let i = 1; i < 12; i++)
      y += `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
        .fill(`*${String.fromCharCode(96 + i)}`)
        .join(',')}]\n`;
    return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  fluent.conf: |\n    <match x>\n      @type null\n    </match>\n---\n${y}`;
  },
  deep: (y, rng) => `${y}---\nx: ${'['.repeat(100 + rng.int(3000))}\n`,
  tabs: (y) => y.replace(/\n {4}/g, '\n\t'),
  manyDocs: (y, rng) => Array.from({ length: 2 + rng.int(5) }, () => y).join('---\n'),
  truncate: (y, rng) => y.slice(0, rng.int(y.length + 1)),
  noise: (y, rng) => {
    const i = rng.int(y.length + 1);
    return y.slice(0, i) + rng.pick([': ', '- ', '|', '>', '"', "'", '&x ', '*x', '!!binary ', '%YAML 1.2\n', '\t', '#']) + y.slice(i);
  },
};

function yaml(rng: Rng, corpus: readonly string[]): { text: string; applied: string[] } {
  const keys: Record<string, string> = {};
  const applied: string[] = [];
  const n = 1 + rng.int(3);
  for (let k = 0; k < n; k++) {
    const c = config(rng, corpus);
    applied.push(...c.applied.map((a) => `key${k}:${a}`));
    keys[k === 0 ? 'fluent.conf' : `part${k}.conf`] = c.text;
  }
  if (n > 1) keys['fluent.conf'] = `@include part1.conf\n${keys['fluent.conf']}`;
  let text = configMapManifest(keys, rng.chance(0.5) ? ['AWS_REGION', 'X'] : null);
  const names = Object.keys(YAML_MUTATIONS);
  for (let k = rng.int(3); k > 0; k--) {
    const name = rng.pick(names);
    applied.push(`yaml:${name}`);
    text = YAML_MUTATIONS[name](text, rng);
  }
  return { text, applied };
}

/** Links a hostile repository can commit, relative to the folder they sit in. */
const LINKS = ['.', '..', '../..', '/dev/zero', '/dev/null', '/dev/urandom', '/proc/self/status', '/proc/self/fd/0', 'missing.conf', '/'];

function tree(rng: Rng, corpus: readonly string[]): FuzzInput {
  const files: TreeEntry[] = [];
  const applied: string[] = [];
  const dirs = ['conf.d', 'conf.d/sub', 'k8s'];
  for (const d of dirs) files.push({ path: d, dir: true });
  const includes = [
    '@include conf.d/*.conf',
    '@include conf.d/**/*.conf',
    '@include k8s/*.conf',
    '@include */*/*.conf',
    '@include {conf.d,k8s}/{a,b,c}*.conf',
    '@include loop.conf',
    '@include conf.d/fifo.conf',
    '@include conf.d/zero.conf',
    '@include many/*.conf',
  ];
  const root = config(rng, corpus);
  const chosen = includes.filter(() => rng.chance(0.4));
  applied.push(...root.applied, ...chosen.map((c) => `root:${c}`));
  files.push({ path: 'fluent.conf', text: `${chosen.join('\n')}\n${root.text}` });
  const fragments = 1 + rng.int(6);
  for (let k = 0; k < fragments; k++) {
    const c = config(rng, corpus);
    const dir = rng.pick(dirs);
    const name = `${rng.pick(['a', 'b', 'c', 'x'])}${k}.conf`;
    // some fragments include back up the tree: include cycles
    const back = rng.chance(0.2) ? '@include ../fluent.conf\n' : '';
    files.push({ path: `${dir}/${name}`, text: back + c.text });
  }
  files.push({ path: 'loop.conf', text: '@include loop.conf\n@include fluent.conf\n' });
  for (let k = rng.int(5); k > 0; k--) {
    const link = rng.pick(LINKS);
    const dir = rng.pick(['', ...dirs]);
    applied.push(`link:${dir}->${link}`);
    files.push({ path: join(dir, `l${k}${rng.chance(0.5) ? '.conf' : ''}`), link });
  }
  files.push({ path: 'conf.d/zero.conf', link: '/dev/zero' });
  if (rng.chance(0.3)) {
    applied.push('fifo');
    files.push({ path: 'conf.d/fifo.conf', fifo: true });
  }
  if (rng.chance(0.1)) {
    // a huge glob: a folder of hundreds of configs
    const count = 100 + rng.int(400);
    applied.push(`many:${count}`);
    for (let k = 0; k < count; k++) files.push({ path: `many/m${k}.conf`, text: `<match m${k}.**>\n  @type null\n</match>\n` });
  }
  const open = ['fluent.conf'];
  const fragment = files.find((f) => 'text' in f && f.path !== 'fluent.conf' && f.path !== 'loop.conf');
  if (fragment) open.push(fragment.path);
  return { kind: 'tree', files, open, applied };
}

/** Input `i` of a run seeded `seed`. */
export function fuzzInput(seed: number, i: number, corpus: readonly string[]): FuzzInput {
  const rng = createRng(inputSeed(seed, i));
  const r = rng.next();
  if (r < 0.5) return { kind: 'conf', ...config(rng, corpus) };
  if (r < 0.75) return { kind: 'yaml', ...yaml(rng, corpus) };
  return tree(rng, corpus);
}

/** Writes a tree input under `root` (which must exist and be empty); a FIFO entry is a link to the FIFO at `fifo`. */
export function writeTree(root: string, files: readonly TreeEntry[], fifo: string): void {
  for (const f of files) {
    const p = join(root, f.path);
    mkdirSync(dirname(p), { recursive: true });
    try {
      if ('dir' in f) mkdirSync(p, { recursive: true });
      else if ('link' in f) symlinkSync(f.link, p);
      else if ('fifo' in f) symlinkSync(fifo, p);
      else writeFileSync(p, f.text);
    } catch {
      // two entries on one path: the first stays
    }
  }
}
