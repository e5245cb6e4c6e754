// Text that reaches a terminal or a CI log from a config or a log line (values in
// messages, file names, records) must not steer it: an ESC sequence could retitle or clear the terminal, a
// carriage return or a bidi override could hide a finding. Every text output format
// passes what it prints through escapeControlChars (or, where lines are kept,
// escapeControlCharsKeepingLines); JSON output through
// escapeJsonControls (JSON.stringify escapes C0 only, and a JSON report is often `cat`).

const NAMED: Record<string, string> = {
  '\0': '\\0',
  '\x07': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\x1b': '\\e',
};

/**
 * C0 controls, DEL, C1 controls (U+0085 NEL and U+009B CSI among them), the line and
 * paragraph separators, and the bidi embedding, override and isolate characters.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `\e`, `\r`, `\x7f`, `\u202e`…: a visible stand-in for every control character, the rest unchanged. */
export function escapeControlChars(text: string): string {
  return text.replace(CONTROL, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** The same characters but newline and tab (a multi-line report keeps its lines), each as `\uXXXX`. */
export function escapeControlCharsKeepingLines(text: string): string {
  return text.replace(CONTROL, (c) => (c === '\n' || c === '\t' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** Characters JSON.stringify leaves raw that a terminal still obeys (DEL, C1, separators, bidi). */
const JSON_RAW_CONTROL = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A JSON text with those characters as `\uXXXX` escapes: the same JSON value, harmless to print. */
export function escapeJsonControls(json: string): string {
  return json.replace(JSON_RAW_CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
