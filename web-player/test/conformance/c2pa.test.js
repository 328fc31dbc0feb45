// The Content Credentials of a real session, read by c2pa-rs (the Content Authenticity
// Initiative's reference implementation, as @contentauth/c2pa-wasm ships it), which no one here
// wrote: the init segment and the media segments as any HLS player fetches them carry a C2PA
// manifest whose only complaint is that our self-signed signer is not on its trust list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { initSync, WasmReader } from '@contentauth/c2pa-wasm';
import { startEngine, REPO } from '../e2e/harness.js';

const require = createRequire(import.meta.url);
initSync({ module: readFileSync(require.resolve('@contentauth/c2pa-wasm/c2pa.wasm')) });

const IPTC = 'http://cv.iptc.org/newscodes/digitalsourcetype/';
let engine;

before(async () => {
  engine = await startEngine(join(REPO, 'web-player/test/conformance/trust-stories'));
});

after(async () => {
  await engine?.stop();
});

async function fetchBytes(url) {
  const r = await fetch(url);
  assert.equal(r.status, 200, `${url}: ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

/** Reads a file with c2pa-rs; returns its manifest store as c2pa-rs reports it. */
async function read(bytes) {
  const reader = await WasmReader.fromBytes('video/mp4', bytes);
  return JSON.parse(reader.json());
}

/** The validation codes c2pa-rs reports as failures. */
function failures(store) {
  return (store.validation_status ?? []).map((s) => s.code);
}

/** The session's playlist once it lists `segment`, asked again while the engine renders. */
async function playlistWith(id, segment) {
  for (let i = 0; i < 600; i++) {
    const text = await (await fetch(`${engine.url}/sessions/${id}/index.m3u8`)).text();
    if (text.includes(segment)) return text;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`the playlist never listed ${segment}`);
}

test('c2pa-rs reads a session\'s init and media segments: sound manifests, only the signer untrusted', async () => {
  const created = await (await fetch(`${engine.url}/api/stories/credentials/sessions`, { method: 'POST' })).json();
  const id = created.id;
  await playlistWith(id, 'segments/0-0.m4s');
  const init = await fetchBytes(`${engine.url}/sessions/${id}/init.mp4`);
  const initStore = await read(init);
  assert.deepEqual(failures(initStore), ['signingCredential.untrusted'], JSON.stringify(initStore.validation_status));
  const initManifest = initStore.manifests[initStore.active_manifest];
  const stream = initManifest.assertions.find((a) => a.label === 'io.branchline.stream').data;
  assert.equal(stream.story, 'credentials');
  assert.match(stream.policy, /^\d{4}\.\d+\.\d+\+[0-9a-f]{12}$/, 'the prompt policy that checked the prompts is named');

  // The first segment of the generated scene, then (after the player fetched on) one of the title card.
  const first = await fetchBytes(`${engine.url}/sessions/${id}/segments/0-0.m4s`);
  const store = await read(first);
  assert.deepEqual(failures(store), ['signingCredential.untrusted'], JSON.stringify(store.validation_status));
  const manifest = store.manifests[store.active_manifest];
  const live = manifest.assertions.find((a) => a.label === 'c2pa.livevideo.segment').data;
  assert.equal(live.sequenceNumber, 1);
  assert.equal(live.previousManifestId, initStore.active_manifest, 'the first segment follows the init segment');
  const actions = manifest.assertions.find((a) => a.label.startsWith('c2pa.actions')).data.actions;
  assert.equal(actions[0].action, 'c2pa.created');
  assert.equal(actions[0].digitalSourceType, IPTC + 'trainedAlgorithmicMedia', 'a generated shot is declared as made by a model');
  assert.equal(manifest.assertions.find((a) => a.label === 'io.branchline.visit').data.scene, 'lighthouse');

  // As a player does: each segment once the playlist lists it (on a busy machine the next one may still be rendering).
  await playlistWith(id, 'segments/0-1.m4s');
  await fetchBytes(`${engine.url}/sessions/${id}/segments/0-1.m4s`);
  await playlistWith(id, 'segments/1-0.m4s');
  const card = await read(await fetchBytes(`${engine.url}/sessions/${id}/segments/1-0.m4s`));
  assert.deepEqual(failures(card), ['signingCredential.untrusted'], JSON.stringify(card.validation_status));
  const cardManifest = card.manifests[card.active_manifest];
  assert.equal(cardManifest.assertions.find((a) => a.label === 'c2pa.livevideo.segment').data.sequenceNumber, 3);
  assert.equal(cardManifest.assertions.find((a) => a.label.startsWith('c2pa.actions')).data.actions[0].digitalSourceType,
    IPTC + 'digitalCreation', 'a title card is not declared as generated');
});

test('c2pa-rs catches a segment changed after it was signed', async () => {
  const created = await (await fetch(`${engine.url}/api/stories/credentials/sessions`, { method: 'POST' })).json();
  await playlistWith(created.id, 'segments/0-0.m4s');
  const bytes = await fetchBytes(`${engine.url}/sessions/${created.id}/segments/0-0.m4s`);
  bytes[400] ^= 1;
  assert.ok(failures(await read(bytes)).includes('assertion.bmffHash.mismatch'));
});
