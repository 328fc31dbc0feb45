/** CBOR (RFC 8949) as C2PA and COSE use it: a decoder, and the Sig_structure a COSE_Sign1 is over. */

import { concat } from './bytes.js';

/** A tagged CBOR value (COSE_Sign1 is tag 18). */
export class Tagged {
  constructor(tag, value) {
    this.tag = tag;
    this.value = value;
  }
}

/**
 * The one CBOR value in `bytes`. Maps come back as plain objects (an integer key as its
 * decimal digits, as the engine's reader has it), byte strings as Uint8Array, tags as Tagged.
 * Throws an Error saying what is wrong when the bytes are not one whole CBOR value.
 */
export function decodeCbor(bytes) {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let pos = 0;
  const need = (n) => {
    if (pos + n > data.length) throw new Error(`CBOR cut short at byte ${pos}`);
  };
  const argument = (info) => {
    if (info < 24) return info;
    if (info === 24) { need(1); return data[pos++]; }
    if (info === 25) { need(2); const v = view.getUint16(pos); pos += 2; return v; }
    if (info === 26) { need(4); const v = view.getUint32(pos); pos += 4; return v; }
    if (info === 27) {
      need(8);
      const v = view.getBigUint64(pos);
      pos += 8;
      return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
    }
    throw new Error(`CBOR: indefinite or reserved length (${info}) at byte ${pos - 1}`);
  };
  const length = (info) => {
    const n = argument(info);
    if (typeof n !== 'number') throw new Error('CBOR: a length too large');
    return n;
  };
  const item = (depth) => {
    if (depth > 64) throw new Error('CBOR nested too deep');
    need(1);
    const head = data[pos++];
    const major = head >> 5;
    const info = head & 31;
    switch (major) {
      case 0: return argument(info);
      case 1: { const n = argument(info); return typeof n === 'bigint' ? -1n - n : -1 - n; }
      case 2: { const n = length(info); need(n); const b = data.slice(pos, pos + n); pos += n; return b; }
      case 3: { const n = length(info); need(n); const s = new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(pos, pos + n)); pos += n; return s; }
      case 4: { const n = length(info); const a = []; for (let i = 0; i < n; i++) a.push(item(depth + 1)); return a; }
      case 5: {
        const n = length(info);
        const m = {};
        for (let i = 0; i < n; i++) {
          const k = item(depth + 1);
          if (typeof k !== 'string' && typeof k !== 'number' && typeof k !== 'bigint') throw new Error('CBOR: a map key that is neither text nor an integer');
          m[String(k)] = item(depth + 1);
        }
        return m;
      }
      case 6: { const tag = argument(info); return new Tagged(Number(tag), item(depth + 1)); }
      default:
        if (info === 20) return false;
        if (info === 21) return true;
        if (info === 22 || info === 23) return null;
        if (info === 25) { need(2); const v = halfFloat(view.getUint16(pos)); pos += 2; return v; }
        if (info === 26) { need(4); const v = view.getFloat32(pos); pos += 4; return v; }
        if (info === 27) { need(8); const v = view.getFloat64(pos); pos += 8; return v; }
        throw new Error(`CBOR: unsupported simple value ${info} at byte ${pos - 1}`);
    }
  };
  const value = item(0);
  if (pos !== data.length) throw new Error(`CBOR: ${data.length - pos} bytes left after the value`);
  return value;
}

function halfFloat(h) {
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  const sign = h & 0x8000 ? -1 : 1;
  if (exp === 0) return sign * 2 ** -14 * (mant / 1024);
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + mant / 1024);
}

/** The CBOR head of major type `major` with argument `n` (shortest form, as the engine writes). */
function cborHead(major, n) {
  const m = major << 5;
  if (n < 24) return [m | n];
  if (n < 0x100) return [m | 24, n];
  if (n < 0x10000) return [m | 25, n >> 8, n & 0xff];
  return [m | 26, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** COSE's Sig_structure for a COSE_Sign1 with no external data: what the signature is over. */
export function toBeSigned(protectedHeader, payload) {
  const context = new TextEncoder().encode('Signature1');
  return concat([
    [0x84],
    cborHead(3, context.length), context,
    cborHead(2, protectedHeader.length), protectedHeader,
    [0x40],
    cborHead(2, payload.length), payload,
  ]);
}


/** The value encoded in `bytes`, or null when they are not CBOR. */
export function safeDecode(bytes) {
  try {
    return decodeCbor(bytes);
  } catch {
    return null;
  }
}

/** Whether `v` is a decoded CBOR map (a plain object). */
export function isMap(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Tagged);
}
