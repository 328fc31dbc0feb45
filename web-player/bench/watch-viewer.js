// One viewer of bench/watch.mjs, run inside a /watch/{story} page before its scripts: it acts
// as a person would (a random option of each choice, clicked at a random moment inside the
// window; a short random name for a question) and writes down what that person would notice:
// when the first frame played, every bridge (the player's stall: the `bridging` class on its
// video, from the moment it is shown until it goes) and the player's events. `replay` is a
// list of option labels to take in order instead of random ones (the same path again).
// Read back from the page as window.__watch.
export function viewer({ replay = null } = {}) {
  const NAMES = ['Ada', 'Ilse', 'Tomas', 'Noor', 'Kai', 'Mira', 'Jun', 'Lev'];
  const rec = {
    readyAt: null, playAt: null, firstFrameAt: null, endedAt: null, endMedia: null, fatal: null,
    bridges: [], waiting: [], picks: [], events: [],
  };
  window.__watch = rec;
  let windows = 0;

  // The window is [now, closes] on the media clock: the click lands uniformly inside it, kept
  // 100 ms from its opening and 300 ms from its close so that it is not a race with the timer.
  const pick = (player, video, detail) => {
    const n = windows++;
    const opens = video.currentTime * 1000;
    const lo = opens + 100;
    const hi = detail.closes - 300;
    const at = hi > lo ? lo + Math.random() * (hi - lo) : lo;
    const wanted = replay?.[n];
    const option = detail.kind === 'choice'
      ? detail.options.find((o) => o.label === wanted) ?? detail.options[Math.floor(Math.random() * detail.options.length)]
      : null;
    const p = { n, kind: detail.kind, scene: detail.scene, opens: Math.round(opens), closes: detail.closes, at: Math.round(at),
      label: option ? option.label : NAMES[Math.floor(Math.random() * NAMES.length)] };
    rec.picks.push(p);
    const timer = setInterval(() => {
      const now = video.currentTime * 1000;
      if (!player.isConnected || rec.endedAt !== null) return clearInterval(timer);
      if (now < at) return;
      clearInterval(timer);
      const root = player.shadowRoot;
      if (now >= detail.closes) return void (p.missed = 'window closed');
      if (option) {
        const button = root.querySelector(`.choice button.option[data-index="${option.index}"]`);
        if (!button || button.disabled) return void (p.missed = 'no button');
        button.click();
      } else {
        const input = root.querySelector('.choice input');
        if (!input || input.disabled) return void (p.missed = 'no field');
        input.value = p.label;
        root.querySelector('.choice .send').click();
      }
      p.clicked = Math.round(now);
    }, 25);
  };

  for (const name of ['ready', 'scenechange', 'choiceopen', 'choice', 'ended', 'error', 'stall']) {
    document.addEventListener(name, (e) => {
      if (e.target?.localName !== 'branchline-player') return;
      const video = e.target.shadowRoot.querySelector('video');
      const at = performance.now();
      rec.events.push({ name, at: Math.round(at), media: +video.currentTime.toFixed(3), detail: e.detail });
      if (name === 'ready') rec.readyAt ??= at;
      if (name === 'ended') {
        rec.endedAt = at;
        rec.endMedia = video.currentTime;
      }
      if (name === 'error' && e.detail.fatal) rec.fatal = e.detail;
      if (name === 'choiceopen') pick(e.target, video, e.detail);
    }, true);
  }

  const attach = () => {
    const video = document.querySelector('branchline-player')?.shadowRoot?.querySelector('video');
    if (!video) return setTimeout(attach, 10);
    video.addEventListener('play', () => {
      if (rec.playAt !== null) return;
      rec.playAt = performance.now();
      // The first frame presented after play: the first one a viewer sees move.
      video.requestVideoFrameCallback(() => (rec.firstFrameAt = performance.now()));
    });
    video.addEventListener('waiting', () => rec.waiting.push({ at: Math.round(performance.now()), media: +video.currentTime.toFixed(3) }));
    // The bridge as the viewer sees it: shown when the player says `bridging`, gone when it stops.
    new MutationObserver(() => {
      const on = video.classList.contains('bridging');
      const open = rec.bridges.at(-1);
      if (on && (!open || open.end !== undefined)) rec.bridges.push({ start: performance.now(), media: +video.currentTime.toFixed(3) });
      else if (!on && open && open.end === undefined) open.end = performance.now();
    }).observe(video, { attributes: true, attributeFilter: ['class'] });
  };
  attach();
}
