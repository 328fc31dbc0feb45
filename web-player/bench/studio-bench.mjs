// The studio's figures: how long the story map's layout takes (the bundled stories and generated
// ones of 60 and 120 scenes) and the zoom at which each fits a 1280×800 viewport. Pure Node, no
// engine: node bench/studio-bench.mjs [--runs N]. (How soon the editor shows the diagnostics of
// unsaved text is measured in a real browser by test/e2e/studio.e2e.test.js, which prints it.)
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg, cpus } from 'node:os';
import { layout, fitZoom, boxes, overlaps } from '../src/pages/studio-layout.js';
import { generatedStory } from '../test/unit/fixtures/generated-story.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const maps = join(dirname(fileURLToPath(import.meta.url)), '../test/unit/fixtures/story-maps');
const stories = [
  ...readdirSync(maps).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(maps, f), 'utf8'))),
  generatedStory(10, 6),
  { ...generatedStory(20, 6), story: 'generated-120' },
];
const viewport = { width: 1280, height: 800 };
console.log(`# ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; median of ${runs} runs after one warm-up`);
console.log('| story | scenes | edges | layout, median ms | direction | map size | fit zoom in 1280×800 | overlaps |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const s of stories) {
  layout(s.scenes, s.edges, s.start, viewport);
  const times = [];
  let placed;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    placed = layout(s.scenes, s.edges, s.start, viewport);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`| ${s.story} | ${s.scenes.length} | ${s.edges.length} | ${times[Math.floor(runs / 2)].toFixed(0)} | ${placed.rankdir} | ${Math.round(placed.width)}×${Math.round(placed.height)} | ${fitZoom(placed, viewport).toFixed(2)} | ${overlaps(boxes(placed)).length} |`);
}
