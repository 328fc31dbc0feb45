/**
 * Reads and checks the Content Credentials (C2PA) a stored segment carries, the way the
 * engine's verifier does (renderer/…/provenance/ManifestReader and StreamVerifier): the claim's
 * Ed25519 signature (WebCrypto), the hash of every assertion the claim lists, and the BMFF
 * hash that binds the manifest to the file's bytes. DOM-free, so it is tested under Node.
 *
 * What a segment holds: top-level boxes ftyp, moof, mdat, then a `uuid` box of C2PA's user
 * type whose payload is a full-box header, "manifest\0", an 8-byte offset and a JUMBF manifest
 * store. The store's last manifest is the active one: superboxes c2pa.assertions (each
 * assertion a superbox with one `cbor` box), c2pa.claim.v2 (`cbor`: the claim) and
 * c2pa.signature (`cbor`: a COSE_Sign1 over the claim's bytes, detached).
 *
 * Trust is not judged here: the signer is reported (subject and certificate fingerprint), as
 * `./branchline verify` does when given no trust list.
 */

const IPTC = 'http://cv.iptc.org/newscodes/digitalsourcetype/';

/** The IPTC digital source types the engine declares. */
export const SourceTypes = Object.freeze({
  /** Made by a generative model from a prompt. */
  GENERATED: IPTC + 'trainedAlgorithmicMedia',
  /** Generated footage mixed with footage made otherwise. */
  COMPOSITE_GENERATED: IPTC + 'compositeWithTrainedAlgorithmicMedia',
  /** Made by people with software (title cards, colours) or brought in as it was. */
  DIGITAL_CREATION: IPTC + 'digitalCreation',
});

/** Assertion labels read here. */
export const Labels = Object.freeze({
  ACTIONS: 'c2pa.actions.v2',
  BMFF_HASH: 'c2pa.hash.bmff.v3',
  LIVE_VIDEO_SEGMENT: 'c2pa.livevideo.segment',
  VISIT: 'io.branchline.visit',
  STREAM: 'io.branchline.stream',
});

/** The `uuid` box user type of a C2PA manifest store in ISO BMFF. */
const C2PA_BOX_USER_TYPE = hexBytes('d8fec3d61b0e483c92975828877ec481');
const PURPOSE = [...'manifest\0'].map((c) => c.charCodeAt(0));
/** JUMBF type of a manifest store: "c2pa" then C2PA's fixed tail. */
const STORE_TYPE = '6332706100110010800000aa00389b71';
const ASSERTIONS = 'c2pa.assertions';
const CLAIM = 'c2pa.claim.v2';
const SIGNATURE = 'c2pa.signature';

// ---- CBOR (RFC 8949): what C2PA and COSE use ----

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

// ---- ISO BMFF and JUMBF boxes ----

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

function isManifestBox(bytes, box) {
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

const child = (superbox, label) => superbox.boxes.find((b) => b.label === label) || null;
const content = (superbox, type) => superbox.contents.find((c) => c.type === type)?.payload || null;

// ---- X.509, as far as the signer's key and name go ----

/** A DER element at `pos`: {tag, start, content, end}. */
function der(bytes, pos, limit = bytes.length) {
  if (pos + 2 > limit) throw new Error('the certificate is cut short');
  const tag = bytes[pos];
  let len = bytes[pos + 1];
  let content = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || content + n > limit) throw new Error('the certificate has a bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + bytes[content + i];
    content += n;
  }
  if (content + len > limit) throw new Error('the certificate is cut short');
  return { tag, start: pos, content, end: content + len };
}

function derChildren(bytes, parent) {
  const out = [];
  for (let p = parent.content; p < parent.end;) {
    const e = der(bytes, p, parent.end);
    out.push(e);
    p = e.end;
  }
  return out;
}

const NAME_KEYS = { '2.5.4.3': 'CN', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.10': 'O', '2.5.4.11': 'OU' };

function oid(bytes) {
  const parts = [Math.floor(bytes[0] / 40), bytes[0] % 40];
  let v = 0;
  for (let i = 1; i < bytes.length; i++) {
    v = v * 128 + (bytes[i] & 0x7f);
    if (!(bytes[i] & 0x80)) { parts.push(v); v = 0; }
  }
  return parts.join('.');
}

/** The subject (as "CN=…, O=…", in the certificate's order), its common name and the SPKI of a DER certificate. */
export function readCertificate(bytes) {
  const cert = der(bytes, 0);
  const tbs = derChildren(bytes, cert)[0];
  if (!tbs || tbs.tag !== 0x30) throw new Error('the certificate has no tbsCertificate');
  const fields = derChildren(bytes, tbs);
  const at = fields[0]?.tag === 0xa0 ? 1 : 0; // [0] version, when present, comes first
  const subject = fields[at + 4];
  const spki = fields[at + 5];
  if (!subject || !spki || subject.tag !== 0x30 || spki.tag !== 0x30) throw new Error('the certificate lacks its subject or public key');
  const names = [];
  for (const set of derChildren(bytes, subject)) {
    for (const pair of derChildren(bytes, set)) {
      const [id, value] = derChildren(bytes, pair);
      const key = NAME_KEYS[oid(bytes.subarray(id.content, id.end))] || oid(bytes.subarray(id.content, id.end));
      names.push([key, new TextDecoder().decode(bytes.subarray(value.content, value.end))]);
    }
  }
  return {
    subject: names.map(([k, v]) => `${k}=${v}`).join(', '),
    commonName: names.find(([k]) => k === 'CN')?.[1] ?? null,
    spki: bytes.slice(spki.start, spki.end),
  };
}

// ---- the check ----

/**
 * The Content Credentials of one MP4 file or fragment (bytes: ArrayBuffer or Uint8Array),
 * checked. Never throws: what is wrong is in `problems`. Resolves to
 *   {found, verified, problems, manifest, title, sourceType, generated, models: [{role, name, hash}],
 *    prompts, tier, story, scene, signer: {subject, commonName, fingerprint} | null}
 * `found`: the file carries a C2PA manifest; `verified`: its signature, every assertion hash
 * and the BMFF hash hold; `generated`: it declares footage made by a model (wholly or mixed in).
 */
export async function readCredentials(bytes, subtle = globalThis.crypto?.subtle) {
  const out = {
    found: false, verified: false, problems: [], manifest: null, title: null, sourceType: null, generated: false,
    models: [], prompts: [], tier: null, story: null, scene: null, signer: null,
  };
  const problem = (text) => {
    out.problems.push(text);
    return out;
  };
  try {
    const file = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    let boxes;
    try {
      boxes = topLevelBoxes(file);
    } catch (e) {
      return problem(`not a readable MP4 file or fragment: ${e.message}`);
    }
    const manifestBoxes = boxes.filter((b) => isManifestBox(file, b));
    if (manifestBoxes.length === 0) return problem('carries no C2PA manifest: it is not signed');
    out.found = true;
    if (manifestBoxes.length > 1) return problem('the file holds more than one C2PA manifest box');
    const box = manifestBoxes[0];
    const at = box.payload + 16 + 4;
    if (at + PURPOSE.length + 8 > box.end || !equal(file.subarray(at, at + PURPOSE.length), PURPOSE)) {
      return problem(`the C2PA box at byte ${box.start} is not a manifest box (purpose 'manifest')`);
    }
    const store = file.subarray(at + PURPOSE.length + 8, box.end);

    let root;
    try {
      root = readJumbf(store);
    } catch (e) {
      return problem(`the manifest store is not well-formed JUMBF: ${e.message}`);
    }
    if (root.type !== STORE_TYPE) return problem('the C2PA box does not hold a manifest store');
    const manifest = root.boxes[root.boxes.length - 1];
    if (!manifest) return problem('the manifest store holds no manifest');
    out.manifest = manifest.label;
    const assertionStore = child(manifest, ASSERTIONS);
    const claimBox = child(manifest, CLAIM);
    const signatureBox = child(manifest, SIGNATURE);
    if (!assertionStore || !claimBox || !signatureBox) {
      return problem(`the manifest lacks its ${!assertionStore ? 'assertions' : !claimBox ? 'claim (v2)' : 'signature'}`);
    }
    const claimBytes = content(claimBox, 'cbor');
    const signature = content(signatureBox, 'cbor');
    const claim = claimBytes && safeDecode(claimBytes);
    if (!isMap(claim) || !signature) return problem('the manifest has a claim or signature that is not CBOR');
    out.title = typeof claim['dc:title'] === 'string' ? claim['dc:title'] : null;

    // What it says: the assertions, decoded.
    const assertions = new Map();
    for (const a of assertionStore.boxes) {
      const cbor = content(a, 'cbor');
      assertions.set(a.label, { data: cbor ? safeDecode(cbor) : null, inner: store.subarray(a.start + 8, a.end) });
    }
    describe(out, assertions);

    // Whether it holds: the signature, each assertion's hash, the file's hash.
    const signed = await checkSignature(signature, claimBytes, subtle);
    out.signer = signed.signer;
    if (signed.problem) out.problems.push(signed.problem);

    const listed = new Set();
    const created = Array.isArray(claim.created_assertions) ? claim.created_assertions : [];
    if (created.length === 0) out.problems.push('the claim lists no assertions (created_assertions)');
    const prefix = `self#jumbf=${ASSERTIONS}/`;
    for (const uri of created) {
      const url = isMap(uri) ? String(uri.url) : null;
      const name = url?.startsWith(prefix) ? url.slice(prefix.length) : null;
      if (name === null || !assertions.has(name)) {
        out.problems.push(`the claim names an assertion that is not there: ${url}`);
        continue;
      }
      listed.add(name);
      const actual = await sha256(subtle, assertions.get(name).inner);
      if (!(uri.hash instanceof Uint8Array) || !equal(uri.hash, actual)) {
        out.problems.push(`assertion ${name} was changed after it was signed (its hash does not match the claim)`);
      }
    }
    for (const name of assertions.keys()) {
      if (!listed.has(name)) out.problems.push(`assertion ${name} is not covered by the claim`);
    }

    const binding = assertions.get(Labels.BMFF_HASH)?.data;
    if (!isMap(binding) || !(binding.hash instanceof Uint8Array)) {
      out.problems.push(`the manifest has no ${Labels.BMFF_HASH} binding it to the file's bytes`);
    } else if (!equal(binding.hash, await bmffHash(subtle, file, boxes))) {
      out.problems.push(`the file's bytes do not match the signed hash (${Labels.BMFF_HASH}): the file was changed after it was signed`);
    }
    out.verified = out.problems.length === 0;
  } catch (e) {
    // A bug or an input no check above foresaw: still a value, never a throw.
    out.verified = false;
    out.problems.push(`the credentials could not be read: ${e?.message || e}`);
  }
  return out;
}

/** Fills in what the assertions say: the source type, the models, the prompts, the tier. */
function describe(out, assertions) {
  const actions = assertions.get(Labels.ACTIONS)?.data;
  const created = isMap(actions) && Array.isArray(actions.actions)
    ? actions.actions.find((a) => isMap(a) && a.action === 'c2pa.created') : null;
  if (created) {
    out.sourceType = typeof created.digitalSourceType === 'string' ? created.digitalSourceType : null;
    const models = created.parameters?.['io.branchline.models'];
    if (Array.isArray(models)) out.models = models.filter(isMap).map(model);
  }
  out.generated = out.sourceType === SourceTypes.GENERATED || out.sourceType === SourceTypes.COMPOSITE_GENERATED;
  const visit = assertions.get(Labels.VISIT)?.data;
  if (isMap(visit)) {
    if (Array.isArray(visit.models) && visit.models.length) out.models = visit.models.filter(isMap).map(model);
    if (Array.isArray(visit.prompts)) out.prompts = visit.prompts.filter((p) => typeof p === 'string');
    if (typeof visit.tier === 'string') out.tier = visit.tier;
    if (typeof visit.story === 'string') out.story = visit.story;
    if (typeof visit.scene === 'string') out.scene = visit.scene;
  }
}

// `hash` is the model's identity as the renderer keys it (older segments named it `sha256`).
const model = (m) => ({ role: String(m.role ?? ''), name: String(m.name ?? ''), hash: String(m.hash ?? m.sha256 ?? '') });

/** Checks a COSE_Sign1 (EdDSA, x5chain in the protected header) over the detached claim. */
async function checkSignature(cose, claimBytes, subtle) {
  let decoded;
  try {
    decoded = decodeCbor(cose);
  } catch (e) {
    return { signer: null, problem: `the signature is not CBOR (${e.message})` };
  }
  if (decoded instanceof Tagged) {
    if (decoded.tag !== 18) return { signer: null, problem: `the signature has CBOR tag ${decoded.tag}; expected 18 (COSE_Sign1)` };
    decoded = decoded.value;
  }
  if (!Array.isArray(decoded) || decoded.length !== 4) return { signer: null, problem: 'the signature is not a COSE_Sign1 (an array of 4)' };
  const [protectedHeader, , , sig] = decoded;
  if (!(protectedHeader instanceof Uint8Array) || !(sig instanceof Uint8Array)) {
    return { signer: null, problem: 'the COSE_Sign1 lacks its protected header or signature bytes' };
  }
  const headers = safeDecode(protectedHeader);
  if (!isMap(headers)) return { signer: null, problem: 'the protected header is not a CBOR map' };
  if (headers['1'] !== -8) return { signer: null, problem: `the signature algorithm is ${headers['1']}; Branchline checks EdDSA (-8)` };
  const chain = headers['33'];
  const leaf = chain instanceof Uint8Array ? chain : Array.isArray(chain) ? chain[0] : null;
  if (!(leaf instanceof Uint8Array)) return { signer: null, problem: 'the signature names no certificate (x5chain)' };
  let cert;
  try {
    cert = readCertificate(leaf);
  } catch (e) {
    return { signer: null, problem: `the certificate chain (x5chain) cannot be read: ${e.message}` };
  }
  const signer = { subject: cert.subject, commonName: cert.commonName, fingerprint: hex(await sha256(subtle, leaf)) };
  try {
    const key = await subtle.importKey('spki', cert.spki, { name: 'Ed25519' }, false, ['verify']);
    const ok = await subtle.verify({ name: 'Ed25519' }, key, sig, toBeSigned(protectedHeader, claimBytes));
    return { signer, problem: ok ? null : "the claim signature does not match the claim and the signer's key" };
  } catch (e) {
    return { signer, problem: `the signature cannot be checked with the signer's key: ${e?.message || e}` };
  }
}

/** The C2PA BMFF hash: every top-level box but the manifest box, each after its offset as 8 bytes. */
async function bmffHash(subtle, file, boxes) {
  const kept = boxes.filter((b) => !isManifestBox(file, b));
  const total = kept.reduce((n, b) => n + 8 + (b.end - b.start), 0);
  const buf = new Uint8Array(total);
  const view = new DataView(buf.buffer);
  let p = 0;
  for (const b of kept) {
    view.setBigUint64(p, BigInt(b.start));
    buf.set(file.subarray(b.start, b.end), p + 8);
    p += 8 + (b.end - b.start);
  }
  return sha256(subtle, buf);
}

async function sha256(subtle, bytes) {
  return new Uint8Array(await subtle.digest('SHA-256', bytes));
}

// ---- small helpers ----

function safeDecode(bytes) {
  try {
    return decodeCbor(bytes);
  } catch {
    return null;
  }
}

function isMap(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Tagged);
}

function fourCC(bytes, pos) {
  return String.fromCharCode(bytes[pos], bytes[pos + 1], bytes[pos + 2], bytes[pos + 3]);
}

function equal(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function hexBytes(text) {
  return new Uint8Array(text.match(/../g).map((h) => parseInt(h, 16)));
}
