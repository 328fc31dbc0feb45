// One conformance run, the same for every player: a new session, the playlists polled, the
// player opened, the viewer acting through the REST API; then each check as a subtest, and
// one marked line of figures on stdout.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../e2e/harness.js';
import { PlaylistHistory } from './playlist-history.js';
import { createSession, pollPlaylists, actAsViewer, captionsRendition } from './viewer.js';
import { checkStart, checkFrames, checkCues, sceneOf } from './story.js';

/** Where each run leaves every playlist version it saw. */
export const OUT = join(REPO, 'web-player/target/conformance');

/**
 * Plays the conformance story with the player `open(session, history)` opens, which resolves
 * to {clock(), finished(endS), result(), close()}; result() resolves to
 * {frames: [{t, rgb, wall}], waiting: [{t, wall, afterStart}], errors: [{fatal, source, details}], cues: [{text, start}] | null}.
 *
 * With {ownSession: true} the player starts its own session (Branchline's player does):
 * `open(null, history)` resolves to the adapter plus `session` (as createSession's) and `act`
 * (its own way to pick and go back, see actAsViewer); the playlists are then not polled, since
 * a read playlist is a promise the engine keeps and would change what it does for a player
 * that reads none.
 */
export async function play(name, engineUrl, open, { ownSession = false, quiet = false } = {}) {
  const t0 = Date.now();
  const log = quiet ? () => {} : (m) => console.log(`[${name}] ${((Date.now() - t0) / 1000).toFixed(1)} s: ${m}`);
  const history = new PlaylistHistory(t0);
  let session = ownSession ? null : await createSession(engineUrl);
  const poll = ownSession ? { stop: async () => {} } : pollPlaylists(session, history);
  const player = await open(session, history);
  session ??= player.session;
  let viewer;
  let finished = null;
  let captions;
  let result;
  try {
    viewer = await actAsViewer(session, player.clock, { log, ...(player.act ? { act: player.act } : {}) });
    const end = Math.max(...viewer.view.history.map((v) => v.end)) / 1000;
    try {
      await player.finished(end);
    } catch (e) {
      finished = `the player did not play to the end of the story (${end.toFixed(2)} s) in time; its clock is at ${(await player.clock())?.toFixed(2)} s (${e.message.split('\n')[0]})`;
    }
    await poll.stop();
    captions = await captionsRendition(session).catch((e) => ({ error: e.message }));
    result = await player.result();
  } finally {
    await poll.stop();
    await player.close();
  }
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, `${name}-playlists.txt`), ownSession ? `${name} reads no playlist; none was polled during the run\n` : history.dump());
  log(`done; every playlist version is in ${join(OUT, `${name}-playlists.txt`)}`);
  return { name, session, history, viewer, finished, captions, ...result, seconds: (Date.now() - t0) / 1000 };
}

/** The wall ms from each pick (or back) to the first frame of the scene it led to. */
export function latencies(run) {
  return run.viewer.acts.filter((a) => a.status === 200 && a.visit).map((a) => {
    const f = run.frames.find((x) => x.wall >= a.wall && sceneOf(x.rgb) === a.visit.scene && x.t >= a.visit.start / 1000 - 0.05);
    return { name: a.name, ms: f ? Math.round(f.wall - a.wall) : null };
  });
}

/** Prints the run's figures on one line that starts with "[conformance]". */
export function printFigures(run) {
  const start = run.frames[0]?.t;
  const stalls = run.waiting.filter((w) => w.afterStart);
  const parts = [
    `start position ${start === undefined ? 'none' : `${start.toFixed(3)} s`}`,
    ...(run.latency === false ? [] : [`choice-to-play ${latencies(run).map((l) => `${l.name} ${l.ms ?? 'never'} ms`).join(', ') || 'none'}`,
      `stalls ${stalls.length}${stalls.length ? ` (at ${stalls.map((w) => w.t.toFixed(2)).join(', ')} s)` : ''}`]),
    `frames ${run.frames.length}`,
    `errors ${run.errors.filter((e) => e.fatal).length} fatal / ${run.errors.filter((e) => !e.fatal).length} other`,
    `playlists ${run.history.summary() || 'none read'}`,
    `run ${run.seconds.toFixed(1)} s`,
  ];
  console.log(`[conformance] ${run.name}: ${parts.join('; ')}`);
}

const none = (problems, what) => assert.deepEqual(problems, [], `${what}:\n  ${problems.join('\n  ')}`);

/** Each check of a run as its own subtest of `t`, so a report names every one that fails. */
export async function checkRun(t, run, { playerCues = true, playlists = true } = {}) {
  const history = run.viewer.view.history;
  const timeline = history.map((v) => `${v.scene} ${(v.start / 1000).toFixed(2)}–${(v.end / 1000).toFixed(2)}`).join(', ');
  printFigures(run);
  console.log(`[${run.name}] the session's history: ${timeline}`);
  await t.test('playback starts at media time 0 with the first scene', () => none(checkStart(run.frames, history), 'the start'));
  await t.test('the viewer\'s default, picks and back are taken while the player shows their window', () => none(run.viewer.problems, 'the viewer'));
  await t.test('every frame shows the scene the session\'s history has at its time; scenes nobody chose never show', () => none(checkFrames(run.frames, history), 'the frames'));
  await t.test('the player played to the end of the story', () => none(run.finished ? [run.finished] : [], 'the end'));
  await t.test('no fatal player error', () => none(run.errors.filter((e) => e.fatal).map((e) => `${e.source}: ${e.details}`), 'player errors'));
  await t.test('the captions rendition (captions.m3u8 and its WebVTT) has each visit\'s caption at its start', () => {
    if (run.captions.error) assert.fail(run.captions.error);
    none(checkCues(run.captions, history, 0.1), 'the captions rendition');
  });
  if (playerCues) {
    await t.test('the player\'s text track got each visit\'s caption (±1 segment)', () => none(checkCues(run.cues, history, 1), `the text track cues (${JSON.stringify(run.cues.map((c) => [c.text, +c.start.toFixed(2)]))})`));
  }
  if (playlists) {
    await t.test('every playlist only grew: no listed entry changed or disappeared (RFC 8216 6.2.1)', () => none(run.history.violations(), 'playlist history'));
  }
}
