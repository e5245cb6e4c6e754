// <buffer> rules Fluentd's Output#configure enforces: a `time` chunk key needs a
// timekey, flush_interval only goes with flush_mode interval, and — for out_file,
// which validates its path against the chunk keys — every chunk key needs its
// placeholder in `path` and every placeholder its chunk key.
import type { ElementNode } from '../parser/ast';
import type { Diagnostic } from '../types';
import type { Check } from './check';
import { resolvedElements, childElements, diag, findParamNode, isEvaluated, valueRange, valueText } from './util';

const TAG_PLACEHOLDER = /\$\{tag(?:\[-?\d+\])?\}/g;
const KEY_PLACEHOLDER = /\$\{([-_.@$a-zA-Z0-9]+)\}/g;

/** Chunk keys as Fluentd splits the <buffer> argument (or the declared default). */
export function chunkKeys(buffer: ElementNode | undefined, fallback: unknown): string[] {
  if (buffer && buffer.arg.trim()) {
    return buffer.arg
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
  }
  return Array.isArray(fallback) ? fallback.map(String) : [];
}

export const bufferCheck: Check = (ctx) => {
  const out: Diagnostic[] = [];
  for (const r of resolvedElements(ctx)) {
    const e = r.element;
    if (e.name === 'buffer' && r.role === 'section' && r.pluginKind === 'buffer') {
      const keys = chunkKeys(e, r.section?.argument?.default);
      const timekey = findParamNode(e, 'timekey');
      const timekeyDefault = r.params.find((p) => p.name === 'timekey')?.default;
      if (keys.includes('time') && !timekey && (timekeyDefault === null || timekeyDefault === undefined)) {
        out.push(
          diag(
            e.argRange ?? e.openRange,
            'error',
            'buffer-time-without-timekey',
            "<buffer ...> argument includes 'time', but timekey is not configured.",
            {
              name: 'timekey',
            },
          ),
        );
      }
      const mode = findParamNode(e, 'flush_mode');
      const interval = findParamNode(e, 'flush_interval');
      if (mode && interval && !isEvaluated(mode) && valueText(mode) !== 'interval') {
        out.push({
          ...diag(
            interval.keyRange,
            'error',
            'flush-interval-with-flush-mode',
            `'flush_interval' can't be specified when 'flush_mode' is not 'interval' explicitly: '${valueText(mode)}'.`,
            { name: 'flush_interval' },
          ),
          related: [{ range: mode.range, message: 'flush_mode is set here' }],
        });
      }
    }
    if (e.name === 'secondary' && r.role === 'section' && r.pluginKind === 'output') out.push(...secondaryRules(e));
    if (r.role === 'directive' && r.plugin?.id === 'output/file')
      out.push(...filePathPlaceholders(e, r.sections.buffer?.argument?.default));
  }
  return out;
};

/** Output#configure: a <secondary> has no <buffer> or <secondary> of its own, and excludes retry_forever. */
function secondaryRules(e: ElementNode): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of childElements(e)) {
    if (c.name === 'buffer' || c.name === 'secondary') {
      out.push(diag(c.openRange, 'error', 'secondary-nesting', `<secondary> section cannot have <${c.name}> section.`, { name: c.name }));
    }
  }
  const buffer = e.parent && childElements(e.parent).find((c) => c.name === 'buffer');
  const forever = buffer && findParamNode(buffer, 'retry_forever');
  if (forever && !isEvaluated(forever) && ['true', 'yes', ''].includes(valueText(forever))) {
    out.push({
      ...diag(
        e.openRange,
        'error',
        'secondary-with-retry-forever',
        "<secondary> section and 'retry_forever' are exclusive: with retry_forever the secondary is never used.",
        { name: 'retry_forever' },
      ),
      related: [{ range: forever.range, message: 'retry_forever is set here' }],
    });
  }
  return out;
}

function filePathPlaceholders(e: ElementNode, defaultKeys: unknown): Diagnostic[] {
  const path = findParamNode(e, 'path');
  if (!path || isEvaluated(path)) return [];
  const buffer = childElements(e).find((c) => c.name === 'buffer');
  // flat v0.12 buffer params make a <buffer> whose chunk key is '' (or time with time_slice_format)
  const keys = chunkKeys(buffer, defaultKeys);
  const text = valueText(path);
  const hasTag = keys.includes('tag');
  const tagParts = text.match(TAG_PLACEHOLDER) ?? [];
  const at = valueRange(path);
  const out: Diagnostic[] = [];
  if (hasTag && !tagParts.length) {
    out.push(
      diag(
        at,
        'error',
        'missing-placeholder',
        `Parameter 'path: ${text}' doesn't have tag placeholder: the chunk key 'tag' needs \${tag} (or \${tag[N]}) in the path.`,
        { name: 'tag' },
      ),
    );
  } else if (!hasTag && tagParts.length) {
    out.push(
      diag(
        at,
        'error',
        'missing-placeholder',
        `Parameter 'path: ${text}' has tag placeholders, but chunk key 'tag' is not configured: add tag to <buffer ...>.`,
        { name: 'tag' },
      ),
    );
  }
  const recordKeys = keys.filter((k) => k !== 'tag' && k !== 'time');
  const used = [...text.matchAll(KEY_PLACEHOLDER)].map((m) => m[1]).filter((k) => k !== 'tag' && !/^tag\[-?\d+\]$/.test(k));
  const missing = recordKeys.filter((k) => !used.includes(k)).sort();
  const extra = [...new Set(used.filter((k) => !recordKeys.includes(k)))].sort();
  if (missing.length) {
    out.push(
      diag(
        at,
        'error',
        'missing-placeholder',
        `Parameter 'path: ${text}' doesn't have enough placeholders for keys ${missing.join(',')}.`,
        { name: missing[0] },
      ),
    );
  }
  if (extra.length) {
    out.push(
      diag(
        at,
        'error',
        'missing-placeholder',
        `Parameter 'path: ${text}' has placeholders, but chunk keys doesn't have keys ${extra.join(',')}.`,
        { name: extra[0] },
      ),
    );
  }
  return out;
}
