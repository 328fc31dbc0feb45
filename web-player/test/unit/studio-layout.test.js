import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedStory } from './fixtures/generated-story.js';
import { layout, edgePath, mergeEdges, shareText, countsText, edgeLabel, shorten, boxes, overlaps, fitZoom, LAYOUT } from '../../src/pages/studio-layout.js';

// The bundled stories' maps, as the studio's API gives them (scenes, start, exits). Made with
// `branchline graph --format=json stories/S/S.story`.
const MAPS = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/story-maps');
const VIEWPORT = { width: 1280, height: 800 };

const stories = [
  ...readdirSync(MAPS).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(MAPS, f), 'utf8'))),
  generatedStory(),
];

test('the bundled stories and a generated 60-scene story are all checked', () => {
  assert.deepEqual(stories.map((s) => s.story).sort(), ['generated-60', 'linie-null', 'madame-zora', 'night-ferry']);
  assert.equal(stories.find((s) => s.story === 'generated-60').scenes.length, 60);
});

for (const story of stories) {
  test(`${story.story}: no two scene boxes or labels overlap, and the map fits 1280×800 at the fit zoom`, () => {
    const placed = layout(story.scenes, story.edges, story.start, VIEWPORT);
    const all = boxes(placed);
    assert.equal(all.filter((b) => b.kind === 'scene').length, story.scenes.length + (story.edges.some((e) => e.to === 'END') ? 1 : 0));
    assert.ok(all.some((b) => b.kind === 'label'), 'labels are drawn');
    assert.deepEqual(overlaps(all).map(([a, b]) => `${a.kind} ${a.id} × ${b.kind} ${b.id}`), []);
    for (const b of all) {
      assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.width <= placed.width + 0.5 && b.y + b.height <= placed.height + 0.5, `${b.id} lies on the map`);
    }
    const zoom = fitZoom(placed, VIEWPORT);
    assert.ok(placed.width * zoom <= VIEWPORT.width && placed.height * zoom <= VIEWPORT.height);
    // Readable at the fit zoom for the bundled stories (11 px labels stay at least 7 px); the
    // generated one is a third of the size, and zooming in reads it.
    assert.ok(zoom >= (story.story === 'generated-60' ? 0.25 : 0.6), `fit zoom ${zoom.toFixed(2)}`);
    for (const e of placed.edges) assert.match(edgePath(e), /^M[\d.-]+,[\d.-]+ [LQ]/, `${e.from} → ${e.to} has a path`);
  });
}

test('every exit gets an edge; an edge back is drawn too; scenes no path reaches still get a place', () => {
  const placed = layout(['hall', 'left', 'right', 'orphan'], [
    { from: 'hall', to: 'left', via: 'option', label: 'Left' },
    { from: 'hall', to: 'right', via: 'option', label: 'Right' },
    { from: 'left', to: 'hall', via: 'divert' },
    { from: 'right', to: 'END', via: 'divert' },
  ], 'hall');
  assert.deepEqual([...placed.nodes.keys()].sort(), ['END', 'hall', 'left', 'orphan', 'right']);
  assert.equal(placed.edges.length, 4);
  assert.deepEqual(overlaps(boxes(placed)), []);
});

test('long labels are shortened, with the whole text kept for the tooltip', () => {
  assert.equal(shorten('Follow the long corridor to the end'), 'Follow the long corri…');
  assert.equal(shorten('Left'), 'Left');
  const label = edgeLabel({ label: 'Follow the long corridor to the end', share: 0.625, picks: 3, timerDefaults: 2 });
  assert.deepEqual(label.lines, ['Follow the long corri…', '63% · 3 picked · 2 by timer']);
  assert.equal(label.full, 'Follow the long corridor to the end (63% of viewers: 3 picked · 2 by timer)');
  assert.equal(label.width, Math.ceil(27 * LAYOUT.labelCharWidth) + 2 * LAYOUT.labelPadding, "as wide as its longest line");
  assert.equal(edgeLabel({ from: 'a', to: 'b', via: 'divert' }), null);
});

test('options between the same two scenes merge into one edge with their picks and timer defaults added', () => {
  const merged = mergeEdges([
    { from: 'accuse', to: 'verdict', via: 'option', label: 'Tomas', picks: 3, timerDefaults: 1, share: 0.4 },
    { from: 'accuse', to: 'verdict', via: 'option', label: 'Clara', picks: 5, timerDefaults: 0, share: 0.5 },
    { from: 'accuse', to: 'docked', via: 'option', label: 'Say nothing', picks: 1, timerDefaults: 0, share: 0.1 },
  ]);
  assert.equal(merged.length, 2);
  assert.equal(merged[0].label, 'Tomas / Clara');
  assert.equal(merged[0].picks, 8);
  assert.equal(merged[0].timerDefaults, 1);
  assert.equal(shareText(merged[0]), '90%');
  assert.equal(countsText(merged[0]), '8 picked · 1 by timer');
  assert.equal(countsText(merged[1]), '1 picked');
  assert.equal(shareText({}), '');
});
