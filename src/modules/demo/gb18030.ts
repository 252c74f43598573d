/**
 * A GB18030 encoder, for writing CSV files the way Chinese Excel saves them. Node decodes GB18030 (full ICU) but has
 * no encoder, and no encoding library is a dependency, so the table is built once from Node's own decoder: every
 * two-byte code (the GBK part, which is all that ordinary text needs) and every four-byte code of the Basic
 * Multilingual Plane; characters beyond it (CJK extension B such as 𠮷) follow GB18030's linear formula. Whatever
 * this writes, `new TextDecoder('gb18030')` reads back as the same text (gb18030.test.ts checks every character).
 */
import { TextDecoder } from 'node:util';

/** Four-byte codes 0x81308130 … 0x8431A439: the BMP characters that have no two-byte code. */
const FOUR_BMP_SEQUENCES = 39_420;

/** Per UTF-16 code unit: its two-byte code (lead << 8 | trail), or 0. */
let twoByte: Uint16Array | undefined;
/** Per UTF-16 code unit: 1 + the linear index of its four-byte code, or 0. */
let fourByte: Uint32Array | undefined;

function fourBytes(linear: number, firstByte: number): [number, number, number, number] {
  const b4 = linear % 10;
  const b3 = Math.floor(linear / 10) % 126;
  const b2 = Math.floor(linear / 1260) % 10;
  const b1 = Math.floor(linear / 12_600);
  return [firstByte + b1, 0x30 + b2, 0x81 + b3, 0x30 + b4];
}

function build(): { two: Uint16Array; four: Uint32Array } {
  if (twoByte && fourByte) return { two: twoByte, four: fourByte };
  const two = new Uint16Array(0x1_0000);
  const fourIdx = new Uint32Array(0x1_0000);
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length !== 1 || ch === '\uFFFD') continue;
      const u = ch.charCodeAt(0);
      if (two[u] === 0) two[u] = (lead << 8) | trail;
    }
  }
  for (let linear = 0; linear < FOUR_BMP_SEQUENCES; linear++) {
    const ch = decoder.decode(Uint8Array.from(fourBytes(linear, 0x81)));
    if (ch.length !== 1 || ch === '\uFFFD') continue;
    const u = ch.charCodeAt(0);
    if (two[u] === 0 && fourIdx[u] === 0) fourIdx[u] = linear + 1;
  }
  twoByte = two;
  fourByte = fourIdx;
  return { two, four: fourIdx };
}

/**
 * GB18030 bytes of `text`. Throws on a lone surrogate (not a character). U+FFFD is written as its own code, so
 * the decoder's replacement character cannot be told apart from it; text here never holds one.
 */
export function encodeGb18030(text: string): Buffer {
  const { two, four: fourIdx } = build();
  const out = Buffer.allocUnsafe(text.length * 4);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u < 0x80) {
      out[o++] = u;
      continue;
    }
    if (u >= 0xd800 && u <= 0xdfff) {
      const lo = text.charCodeAt(i + 1);
      if (u > 0xdbff || !(lo >= 0xdc00 && lo <= 0xdfff)) throw new RangeError(`lone surrogate at ${i}`);
      const cp = 0x1_0000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
      const b = fourBytes(cp - 0x1_0000, 0x90);
      out[o++] = b[0];
      out[o++] = b[1];
      out[o++] = b[2];
      out[o++] = b[3];
      i++;
      continue;
    }
    const t = two[u]!;
    if (t !== 0) {
      out[o++] = (t >> 8) & 0xff;
      out[o++] = t & 0xff;
      continue;
    }
    const f = fourIdx[u]!;
    if (f === 0) throw new RangeError(`U+${u.toString(16).toUpperCase()} has no GB18030 code here`);
    const b = fourBytes(f - 1, 0x81);
    out[o++] = b[0];
    out[o++] = b[1];
    out[o++] = b[2];
    out[o++] = b[3];
  }
  return out.subarray(0, o);
}
