import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layout, edgePath, labelPoint, mergeEdges, shareText, LAYOUT } from '../../src/pages/studio-layout.js';

const scenes = ['hall', 'left', 'right', 'end', 'orphan'];
const edges = [
  { from: 'hall', to: 'left', via: 'option', label: 'Left' },
  { from: 'hall', to: 'right', via: 'option', label: 'Right' },
  { from: 'left', to: 'end', via: 'divert' },
  { from: 'right', to: 'end', via: 'divert' },
  { from: 'end', to: 'hall', via: 'option', label: 'Again' },
  { from: 'end', to: 'END', via: 'divert' },
];

test('scenes stand in columns by their distance from the start; unreachable ones last', () => {
  const { nodes } = layout(scenes, edges, 'hall');
  assert.deepEqual(['hall', 'left', 'right', 'end', 'orphan'].map((s) => nodes.get(s).column), [0, 1, 1, 2, 3]);
  assert.equal(nodes.get('left').row, 0);
  assert.equal(nodes.get('right').row, 1);
});

test('no two scenes overlap and the map holds them all', () => {
  const { nodes, width, height } = layout(scenes, edges, 'hall');
  const boxes = [...nodes.values()];
  for (const a of boxes) {
    assert.ok(a.x >= 0 && a.y >= 0 && a.x + LAYOUT.nodeWidth <= width && a.y + LAYOUT.nodeHeight <= height, a.id);
    for (const b of boxes) {
      if (a === b) continue;
      const apart = a.x + LAYOUT.nodeWidth <= b.x || b.x + LAYOUT.nodeWidth <= a.x || a.y + LAYOUT.nodeHeight <= b.y || b.y + LAYOUT.nodeHeight <= a.y;
      assert.ok(apart, `${a.id} and ${b.id} overlap`);
    }
  }
});

test('a column is ordered by where the scenes leading into it stand', () => {
  const { nodes } = layout(['s', 'a', 'b', 'bb', 'aa'], [
    { from: 's', to: 'a' }, { from: 's', to: 'b' }, { from: 'b', to: 'bb' }, { from: 'a', to: 'aa' },
  ], 's');
  assert.ok(nodes.get('aa').row < nodes.get('bb').row, 'aa follows a, which stands above b');
});

test('forward edges run right to left sides; edges back loop below', () => {
  const { nodes } = layout(scenes, edges, 'hall');
  const forward = edgePath(nodes.get('hall'), nodes.get('left'));
  assert.match(forward, new RegExp(`^M${nodes.get('hall').x + LAYOUT.nodeWidth},`));
  const back = edgePath(nodes.get('end'), nodes.get('hall'));
  const numbers = back.match(/-?\d+(\.\d+)?/g).map(Number);
  assert.ok(numbers[3] > nodes.get('end').y + LAYOUT.nodeHeight, 'the loop dips below the scenes');
  assert.equal(labelPoint(nodes.get('hall'), nodes.get('left')).anchor, 'end');
});

test('options between the same two scenes merge into one edge with their picks added', () => {
  const merged = mergeEdges([
    { from: 'accuse', to: 'verdict', via: 'option', label: 'Tomas', picks: 3, share: 0.3 },
    { from: 'accuse', to: 'verdict', via: 'option', label: 'Clara', picks: 5, share: 0.5 },
    { from: 'accuse', to: 'docked', via: 'option', label: 'Say nothing', picks: 2, share: 0.2 },
  ]);
  assert.equal(merged.length, 2);
  assert.equal(merged[0].label, 'Tomas / Clara');
  assert.equal(merged[0].picks, 8);
  assert.equal(shareText(merged[0]), '80%');
  assert.equal(shareText({}), '');
});
