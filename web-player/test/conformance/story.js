// The conformance story (stories/paths/paths.story) as the checks see it: each scene's colour
// and caption, the scenes the viewer never goes to, and the checks of what a player showed
// against the session's own history (GET /api/sessions/ID).
import { join } from 'node:path';
import { REPO } from '../e2e/harness.js';

export const STORIES = join(REPO, 'web-player/test/conformance/stories');
export const STORY = 'paths';

export const SCENES = {
  start: { colour: [208, 32, 32], caption: 'Red: nobody picks.' },
  left: { colour: [32, 192, 64], caption: 'Green: pick Go.' },
  go: { colour: [32, 64, 224], caption: 'Blue: pick Run, or wait.' },
  run: { colour: [224, 208, 32], caption: 'Yellow: go back.' },
  walk: { colour: [240, 240, 240], caption: 'White: the end.' },
  right: { colour: [240, 128, 32], caption: 'Orange: never.' },
  stay: { colour: [32, 192, 192], caption: 'Cyan: never.' },
  up: { colour: [192, 32, 192], caption: 'Magenta: never.' },
  down: { colour: [128, 128, 128], caption: 'Grey: never.' },
};
/** Each choice's window as the story writes it: the last WINDOW ms of its scene's video. */
export const WINDOWS = { start: 2000, left: 2000, go: 4000, run: 3000 };

/** Scenes that only an option the viewer did not take leads to. */
export const NEVER = ['right', 'stay', 'up', 'down'];

/** Frames this close to a visit's start or end (s) may show either side: one frame and a bit. */
const EDGE = 0.05;

/** The scene whose colour an RGB pixel is (nearest within a margin), 'black', or 'other'. */
export function sceneOf([r, g, b]) {
  if (r + g + b < 60) return 'black';
  let best = 'other';
  let bestD = 40 ** 2;
  for (const [scene, { colour: c }] of Object.entries(SCENES)) {
    const d = (r - c[0]) ** 2 + (g - c[1]) ** 2 + (b - c[2]) ** 2;
    if (d < bestD) { best = scene; bestD = d; }
  }
  return best;
}

const s = (ms) => (ms / 1000).toFixed(2);
const visits = (history) => history.filter((v) => v.end > v.start);

/** The visit on the timeline at media time t (s), or null past its end. */
function visitAt(history, t) {
  return visits(history).find((v) => v.start / 1000 <= t && t < v.end / 1000) ?? null;
}

function nearEdge(history, t) {
  return visits(history).some((v) => Math.abs(t - v.start / 1000) < EDGE || Math.abs(t - v.end / 1000) < EDGE);
}

/** Consecutive frames with the same finding, as "from–to s" runs, so a message stays short. */
function runs(items, key, say) {
  const out = [];
  let cur = null;
  for (const it of items) {
    const k = key(it);
    if (cur && cur.k === k) cur.last = it;
    else {
      if (cur) out.push(say(cur.first, cur.last, cur.n));
      cur = { k, first: it, last: it, n: 0 };
    }
    cur.n++;
  }
  if (cur) out.push(say(cur.first, cur.last, cur.n));
  return out;
}

/** Where playback began: the first frame shown must be at media time 0 (±startTolerance s) and the first scene's. */
export function checkStart(frames, history, startTolerance = 0.25) {
  if (!frames.length) return ['no frame was shown at all'];
  const first = frames[0];
  const problems = [];
  if (first.t > startTolerance) problems.push(`playback started at ${first.t.toFixed(2)} s of the session's timeline, not at 0 (the first frame shown was ${sceneOf(first.rgb)}'s)`);
  const want = history[0]?.scene;
  if (sceneOf(first.rgb) !== want) problems.push(`the first frame shown is ${sceneOf(first.rgb)}'s colour ${JSON.stringify(first.rgb)}, not the first scene's (${want})`);
  return problems;
}

/**
 * Every frame against the history: the scene on screen at media time t must be the visit
 * the history has at t; a scene nobody chose must never show; every visit must be seen.
 * frames: [{t: media s, rgb}], in the order shown.
 */
export function checkFrames(frames, history) {
  const problems = [];
  const never = frames.filter((f) => NEVER.includes(sceneOf(f.rgb)));
  const taken = new Set(history.map((v) => v.scene));
  problems.push(...runs(never, (f) => sceneOf(f.rgb), (a, b, n) => `${n} frame(s) of ${sceneOf(a.rgb)}, a scene the viewer did not choose, were shown (media ${a.t.toFixed(2)}–${b.t.toFixed(2)} s)${
    taken.has(sceneOf(a.rgb)) ? '; the session went there after it refused the viewer\'s action' : '; it is not even in the session\'s history'}`));
  const wrong = frames.filter((f) => !nearEdge(history, f.t)).map((f) => ({ ...f, want: visitAt(history, f.t), got: sceneOf(f.rgb) }))
    .filter((f) => f.got !== f.want?.scene);
  problems.push(...runs(wrong, (f) => `${f.got}/${f.want?.scene}/${f.want?.start}`, (a, b, n) => a.want
    ? `media ${a.t.toFixed(2)}–${b.t.toFixed(2)} s showed ${a.got} (${n} frames) where the session's history has ${a.want.scene} (${s(a.want.start)}–${s(a.want.end)} s)`
    : `media ${a.t.toFixed(2)}–${b.t.toFixed(2)} s showed ${a.got} (${n} frames) past the end of the session's timeline (${s(visits(history).at(-1)?.end ?? 0)} s)`));
  for (const v of visits(history)) {
    const inside = frames.filter((f) => f.t >= v.start / 1000 + EDGE && f.t < v.end / 1000 - EDGE);
    const right = inside.filter((f) => sceneOf(f.rgb) === v.scene).length;
    const expected = Math.max(1, Math.round(((v.end - v.start) / 1000 - 2 * EDGE) * 30));
    if (right < Math.min(expected, Math.max(3, expected / 4))) {
      problems.push(`the visit of ${v.scene} at ${s(v.start)}–${s(v.end)} s was not shown: ${right} of its ~${expected} frames seen`);
    }
  }
  return problems;
}

/** The story's caption of each visit on the timeline, at the visit's start (s). */
export function expectedCues(history) {
  return visits(history).map((v) => ({ text: SCENES[v.scene].caption, start: v.start / 1000 }));
}

/**
 * Cues a player (or the captions rendition) gave, [{text, start}], against the history:
 * each visit's caption at its start (± tolerance s), and no caption of a scene nobody chose.
 */
export function checkCues(cues, history, tolerance) {
  const problems = [];
  const left = [...cues];
  for (const want of expectedCues(history)) {
    const i = left.findIndex((c) => c.text === want.text && Math.abs(c.start - want.start) <= tolerance);
    if (i < 0) {
      const near = cues.filter((c) => c.text === want.text).map((c) => c.start.toFixed(2));
      problems.push(`no cue "${want.text}" at ${want.start.toFixed(2)} s${near.length ? ` (it came at ${near.join(', ')} s)` : ''}`);
    } else left.splice(i, 1);
  }
  for (const c of left) {
    const scene = Object.keys(SCENES).find((k) => SCENES[k].caption === c.text);
    if (NEVER.includes(scene)) problems.push(`the caption of ${scene}, a scene the viewer did not choose, came as a cue at ${c.start.toFixed(2)} s`);
  }
  return problems;
}

/** The cues of a WebVTT file, moved by its X-TIMESTAMP-MAP (RFC 8216 3.5) onto the media timeline. */
export function parseVtt(text) {
  const time = (t) => {
    const p = t.split(':').map(Number);
    return p.reduce((acc, x) => acc * 60 + x, 0);
  };
  let offset = 0;
  const map = /X-TIMESTAMP-MAP=([^\n]*)/.exec(text);
  if (map) {
    const mpegts = Number(/MPEGTS:(\d+)/.exec(map[1])?.[1] ?? 0);
    const local = /LOCAL:([\d:.]+)/.exec(map[1])?.[1];
    offset = mpegts / 90000 - (local ? time(local) : 0);
  }
  const cues = [];
  for (const block of text.replace(/\r/g, '').split(/\n\n+/)) {
    const lines = block.split('\n');
    const at = lines.findIndex((l) => l.includes('-->'));
    if (at < 0) continue;
    const [a, b] = lines[at].split('-->').map((x) => x.trim().split(/\s+/)[0]);
    cues.push({ text: lines.slice(at + 1).join('\n').trim(), start: time(a) + offset, end: time(b) + offset });
  }
  return cues;
}
