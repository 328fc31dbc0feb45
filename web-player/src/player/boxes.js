/** ISO BMFF top-level boxes, the C2PA manifest box, and JUMBF superboxes. */

import { equal, fourCC, hex, hexBytes } from './bytes.js';

/** The `uuid` box user type of a C2PA manifest store in ISO BMFF. */
const C2PA_BOX_USER_TYPE = hexBytes('d8fec3d61b0e483c92975828877ec481');

/** The top-level boxes of an MP4 file or fragment: [{type, start, payload, end}]. Throws when malformed. */
export function topLevelBoxes(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes = [];
  let pos = 0;
  while (pos + 8 <= bytes.length) {
    let size = view.getUint32(pos);
    let header = 8;
    if (size === 1) {
      if (pos + 16 > bytes.length) throw new Error(`malformed MP4 box at byte ${pos}`);
      size = Number(view.getBigUint64(pos + 8));
      header = 16;
    } else if (size === 0) {
      size = bytes.length - pos;
    }
    if (size < header || pos + size > bytes.length) throw new Error(`malformed MP4 box at byte ${pos}`);
    boxes.push({ type: fourCC(bytes, pos + 4), start: pos, payload: pos + header, end: pos + size });
    pos += size;
  }
  return boxes;
}

export function isManifestBox(bytes, box) {
  return box.type === 'uuid' && box.payload + 16 <= box.end && equal(bytes.subarray(box.payload, box.payload + 16), C2PA_BOX_USER_TYPE);
}

/**
 * A JUMBF superbox read from bytes[from, to): {type (hex), label, boxes (superboxes),
 * contents ([{type, payload}]), start, end}. Throws an Error saying what is malformed.
 */
export function readJumbf(bytes, from = 0, to = bytes.length) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = jumbfSize(view, from, to);
  if (fourCC(bytes, from + 4) !== 'jumb') throw new Error(`expected a JUMBF superbox (jumb) at byte ${from}, found '${fourCC(bytes, from + 4)}'`);
  const end = from + size;
  let pos = from + 8;
  const dSize = jumbfSize(view, pos, end);
  if (fourCC(bytes, pos + 4) !== 'jumd' || dSize < 8 + 17) throw new Error(`a JUMBF superbox at byte ${from} does not start with its description box (jumd)`);
  const type = hex(bytes.subarray(pos + 8, pos + 24));
  const toggles = bytes[pos + 24];
  let label = null;
  if (toggles & 0x02) {
    let z = pos + 25;
    while (z < pos + dSize && bytes[z] !== 0) z++;
    if (z >= pos + dSize) throw new Error(`the label of a JUMBF description box at byte ${pos} is not terminated`);
    label = new TextDecoder().decode(bytes.subarray(pos + 25, z));
  }
  pos += dSize;
  const boxes = [];
  const contents = [];
  while (pos < end) {
    const s = jumbfSize(view, pos, end);
    const t = fourCC(bytes, pos + 4);
    if (t === 'jumb') boxes.push(readJumbf(bytes, pos, pos + s));
    else contents.push({ type: t, payload: bytes.subarray(pos + 8, pos + s) });
    pos += s;
  }
  return { type, label, boxes, contents, start: from, end };
}

function jumbfSize(view, pos, limit) {
  if (pos + 8 > limit) throw new Error(`a JUMBF box at byte ${pos} is cut short`);
  const size = view.getUint32(pos);
  if (size < 8 || pos + size > limit) throw new Error(`a JUMBF box at byte ${pos} claims ${size} bytes, more than there are`);
  return size;
}

export const child = (superbox, label) => superbox.boxes.find((b) => b.label === label) || null;
export const content = (superbox, type) => superbox.contents.find((c) => c.type === type)?.payload || null;

