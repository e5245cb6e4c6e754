// Bytes of a config file -> text. Invalid UTF-8 does not stop the lint: it is decoded
// with U+FFFD like Node and browsers do, and the first bad byte is located so the CLI
// can point at it (Fluentd itself fails on such bytes only when a regexp touches them).
import { isUtf8 } from 'node:buffer';

export interface Decoded {
  /** The text, without a leading byte order mark. */
  text: string;
  /** UTF-16 offset in `text` of the first U+FFFD that stands for invalid bytes. */
  invalidAt?: number;
  /** Byte offset of the first invalid byte in the input. */
  invalidByte?: number;
}

export function decodeUtf8(bytes: Uint8Array): Decoded {
  const decoder = new TextDecoder('utf-8'); // strips a BOM, replaces bad bytes
  const text = decoder.decode(bytes);
  if (isUtf8(bytes)) return { text };
  const bad = firstInvalidByte(bytes);
  // everything before the first bad byte is valid, so its decoded length is the offset
  const invalidAt = new TextDecoder('utf-8').decode(bytes.subarray(0, bad)).length;
  return { text, invalidAt, invalidByte: bad };
}

/** Offset of the first byte that starts an ill-formed sequence (WHATWG / Unicode §3.9). */
export function firstInvalidByte(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0; // no overlong forms
      if (c === 0xed) hi = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90; // no overlong forms
      if (c === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (d === undefined || d < min || d > max) return i;
    }
    i += need + 1;
  }
  return n;
}
