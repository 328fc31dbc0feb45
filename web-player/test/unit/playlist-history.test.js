// The conformance suite's playlist-history checker, fed good and bad histories.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlaylistHistory, parseMediaPlaylist } from '../conformance/playlist-history.js';

const HEAD = '#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-MAP:URI="init.mp4"\n';
const media = (uris, { head = HEAD, end = false, durations = {} } = {}) =>
  head + uris.map((u) => `#EXTINF:${durations[u] ?? '1.00000'},\n${u}\n`).join('') + (end ? '#EXT-X-ENDLIST\n' : '');

/** Feeds versions in turn, each asked for after the previous answer unless `overlap` says so. */
function replay(versions, name = 'index.m3u8') {
  const h = new PlaylistHistory(0);
  let t = 0;
  for (const v of versions) {
    const { text, overlap = false, source = 'player' } = typeof v === 'string' ? { text: v } : v;
    const sent = overlap ? t - 15 : t + 10;
    h.record(name, text, { sent, received: sent + 20, source });
    t = sent + 20;
  }
  return h.violations();
}

test('a media playlist parses into its segments, each with its EXTINF and EXT-X-MAP', () => {
  const p = parseMediaPlaylist(media(['a/0.m4s', 'a/1.m4s'], { end: true, durations: { 'a/1.m4s': '0.50000' } }));
  assert.deepEqual([p.targetDuration, p.mediaSequence, p.playlistType, p.endList], [1, 0, 'EVENT', true]);
  assert.deepEqual(p.segments, [
    { uri: 'a/0.m4s', duration: '1.00000', map: 'URI="init.mp4"', discontinuity: false },
    { uri: 'a/1.m4s', duration: '0.50000', map: 'URI="init.mp4"', discontinuity: false },
  ]);
});

test('good: an EVENT playlist that only grows, asked for again and again, ends with EXT-X-ENDLIST', () => {
  assert.deepEqual(replay([
    media(['a/0.m4s']),
    media(['a/0.m4s']),
    media(['a/0.m4s', 'a/1.m4s']),
    media(['a/0.m4s', 'a/1.m4s', 'b/0.m4s'], { durations: { 'a/1.m4s': '1.00000' } }),
    media(['a/0.m4s', 'a/1.m4s', 'b/0.m4s'], { end: true }),
    media(['a/0.m4s', 'a/1.m4s', 'b/0.m4s'], { end: true }),
  ]), []);
});

test('good: a shorter version whose request overlapped a longer one is not taken for a removal', () => {
  assert.deepEqual(replay([
    { text: media(['a/0.m4s', 'a/1.m4s']), source: 'poll' },
    { text: media(['a/0.m4s']), overlap: true, source: 'player' },
  ]), []);
});

test('bad: a listed segment replaced by another (a cut rewriting the playlist)', () => {
  const found = replay([
    media(['a/0.m4s', 'a/1.m4s', 'a/2.m4s']),
    media(['a/0.m4s', 'b/0.m4s', 'b/1.m4s']),
  ]);
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0], /^index\.m3u8: segment #1 changed once listed: URI a\/1\.m4s → b\/0\.m4s/);
});

test('bad: the same replacement is caught whichever answer came back first', () => {
  const found = replay([
    { text: media(['a/0.m4s', 'b/0.m4s']) },
    { text: media(['a/0.m4s', 'a/1.m4s']), overlap: true },
  ]);
  assert.match(found.join('\n'), /segment #1 changed once listed/);
});

test('bad: a listed segment\'s EXTINF shortened', () => {
  const found = replay([media(['a/0.m4s', 'a/1.m4s']), media(['a/0.m4s', 'a/1.m4s'], { durations: { 'a/1.m4s': '0.50000' } })]);
  assert.match(found.join('\n'), /segment #1 changed once listed: EXTINF 1\.00000 → 0\.50000/);
});

test('bad: listed segments disappear from a later version', () => {
  const found = replay([media(['a/0.m4s', 'a/1.m4s', 'a/2.m4s']), media(['a/0.m4s'])]);
  assert.match(found.join('\n'), /2 listed segment\(s\) disappeared, the last of them #2 \(a\/2\.m4s\).*an EVENT playlist only grows/);
});

test('bad: EXT-X-TARGETDURATION, EXT-X-MAP and EXT-X-MEDIA-SEQUENCE change', () => {
  assert.match(replay([media(['a/0.m4s']), media(['a/0.m4s'], { head: HEAD.replace('TARGETDURATION:1', 'TARGETDURATION:5') })]).join('\n'),
    /EXT-X-TARGETDURATION changed from 1 to 5/);
  assert.match(replay([media(['a/0.m4s']), media(['a/0.m4s'], { head: HEAD.replace('init.mp4', 'init-2.mp4') })]).join('\n'),
    /segment #0 changed once listed: EXT-X-MAP URI="init\.mp4" → URI="init-2\.mp4"/);
  assert.match(replay([media(['a/0.m4s', 'a/1.m4s']), media(['a/1.m4s'], { head: HEAD.replace('SEQUENCE:0', 'SEQUENCE:1') })]).join('\n'),
    /EXT-X-MEDIA-SEQUENCE changed from 0 to 1 .*an EVENT playlist never removes segments/);
});

test('bad: a playlist that changes after EXT-X-ENDLIST', () => {
  const found = replay([media(['a/0.m4s'], { end: true }), media(['a/0.m4s', 'a/1.m4s'], { end: true })]);
  assert.match(found.join('\n'), /changed after EXT-X-ENDLIST/);
});

test('bad: a segment longer than the target duration', () => {
  const found = replay([media(['a/0.m4s'], { durations: { 'a/0.m4s': '1.60000' } })]);
  assert.match(found.join('\n'), /segment #0 \(a\/0\.m4s\) lasts 1\.60000 s, more than EXT-X-TARGETDURATION:1/);
});

test('multivariant: entries may be added, not changed or removed', () => {
  const rendition = '#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="captions",NAME="Captions",DEFAULT=YES,URI="captions.m3u8"\n';
  const variant = (codecs) => `#EXT-X-STREAM-INF:BANDWIDTH=1000${codecs ? `,CODECS="${codecs}"` : ''},SUBTITLES="captions"\nindex.m3u8\n`;
  const mv = (...parts) => `#EXTM3U\n#EXT-X-VERSION:7\n${parts.join('')}`;
  assert.deepEqual(replay([mv(variant('avc1.42C01E')), mv(rendition, variant('avc1.42C01E')), mv(rendition, variant('avc1.42C01E'))], 'main.m3u8'), []);
  assert.match(replay([mv(rendition, variant('')), mv(rendition, variant('avc1.42C01E'))], 'main.m3u8').join('\n'),
    /main\.m3u8: the variant index\.m3u8 changed/);
  assert.match(replay([mv(rendition, variant('a')), mv(variant('a'))], 'main.m3u8').join('\n'),
    /main\.m3u8: the rendition SUBTITLES\/captions\/Captions disappeared/);
});

test('playlists are told apart by name and counted', () => {
  const h = new PlaylistHistory(0);
  h.record('index.m3u8', media(['a/0.m4s']), { sent: 0, received: 1, source: 'poll' });
  h.record('captions.m3u8', media(['c/0.vtt']), { sent: 2, received: 3, source: 'poll' });
  h.record('captions.m3u8', media(['c/0.vtt']), { sent: 4, received: 5, source: 'player' });
  assert.deepEqual(h.violations(), []);
  assert.equal(h.summary(), 'index.m3u8: 1 versions in 1 answers; captions.m3u8: 1 versions in 2 answers');
});
