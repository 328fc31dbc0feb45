// Runs inside the page (or the embed's frame): watches the player's video the way a viewer
// would notice problems. Every presented frame is sampled (requestVideoFrameCallback, the
// centre drawn onto a small canvas) and named by its colour; `waiting` events after the
// first frame are counted as stalls; the player's events are recorded with their time.
// With {frames: false} frames are not drawn: Chromium's own HLS playback fails to parse its
// stream (DEMUXER_ERROR_COULD_NOT_PARSE) once frames are drawn onto a canvas as they come.
export function probe(options = {}) {
  const COLOURS = { red: [208, 32, 32], green: [32, 192, 64], blue: [32, 64, 224], black: [0, 0, 0] };
  const name = ([r, g, b]) => {
    let best = null;
    let bestD = Infinity;
    for (const [n, c] of Object.entries(COLOURS)) {
      const d = (r - c[0]) ** 2 + (g - c[1]) ** 2 + (b - c[2]) ** 2;
      if (d < bestD) { best = n; bestD = d; }
    }
    return best;
  };
  const state = { frames: [], waiting: [], events: [], firstFrameAt: null, playing: false };
  window.__probe = state;
  // Listening on the document from the start: an early event (an error) is not missed.
  for (const n of ['ready', 'scenechange', 'choiceopen', 'choice', 'ended', 'error', 'stall']) {
    document.addEventListener(n, (e) => {
      if (e.target?.localName !== 'branchline-player') return;
      const video = e.target.shadowRoot.querySelector('video');
      state.events.push({ name: n, at: performance.now(), media: video.currentTime, detail: e.detail });
    }, true);
  }
  const attach = () => {
    const player = document.querySelector('branchline-player');
    const video = player?.shadowRoot?.querySelector('video');
    if (!video) return setTimeout(attach, 10);
    video.addEventListener('playing', () => (state.playing = true));
    video.addEventListener('waiting', () => {
      if (state.playing) state.waiting.push({ at: performance.now(), media: video.currentTime });
    });
    if (options.frames === false) return;
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 8;
    const g = canvas.getContext('2d', { willReadFrequently: true });
    const onFrame = (now, meta) => {
      g.drawImage(video, 0, 0, 8, 8);
      const d = g.getImageData(3, 3, 1, 1).data;
      if (state.firstFrameAt === null) state.firstFrameAt = performance.now();
      state.frames.push({ media: meta.mediaTime, colour: name([d[0], d[1], d[2]]), rgb: [d[0], d[1], d[2]] });
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };
  attach();
}

/** Waits in the page until the player emitted `name` (the `count`th time), returns its record. */
export async function waitForEvent(frame, name, count = 1, timeout = 20000) {
  try {
    await frame.waitForFunction(([n, c]) => window.__probe && window.__probe.events.filter((e) => e.name === n).length >= c, [name, count], { timeout });
  } catch (e) {
    const events = await frame.evaluate(() => window.__probe?.events.map((x) => `${x.name} ${JSON.stringify(x.detail)}`)).catch(() => '?');
    throw new Error(`no ${name} event #${count} in ${timeout} ms; the player said: ${JSON.stringify(events)}`);
  }
  return frame.evaluate(([n, c]) => window.__probe.events.filter((e) => e.name === n)[c - 1], [name, count]);
}

/** What the probe saw so far. */
export function seen(frame) {
  return frame.evaluate(() => window.__probe);
}

/** The colour most frames had between two media times (s). */
export function colourBetween(frames, from, to) {
  const counts = {};
  for (const f of frames) if (f.media >= from && f.media < to) counts[f.colour] = (counts[f.colour] || 0) + 1;
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'none';
}
