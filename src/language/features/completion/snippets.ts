// Snippet text for completion items: escaping and the body of a new element.
import type { Catalog, ParamDef, SectionDef } from '../../catalog';
import { showDefault } from '../hover';
import { LOG_LEVELS } from '../../plugin-summaries';

/** Escapes text for a snippet placeholder (`$`, `}`, `\`). */
export function esc(s: string): string {
  return s.replace(/[$}\\]/g, '\\$&');
}

/** Escapes text for one option of a snippet choice (`${1|a,b|}`). */
function escChoice(s: string): string {
  return s.replace(/[$}\\,|]/g, '\\$&');
}

/** `${n|a,b|}` with `first` moved to the front (the default is what Enter keeps). */
export function choice(n: number, options: readonly string[], first?: string): string {
  const list = first !== undefined && options.includes(first) ? [first, ...options.filter((o) => o !== first)] : [...options];
  return `\${${n}|${list.map(escChoice).join(',')}|}`;
}

/** The value part of a parameter snippet: a choice for enum/bool, else a placeholder with the default. */
export function valueSnippet(def: ParamDef, n: number): string {
  if (def.name === '@log_level') return choice(n, LOG_LEVELS, 'info');
  if (def.type === 'enum' && def.list?.length) return choice(n, def.list, typeof def.default === 'string' ? def.default : undefined);
  if (def.type === 'bool') return choice(n, ['true', 'false'], def.default === false ? 'false' : 'true');
  if (def.default === null || def.default === undefined || def.required) return `\${${n}}`;
  const shown = configLiteral(def.default, def.type);
  if (shown === '' || shown === '[]' || shown === '{}') return `\${${n}}`;
  return `\${${n}:${esc(shown)}}`;
}

/** A default as one would write it: times and sizes with their unit when exact (86400 → 1d). */
export function configLiteral(v: unknown, type: string): string {
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) {
    const units: [string, number][] =
      type === 'time'
        ? [
            ['d', 86400],
            ['h', 3600],
            ['m', 60],
          ]
        : type === 'size'
          ? [
              ['t', 1024 ** 4],
              ['g', 1024 ** 3],
              ['m', 1024 ** 2],
              ['k', 1024],
            ]
          : [];
    for (const [u, size] of units) if (v % size === 0) return `${v / size}${u}`;
    if (type === 'time') return `${v}s`;
  }
  return showDefault(v, type);
}

const DIRECTIVE_BODIES: Record<string, string> = {
  source: '<source>\n  @type ${1}\n  ${0}\n</source>',
  match: '<match ${1:**}>\n  @type ${2}\n  ${0}\n</match>',
  filter: '<filter ${1:**}>\n  @type ${2}\n  ${0}\n</filter>',
  label: '<label ${1:@NAME}>\n  <match ${2:**}>\n    @type ${3}\n    ${0}\n  </match>\n</label>',
  system: '<system>\n  ${0}\n</system>',
  worker: '<worker ${1:0}>\n  ${0}\n</worker>',
};

/** Whether the snippet for `name` leaves the cursor on an empty `@type` (worth re-triggering completion). */
export function opensOnType(name: string, section?: SectionDef): boolean {
  if (DIRECTIVE_BODIES[name]) return name === 'source';
  return !!section?.plugin_kind && typeOfSection(section) === undefined;
}

function typeOfSection(section: SectionDef): string | undefined {
  const t = section.params.find((p) => p.name === '@type');
  return typeof t?.default === 'string' ? t.default : undefined;
}

/**
 * A new element: the directive templates, or a section with its argument, its
 * `@type` when it has no default, and its required parameters as placeholders.
 */
export function elementSnippet(name: string, section: SectionDef | undefined, catalog: Catalog): string {
  const directive = DIRECTIVE_BODIES[name];
  if (directive) return directive;
  let n = 1;
  let open = `<${name}`;
  // an optional argument is usually an internal default (`<parse in_tail_parser>`): left
  // out; buffer chunk keys are the exception worth a placeholder (`tag`, since `time`
  // needs a timekey)
  if (name === 'buffer' && section?.argument) open += ` \${${n++}:tag}`;
  else if (section?.argument?.required) open += ` \${${n++}:${esc(section.argument.name)}}`;
  const body: string[] = [];
  if (section?.plugin_kind && typeOfSection(section) === undefined) {
    const names = catalog.pluginNames(section.plugin_kind);
    body.push(`  @type ${names.length && names.length <= 12 ? choice(n++, names) : `\${${n++}}`}`);
  }
  for (const p of section?.params ?? []) {
    if (p.required && p.name !== '@type') body.push(`  ${p.name} ${valueSnippet(p, n++)}`);
  }
  body.push('  ${0}');
  return `${open}>\n${body.join('\n')}\n</${name}>`;
}
