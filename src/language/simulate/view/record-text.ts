// Records and event times as the editor shows them: JSON laid out like Ruby's
// JSON.pretty_generate (two-space nesting, Floats written as Ruby writes them, so 1000.0
// stays a Float), and times as ISO 8601 UTC with every nanosecond Fluentd keeps.
import { escapeControlCharsKeepingLines } from '../../escape-text';
import { rubyFloatToS, toRubyJson } from '../parse/ruby-json';
import { RubyFloat, type EventTime, type RecordValue } from '../types';

/** At most this many characters of one record are shown (a 1 MB line makes a 1 MB record). */
export const MAX_RECORD_TEXT = 64 * 1024;

/** A record (or any value) as indented JSON, cut at `limit` characters with a note. */
export function prettyRecord(v: RecordValue | undefined, limit = MAX_RECORD_TEXT): string {
  const out: string[] = [];
  let size = 0;
  const push = (s: string) => {
    out.push(s);
    size += s.length;
  };
  const write = (value: RecordValue | undefined, indent: string): void => {
    if (size > limit) return;
    if (value === null || value === undefined || typeof value !== 'object' || value instanceof RubyFloat) {
      push(scalar(value));
      return;
    }
    const inner = `${indent}  `;
    if (Array.isArray(value)) {
      if (!value.length) return push('[]');
      push('[\n');
      value.forEach((x, i) => {
        push(inner);
        write(x, inner);
        push(i < value.length - 1 ? ',\n' : '\n');
      });
      push(`${indent}]`);
      return;
    }
    const keys = Object.keys(value);
    if (!keys.length) return push('{}');
    push('{\n');
    keys.forEach((k, i) => {
      push(`${inner}${toRubyJson(k)}: `);
      write(value[k], inner);
      push(i < keys.length - 1 ? ',\n' : '\n');
    });
    push(`${indent}}`);
  };
  write(v, '');
  const text = out.join('');
  return text.length > limit ? `${text.slice(0, limit)}\n… (${text.length - limit} more characters not shown)` : text;
}

function scalar(v: RecordValue | undefined): string {
  if (v instanceof RubyFloat) return rubyFloatToS(v.value);
  return toRubyJson(v);
}

/** `2024-03-05T10:11:12.123456789Z` (UTC; nanoseconds only when there are any). */
export function eventTimeText(t: EventTime): string {
  const ms = t.sec * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return `${t.sec}.${String(t.nsec).padStart(9, '0')} (out of the calendar's range)`;
  const iso = new Date(ms).toISOString(); // …T10:11:12.000Z
  const base = iso.slice(0, 19);
  return t.nsec ? `${base}.${String(t.nsec).padStart(9, '0')}Z` : `${base}Z`;
}

/** Text with the characters that would drive a terminal or reorder a line written as \uXXXX (newline and tab kept). */
export const visible = escapeControlCharsKeepingLines;

/** A line for display: control characters made visible, long lines cut. */
export function visibleLine(s: string, limit = 2000): string {
  const clean = visible(s.length > limit ? s.slice(0, limit) : s);
  return s.length > limit ? `${clean}… (${s.length - limit} more characters)` : clean;
}
