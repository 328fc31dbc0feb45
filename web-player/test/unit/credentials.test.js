// The player's reading of Content Credentials, on real segments the engine signed
// (fixtures/credentials.story says how they were made): what the "AI" badge's panel shows
// comes from here, so a segment that was tampered with must never read as verified.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import {
  readCredentials, decodeCbor, topLevelBoxes, readJumbf, readCertificate, toBeSigned, SourceTypes, Tagged,
} from '../../src/player/credentials.js';
import { shortHash, tierText } from '../../src/player/ai-badge.js';

const fixture = (name) => new Uint8Array(readFileSync(new URL(`fixtures/${name}`, import.meta.url)));
const generated = () => fixture('credentials-generated.m4s');
const pem = readFileSync(new URL('fixtures/credentials-cert.pem', import.meta.url), 'utf8');
const certDer = Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64');

/** Where `text` first occurs in `bytes` after `from`. */
function indexOf(bytes, text, from = 0) {
  const needle = Buffer.from(text);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle, from);
}

test('a generated scene\'s segment: verified, made by a model from its prompt, signed by the server\'s certificate', async () => {
  const c = await readCredentials(generated());
  assert.deepEqual(c.problems, []);
  assert.equal(c.found, true);
  assert.equal(c.verified, true);
  assert.equal(c.sourceType, SourceTypes.GENERATED);
  assert.equal(c.generated, true);
  assert.deepEqual(c.models.map((m) => [m.role, m.name]), [['generator', 'CppnFrameGenerator']]);
  assert.match(c.models[0].hash, /[0-9a-f]{32}$/);
  assert.deepEqual(c.prompts, ['a lighthouse in fog at dawn']);
  assert.equal(c.tier, 'full');
  assert.equal(c.story, 'tiny');
  assert.match(c.manifest, /^urn:c2pa:[0-9a-f-]{36}$/);
  // The signer is the certificate the server publishes at /.well-known/branchline-cert.pem.
  assert.equal(c.signer.fingerprint, createHash('sha256').update(certDer).digest('hex'));
  assert.match(c.signer.subject, /^CN=Branchline server [0-9a-f]+, O=Branchline$/);
  assert.match(c.signer.commonName, /^Branchline server /);
});

test('a title card\'s segment: verified, and not generated', async () => {
  const c = await readCredentials(fixture('credentials-title-card.m4s'));
  assert.deepEqual(c.problems, []);
  assert.equal(c.verified, true);
  assert.equal(c.sourceType, SourceTypes.DIGITAL_CREATION);
  assert.equal(c.generated, false);
  assert.deepEqual(c.models, []);
  assert.deepEqual(c.prompts, []);
});

test('one byte of the picture changed: found, not verified, the BMFF hash named', async () => {
  const bytes = generated();
  const mdat = topLevelBoxes(bytes).find((b) => b.type === 'mdat');
  bytes[mdat.payload + 100] ^= 0x01;
  const c = await readCredentials(bytes);
  assert.equal(c.found, true);
  assert.equal(c.verified, false);
  assert.deepEqual(c.problems, ["the file's bytes do not match the signed hash (c2pa.hash.bmff.v3): the file was changed after it was signed"]);
  assert.equal(c.generated, true, 'what it declares is still read, to say what is not verified');
});

test('an edited assertion (the tier) is caught by its hash in the claim', async () => {
  const bytes = generated();
  const at = indexOf(bytes, 'full', indexOf(bytes, 'io.branchline.visit'));
  assert.ok(at > 0);
  bytes.set(Buffer.from('fuLL'), at); // same length, still CBOR: only the hash can tell
  const c = await readCredentials(bytes);
  assert.equal(c.verified, false);
  assert.equal(c.tier, 'fuLL');
  assert.deepEqual(c.problems, ['assertion io.branchline.visit was changed after it was signed (its hash does not match the claim)']);
});

test('an edited claim breaks the signature', async () => {
  const bytes = generated();
  const at = indexOf(bytes, 'tiny', indexOf(bytes, 'c2pa.claim.v2'));
  bytes.set(Buffer.from('tinY'), at);
  const c = await readCredentials(bytes);
  assert.equal(c.verified, false);
  assert.deepEqual(c.problems, ["the claim signature does not match the claim and the signer's key"]);
});

test('an unsigned segment: not found, and said so', async () => {
  const bytes = generated();
  const kept = topLevelBoxes(bytes).filter((b) => b.type !== 'uuid');
  const bare = Buffer.concat(kept.map((b) => bytes.subarray(b.start, b.end)));
  const c = await readCredentials(bare);
  assert.equal(c.found, false);
  assert.equal(c.verified, false);
  assert.equal(c.generated, false);
  assert.deepEqual(c.problems, ['carries no C2PA manifest: it is not signed']);
});

test('bad input never throws: empty, garbage, a cut-off file, a manifest box cut short', async () => {
  for (const bytes of [new Uint8Array(0), new Uint8Array([1, 2, 3]), generated().subarray(0, 600), new ArrayBuffer(64)]) {
    const c = await readCredentials(bytes);
    assert.equal(c.verified, false);
    assert.ok(c.problems.length > 0);
  }
  const bytes = generated();
  const uuid = topLevelBoxes(bytes).find((b) => b.type === 'uuid');
  // The store's first box claims more bytes than there are.
  new DataView(bytes.buffer).setUint32(uuid.payload + 16 + 4 + 9 + 8, 0x7fffffff);
  const c = await readCredentials(bytes);
  assert.equal(c.found, true);
  assert.match(c.problems[0], /^the manifest store is not well-formed JUMBF: a JUMBF box at byte 0 claims 2147483647 bytes/);
});

test('CBOR decodes maps, arrays, text, bytes, integers, tags, null, booleans and floats (RFC 8949 appendix A)', () => {
  const h = (x) => new Uint8Array(x.match(/../g).map((v) => parseInt(v, 16)));
  assert.equal(decodeCbor(h('00')), 0);
  assert.equal(decodeCbor(h('1903e8')), 1000);
  assert.equal(decodeCbor(h('1bffffffffffffffff')), 18446744073709551615n);
  assert.equal(decodeCbor(h('3863')), -100);
  assert.equal(decodeCbor(h('27')), -8);
  assert.equal(decodeCbor(h('f93c00')), 1);
  assert.equal(decodeCbor(h('fb3ff199999999999a')), 1.1);
  assert.equal(decodeCbor(h('f4')), false);
  assert.equal(decodeCbor(h('f5')), true);
  assert.equal(decodeCbor(h('f6')), null);
  assert.equal(decodeCbor(h('6449455446')), 'IETF');
  assert.deepEqual(decodeCbor(h('4401020304')), new Uint8Array([1, 2, 3, 4]));
  assert.deepEqual(decodeCbor(h('83010203')), [1, 2, 3]);
  assert.deepEqual(decodeCbor(h('a201020304')), { 1: 2, 3: 4 }, 'integer keys as their digits');
  assert.deepEqual(decodeCbor(h('a26161016162820203')), { a: 1, b: [2, 3] });
  assert.deepEqual(decodeCbor(h('d28100')), new Tagged(18, [0]));
  assert.throws(() => decodeCbor(h('8301')), /cut short/);
  assert.throws(() => decodeCbor(h('0000')), /1 bytes left/);
  assert.throws(() => decodeCbor(h('9f01ff')), /indefinite/);
});

test('the signed bytes are COSE\'s Sig_structure with definite lengths', () => {
  const tbs = toBeSigned(new Uint8Array([0xa1, 0x01, 0x27]), new Uint8Array(300));
  assert.deepEqual([...tbs.subarray(0, 18)], [0x84, 0x6a, ...Buffer.from('Signature1'), 0x43, 0xa1, 0x01, 0x27, 0x40, 0x59]);
  assert.deepEqual([...tbs.subarray(18, 20)], [0x01, 0x2c]);
  assert.equal(tbs.length, 20 + 300);
  const back = decodeCbor(tbs);
  assert.equal(back[0], 'Signature1');
  assert.equal(back[3].length, 300);
});

test('the manifest store is JUMBF: store, manifest, then assertions, claim and signature', () => {
  const bytes = generated();
  const uuid = topLevelBoxes(bytes).find((b) => b.type === 'uuid');
  assert.deepEqual(topLevelBoxes(bytes).map((b) => b.type), ['ftyp', 'moof', 'mdat', 'uuid']);
  const store = readJumbf(bytes.subarray(uuid.payload + 16 + 4 + 9 + 8, uuid.end));
  assert.equal(store.label, 'c2pa');
  const [manifest] = store.boxes;
  assert.deepEqual(manifest.boxes.map((b) => b.label), ['c2pa.assertions', 'c2pa.claim.v2', 'c2pa.signature']);
  assert.deepEqual(manifest.boxes[0].boxes.map((b) => b.label),
    ['c2pa.actions.v2', 'c2pa.hash.bmff.v3', 'c2pa.livevideo.segment', 'io.branchline.visit']);
});

test('the certificate: subject and key read from its DER', () => {
  const cert = readCertificate(new Uint8Array(certDer));
  assert.match(cert.subject, /^CN=Branchline server [0-9a-f]+, O=Branchline$/);
  // An Ed25519 SubjectPublicKeyInfo: 12 bytes of algorithm and bit-string header, then the 32-byte key.
  assert.equal(cert.spki.length, 44);
  assert.deepEqual([...cert.spki.subarray(0, 12)], [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);
  assert.throws(() => readCertificate(new Uint8Array([0x30, 0x05, 0x01])), /cut short/);
});

test('hashes are shortened and tiers said in plain words', () => {
  assert.equal(shortHash('cppn-1-cpu-e02f8047826062d9fcf5f4a6167fd93f'), 'cppn-1-cpu-e02f80478260…');
  assert.equal(shortHash('9045b8847e9541976c393b9b92f82d7a9083ee68d0691a66c33b4fc8ccad1a52'), '9045b8847e95…');
  assert.equal(shortHash('v1'), 'v1');
  assert.equal(tierText('full'), 'Full quality');
  assert.match(tierText('draft'), /^Quick draft/);
  assert.match(tierText('rough'), /^Rough draft/);
});
