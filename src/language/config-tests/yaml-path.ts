// Where the cursor is in a block-style YAML file, read from indentation (a half-typed line is
// no valid YAML yet, but its indentation already says where it belongs): the keys and list
// items above it, and whether a key or a value is being typed.
import type { Position } from '../types';

/** A key, or '[]' for an item of a list. */
export type PathPart = string;

export interface YamlContext {
  /** From the root down to the mapping (or list) the cursor is in. */
  path: PathPart[];
  /** 'key': a key is typed; 'value': the value of `key`; 'item': a scalar item of the list at `path`. */
  mode: 'key' | 'value' | 'item';
  key?: string;
  /** What is typed so far (of the key, the value or the item). */
  prefix: string;
  /** Character where the typed text starts on the line. */
  start: number;
}

interface LineShape {
  /** Columns of the `- ` markers. */
  dashes: number[];
  /** Column where the content (after indentation and dashes) starts. */
  content: number;
  key?: string;
  /** Text after `key:` (trimmed), '' when the value follows on the next lines. */
  value?: string;
  blank: boolean;
}

const KEY = /^((?:"[^"]*"|'[^']*'|[^\s:#'"{}[\],][^:#]*?)):(?:\s+|$)(.*)$/;

function unquote(k: string): string {
  return (k.startsWith('"') && k.endsWith('"')) || (k.startsWith("'") && k.endsWith("'")) ? k.slice(1, -1) : k;
}

function shapeOf(line: string): LineShape {
  const dashes: number[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ') i++;
    if (line[i] === '-' && (line[i + 1] === ' ' || i + 1 === line.length)) {
      dashes.push(i);
      i++;
      continue;
    }
    break;
  }
  const rest = line.slice(i);
  if (rest === '' || rest.startsWith('#')) return { dashes, content: i, blank: dashes.length === 0 };
  const m = KEY.exec(rest);
  if (!m) return { dashes, content: i, blank: false };
  return { dashes, content: i, key: unquote(m[1].trim()), value: m[2].replace(/\s+#.*$/, '').trim(), blank: false };
}

export function yamlContextAt(text: string, pos: Position): YamlContext {
  const lines = text.split('\n');
  const full = (lines[pos.line] ?? '').replace(/\r$/, '');
  const before = full.slice(0, pos.character);
  const here = shapeOf(before);
  const parts: PathPart[] = [];
  let ctx: Omit<YamlContext, 'path'>;
  if (here.key !== undefined && before.slice(here.content).includes(':')) {
    const afterColon = before.slice(here.content).replace(/^[^:]*:\s*/, '');
    ctx = { mode: 'value', key: here.key, prefix: afterColon, start: before.length - afterColon.length };
  } else {
    const typed = before.slice(here.content);
    ctx = { mode: 'key', prefix: typed, start: here.content };
  }
  // the list items this line opens
  let col: number;
  if (here.dashes.length) {
    for (let k = here.dashes.length - 1; k >= 0; k--) parts.unshift('[]');
    col = here.dashes[0];
  } else col = here.content;
  // a blank line takes the cursor's column as its indentation
  if (here.blank && !here.dashes.length) col = pos.character;
  for (let l = pos.line - 1; l >= 0 && col > 0; l--) {
    const s = shapeOf((lines[l] ?? '').replace(/\r$/, ''));
    if (s.blank || (s.key === undefined && !s.dashes.length)) continue;
    if (s.content < col) {
      if (s.key !== undefined) parts.unshift(s.key);
      col = s.content;
    }
    for (let k = s.dashes.length - 1; k >= 0; k--) {
      if (s.dashes[k] < col) {
        parts.unshift('[]');
        col = s.dashes[k];
      }
    }
  }
  // a flow mapping on the line (`input: { source: in_`): the key inside it
  if (ctx.mode === 'value' && ctx.key !== undefined) {
    const flow = /[{,]\s*([A-Za-z_$][\w$.[\]'"-]*)\s*:\s*([^,{}[\]]*)$/.exec(ctx.prefix);
    if (flow && ctx.prefix.includes('{')) {
      parts.push(ctx.key);
      const prefix = flow[2];
      ctx = { mode: 'value', key: unquote(flow[1]), prefix, start: before.length - prefix.length };
    }
  }
  // `- ` typed under a key whose value is a list of scalars: an item, not a key
  if (ctx.mode === 'key' && here.dashes.length && !ctx.prefix.includes(':')) {
    return { path: parts, ...ctx, mode: 'item' };
  }
  return { path: parts, ...ctx };
}
