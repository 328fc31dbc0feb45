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

import { equal, hex } from './bytes.js';
import { Tagged, decodeCbor, isMap, safeDecode, toBeSigned } from './cbor.js';
import { child, content, isManifestBox, readJumbf, topLevelBoxes } from './boxes.js';
import { readCertificate } from './x509.js';

export { Tagged, decodeCbor, toBeSigned } from './cbor.js';
export { readJumbf, topLevelBoxes } from './boxes.js';
export { readCertificate } from './x509.js';

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

const PURPOSE = [...'manifest\0'].map((c) => c.charCodeAt(0));
/** JUMBF type of a manifest store: "c2pa" then C2PA's fixed tail. */
const STORE_TYPE = '6332706100110010800000aa00389b71';
const ASSERTIONS = 'c2pa.assertions';
const CLAIM = 'c2pa.claim.v2';
const SIGNATURE = 'c2pa.signature';

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
