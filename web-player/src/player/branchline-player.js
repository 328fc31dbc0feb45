/**
 * <branchline-player story="ID" server="URL" scene="NAME" autoplay muted controls>
 *
 * Plays a Branchline story: starts a session on the engine, feeds the video through Media
 * Source Extensions (native HLS where there is none), shows each choice over the video and
 * sends the viewer's pick. While a generated scene plays, an "AI" badge opens what made it and
 * whether its Content Credentials verify (ai-badge.js). Events: see events.js (and
 * docs/embedding.md). Changing `story` or `server` starts a new session.
 */
import { configure } from './defaults.js';
import { Events, PlayerError, ErrorTypes, ErrorDetails } from './events.js';
import { SessionApi } from './api.js';
import { MediaPipeline, mediaSourceClass } from './media-pipeline.js';
import { Captions } from './captions.js';
import { ChoiceOverlay } from './choice-ui.js';
import { windowState } from './countdown.js';
import { visitAt, segmentKey } from './plan.js';
import { AiBadge } from './ai-badge.js';
import { styles } from './styles.js';

const TEMPLATE = `
<video part="video" playsinline preload="auto"></video>
<div class="controls" part="controls" hidden>
  <button type="button" class="play" aria-label="Pause">❚❚</button>
  <button type="button" class="back" aria-label="Back to the previous choice" title="Back to the previous choice">↶</button>
  <button type="button" class="cc" aria-label="Captions" aria-pressed="true" title="Captions">CC</button>
</div>
<div class="panel loading" part="loading" role="status"><div class="spinner"></div><span class="sr">Loading</span></div>
<div class="panel start" part="start" hidden><button type="button" class="big" aria-label="Play">▶ Play</button></div>
<div class="panel error" part="error" role="alert" hidden><p class="message"></p><button type="button" class="big retry">Try again</button></div>
<div class="panel end" part="end" hidden><p class="credits"></p><button type="button" class="big replay">↻ Watch again</button></div>
<div class="bridge" part="bridge" hidden><span class="dots" aria-hidden="true"><i></i><i></i><i></i></span><span class="sr">The next scene is on its way</span></div>
<div class="toast" role="status" hidden></div>
<div class="sr live" aria-live="assertive"></div>
`;

export class BranchlinePlayer extends HTMLElement {
  static get observedAttributes() {
    return ['story', 'server', 'scene', 'muted', 'controls'];
  }

  constructor() {
    super();
    this.config = configure();
    const root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = styles;
    const frame = document.createElement('template');
    frame.innerHTML = TEMPLATE;
    root.append(style, frame.content);
    this.$ = (selector) => root.querySelector(selector);
    this.video = this.$('video');
    this.overlay = new ChoiceOverlay(root, this.$('.live'), {
      onChoose: (option) => this.choose(option),
      onAnswer: (text) => this.answer(text),
    });
    // After the controls, so the tab order runs controls → badge → options.
    this.badge = new AiBadge(root, '/.well-known/branchline-cert.pem');
    this.$('.controls').after(this.badge.button, this.badge.panel);
    this.listen();
  }

  // ---- public API ----

  /** The session's latest VIEW (read only). */
  get session() {
    return this.view;
  }

  play() {
    return this.video.play().catch(() => this.showStart());
  }

  pause() {
    this.video.pause();
  }

  /** Picks option `index` of the open choice; resolves to whether the engine took it. */
  async choose(option) {
    const choice = this.view?.choice;
    const id = this.windowId();
    if (!choice || this.picked.has(id) || !windowState(choice, this.playheadMs()).open) return false;
    const shown = choice.options.find((o) => o.index === option);
    if (!shown) return false;
    const scene = this.view.scene;
    this.picked.set(id, option); // before the answer, so the closing window is not the timer's
    this.overlay.markTaken(option);
    try {
      await this.report(); // the pick is judged where the viewer is, not where the last report ran on to
      this.apply(await this.api.choose(option));
    } catch (e) {
      // Refused (too late: the timer took the default): the next VIEW says what was taken.
      this.picked.delete(id);
      this.fail(e);
      await this.refresh();
      return false;
    }
    this.emit(Events.CHOICE, { scene, option, label: shown.label, by: 'viewer' });
    return true;
  }

  /** Answers the open question. */
  async answer(text) {
    const id = this.windowId();
    if (!this.view?.question || this.picked.has(id)) return false;
    const scene = this.view.scene;
    this.picked.set(id, -1); // before the answer returns, so the closing window is not the timer's
    try {
      await this.report();
      this.apply(await this.api.answer(text));
    } catch (e) {
      if (e.details === ErrorDetails.ANSWER_REFUSED) this.picked.delete(id); // say it differently
      this.fail(e);
      return false;
    }
    this.overlay.markTaken(-1, text);
    this.emit(Events.CHOICE, { scene, option: -1, label: text, by: 'answer', text });
    return true;
  }

  /** Goes back to the previous choice (it plays again from the next segment boundary). */
  async back() {
    if (!this.api?.session) return false;
    try {
      await this.report();
      this.apply(await this.api.back());
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  /** Starts the story again in a new session. */
  restart() {
    this.stop();
    this.start();
  }

  // ---- life cycle ----

  connectedCallback() {
    if (!this.running) this.start();
  }

  disconnectedCallback() {
    this.stop();
  }

  attributeChangedCallback(name, before, now) {
    if (name === 'muted') this.video.muted = now !== null;
    if (name === 'controls') this.$('.controls').hidden = now === null;
    if ((name === 'story' || name === 'server' || name === 'scene') && before !== now && this.running) this.restart();
  }

  /** Frees everything: timers, the event stream, the media pipeline and captions. */
  destroy() {
    this.stop();
    this.overlay.destroy();
    this.badge.destroy();
    this.remove();
  }

  stop() {
    this.running = false;
    clearInterval(this.tickTimer);
    clearInterval(this.pollTimer);
    clearInterval(this.positionTimer);
    clearTimeout(this.refreshTimer);
    this.events?.close();
    this.pipeline?.destroy();
    this.captions?.destroy();
    this.pipeline = this.captions = this.events = null;
    this.overlay.clear();
    this.badge.clear();
  }

  async start() {
    const story = this.getAttribute('story');
    if (!story) return;
    this.running = true;
    this.failed = false;
    const run = (this.run = (this.run || 0) + 1);
    this.view = null;
    this.nativeHls = false;
    this.picked = new Map();
    this.announcedWindow = null;
    this.visitIndex = -1;
    this.credentials = new Map(); // content key → what its first fetched segment's credentials say (null while read)
    this.credentialsShownFor = -1;
    this.readySent = false;
    this.endedSent = false;
    this.video.muted = this.hasAttribute('muted');
    this.$('.controls').hidden = !this.hasAttribute('controls');
    this.show('loading');
    // The story's poster until the first frame plays (its first scene often fades in from black).
    const server = (this.getAttribute('server') || '').replace(/\/$/, '');
    if (this.getAttribute('scene')) this.video.removeAttribute('poster');
    else this.video.poster = `${server}/api/stories/${encodeURIComponent(story)}/poster.jpg`;
    this.api = new SessionApi(this.getAttribute('server') || '');
    this.badge.certificateUrl = this.api.url('/.well-known/branchline-cert.pem');
    this.about = null;
    this.api.story(story).then((about) => run === this.run && (this.about = about));
    try {
      let view = await this.api.create(story, this.getAttribute('scene') || undefined);
      if (run !== this.run) return;
      this.view = view;
      // The format's init segment and codecs are known once the first segment is stored.
      while (!view.media?.mime && !view.ended && run === this.run) {
        await new Promise((r) => setTimeout(r, 150));
        view = await this.api.view();
        this.view = view;
      }
      if (run !== this.run) return;
      if (mediaSourceClass()) {
        this.pipeline = new MediaPipeline(this.video, this.api, this.config, (e) => this.fail(e),
          (path, bytes) => this.readVisitCredentials(path, bytes, run));
        await this.pipeline.open(view.media.mime);
      } else if (this.video.canPlayType('application/vnd.apple.mpegurl')) {
        // Native HLS (older iPhones): the session's playlist, with its captions rendition.
        this.nativeHls = true;
        // Say at once that this player reports its position (standing at 0 until it plays), so
        // the engine gives it the story's own windows and not the earlier ones it gives HLS
        // players that report nothing.
        await this.api.position(0, true);
        this.video.src = this.api.url(this.api.session.multivariant || this.api.session.playlist);
      } else {
        throw new PlayerError(ErrorTypes.MEDIA_ERROR, ErrorDetails.MEDIA_UNSUPPORTED, true, 'This browser can play neither Media Source video nor HLS.');
      }
      if (run !== this.run) return;
      if (!this.nativeHls) this.captions = new Captions(this.video, this.api, document.documentElement.lang || 'en');
      this.$('.cc').setAttribute('aria-pressed', 'true');
      this.events = this.api.listen(() => this.scheduleRefresh());
      this.tickTimer = setInterval(() => this.tick(), this.config.tickMs);
      this.pollTimer = setInterval(() => this.refresh(), this.config.pollIntervalMs);
      this.positionTimer = setInterval(() => this.report(), this.config.positionIntervalMs);
      this.apply(view);
    } catch (e) {
      if (run === this.run) this.fail(e);
    }
  }

  // ---- wiring ----

  listen() {
    const v = this.video;
    v.addEventListener('loadeddata', () => {
      if (this.readySent || !this.view) return;
      this.readySent = true;
      this.show(null);
      this.syncPlayButton();
      this.emit(Events.READY, { session: this.view.id, story: this.view.story, scene: this.view.history[0]?.scene });
      if (this.hasAttribute('autoplay')) this.play();
      else this.showStart();
    });
    v.addEventListener('play', () => { this.$('.start').hidden = true; this.syncPlayButton(); this.report(); });
    v.addEventListener('pause', () => { this.syncPlayButton(); this.report(); });
    v.addEventListener('ended', () => this.checkEnded());
    // A stall (a missed prediction: the next scene is not rendered yet) is bridged: the last
    // frame stays, drifting slowly, with a quiet sign that more is coming; never a black
    // frame or a frozen picture.
    v.addEventListener('waiting', () => {
      if (this.readySent && this.running && !this.endedSent && !v.paused) this.bridge(true);
    });
    v.addEventListener('playing', () => this.bridge(false));
    v.addEventListener('timeupdate', () => {
      if (this.bridging && v.readyState >= 3) this.bridge(false);
    });
    v.addEventListener('error', () => {
      if (v.error && this.running) this.fail(new PlayerError(ErrorTypes.MEDIA_ERROR, ErrorDetails.APPEND_FAILED, true, `The video could not be played (${v.error.message || v.error.code}).`));
    });
    this.$('.start .big').addEventListener('click', () => this.play());
    this.$('.play').addEventListener('click', () => (v.paused ? this.play() : this.pause()));
    this.$('.back').addEventListener('click', () => this.back());
    this.$('.cc').addEventListener('click', () => {
      const on = this.$('.cc').getAttribute('aria-pressed') !== 'true';
      if (this.captions) this.captions.enabled = on;
      else for (const t of this.video.textTracks) t.mode = on ? 'showing' : 'hidden'; // native HLS
      this.$('.cc').setAttribute('aria-pressed', String(on));
    });
    this.$('.retry').addEventListener('click', () => this.restart());
    this.$('.replay').addEventListener('click', () => this.restart());
    this.addEventListener('keydown', (e) => this.overlay.handleKey(e));
  }

  /** How many times the next scene was late and the bridge was shown, this session. */
  get stalls() {
    return this.stallCount ?? 0;
  }

  bridge(on) {
    if (on === Boolean(this.bridging)) return;
    this.bridging = on;
    this.video.classList.toggle('bridging', on);
    this.$('.bridge').hidden = !on;
    if (on) {
      this.stallCount = this.stalls + 1;
      const at = Math.round(this.video.currentTime * 1000);
      // The playhead stops a hair before the late visit's start: name the visit it waits for.
      const visit = this.view ? this.view.history[visitAt(this.view, at + 100)] : null;
      this.emit(Events.STALL, { scene: visit ? visit.scene : null, at });
    }
  }

  syncPlayButton() {
    const b = this.$('.play');
    b.textContent = this.video.paused ? '▶' : '❚❚';
    b.setAttribute('aria-label', this.video.paused ? 'Play' : 'Pause');
  }

  showStart() {
    if (this.video.paused && !this.endedSent && this.readySent) this.$('.start').hidden = false;
  }

  /** Shows one of the panels (loading, error, end) or none. */
  show(name) {
    for (const n of ['loading', 'error', 'end']) this.$(`.${n}`).hidden = n !== name;
    if (name) this.$('.start').hidden = true;
  }

  toast(text) {
    const t = this.$('.toast');
    t.textContent = text;
    t.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (t.hidden = true), 3000);
  }

  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  fail(e) {
    if (!this.running && this.failed) return; // one fatal error is enough; late answers say no more
    const error = e instanceof PlayerError ? e : new PlayerError(ErrorTypes.OTHER_ERROR, ErrorDetails.REQUEST_FAILED, true, String(e?.message || e));
    this.emit(Events.ERROR, error.toDetail());
    if (!error.fatal) {
      this.toast(error.message);
      return;
    }
    this.stop();
    this.failed = true;
    this.$('.error .message').textContent = error.message;
    this.$('.retry').hidden = error.details === ErrorDetails.STORY_NOT_FOUND;
    this.show('error');
  }

  playheadMs() {
    return this.video.currentTime * 1000;
  }

  /** Names the window of the last visit, so a pick is remembered per window. */
  windowId() {
    const h = this.view?.history || [];
    const w = this.view?.choice || this.view?.question;
    return w ? `${h.length - 1}@${w.opens}` : null;
  }

  scheduleRefresh() {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.refresh(), this.config.refreshDebounceMs);
  }

  async refresh() {
    if (!this.api?.session || !this.running) return;
    try {
      this.apply(await this.api.view());
    } catch (e) {
      this.fail(e);
    }
  }

  report() {
    if (!this.api?.session || !this.running || !this.readySent) return Promise.resolve();
    return this.api.position(this.playheadMs(), this.video.paused).catch((e) => this.fail(e));
  }

  /** Takes a new VIEW: media, captions, the overlay. */
  apply(view) {
    if (!view || !this.running) return;
    const before = this.view;
    // A view read before a pick can arrive after the pick's answer; the timeline only grows,
    // so a shorter one is stale.
    if (before && before.id === view.id && view.history.length < before.history.length) return;
    this.view = view;
    // A window that closed without a pick: the timer took the default.
    const closedId = before && (before.choice || before.question) ? `${before.history.length - 1}@${(before.choice || before.question).opens}` : null;
    if (closedId && closedId !== this.windowId() && this.announcedWindow === closedId && !this.picked.has(closedId)) {
      const d = before.choice?.options.find((o) => o.default) || before.choice?.options[0];
      this.picked.set(closedId, d ? d.index : -1);
      if (d) this.overlay.markTaken(d.index);
      this.emit(Events.CHOICE, { scene: before.scene, option: d ? d.index : -1, label: d ? d.label : '', by: 'timer' });
    }
    this.pipeline?.update(view);
    this.captions?.update(view);
    this.tick();
  }

  /**
   * Reads the Content Credentials of a visit from the first of its segments fetched, once per
   * content key, after the fetch and off the append's path (when the page is idle, within half
   * a second); reading never changes the bytes the pipeline appends. The reader (credentials.js)
   * is loaded then, so it is not part of what a page loads before the first frame.
   */
  readVisitCredentials(path, bytes, run) {
    const key = segmentKey(path);
    if (!key || this.credentials.has(key)) return;
    this.credentials.set(key, null);
    const later = self.requestIdleCallback ? (f) => requestIdleCallback(f, { timeout: 500 }) : (f) => setTimeout(f, 0);
    later(async () => {
      const { readCredentials } = await import('./credentials.js');
      const credentials = await readCredentials(bytes);
      if (run !== this.run || !this.running) return;
      this.credentials.set(key, credentials);
      this.showCredentials();
    });
  }

  /** The badge for the visit playing now, and the `credentials` event when they are new to it. */
  showCredentials() {
    const index = this.visitIndex;
    const visit = this.view?.history[index];
    const credentials = visit ? this.credentials.get(visit.key) ?? null : null;
    this.badge.show(credentials);
    if (!credentials || this.credentialsShownFor === index) return;
    this.credentialsShownFor = index;
    this.emit(Events.CREDENTIALS, { ...credentials, scene: visit.scene, index, key: visit.key });
  }

  /** A few times a second: scene changes, the choice window, the end. */
  tick() {
    const view = this.view;
    if (!view || !this.running) return;
    this.pipeline?.tick();
    const at = this.playheadMs();
    const index = visitAt(view, at);
    if (index !== this.visitIndex && index >= 0 && this.readySent) {
      this.visitIndex = index;
      const visit = view.history[index];
      this.emit(Events.SCENE_CHANGE, { scene: visit.scene, start: visit.start, index });
      this.showCredentials();
    }
    const window = view.choice || view.question;
    const id = this.windowId();
    const state = windowState(window, at);
    if (window && state.open && !this.picked.has(id)) {
      if (view.choice) this.overlay.showChoice(id, view.choice, true);
      else this.overlay.showQuestion(id, view.question, true);
      if (this.announcedWindow !== id) {
        this.announcedWindow = id;
        const detail = { scene: view.scene, kind: view.choice ? 'choice' : 'question', closes: window.closes };
        if (view.choice) detail.options = view.choice.options.map((o) => ({ index: o.index, label: o.label, default: o.default }));
        else detail.text = view.question.text;
        this.emit(Events.CHOICE_OPEN, detail);
      }
      this.overlay.tick(state);
    } else if (this.overlay.visible) {
      const pickedAt = this.picked.get(this.overlay.shownFor);
      // The taken option stays on screen a moment; an untouched window closes with its time.
      if (pickedAt === undefined && !state.open) this.overlay.hide();
      else if (pickedAt !== undefined) {
        this.overlay.hideAt ??= performance.now() + this.config.pickedShownMs;
        if (performance.now() >= this.overlay.hideAt) {
          this.overlay.hideAt = undefined;
          this.overlay.hide();
        }
      }
    }
    if (window && at >= window.closes && this.reportedClose !== id) {
      // The engine takes the default when its clock passes `closes`, and its clock is what
      // this player reports: tell it at once rather than up to a second later, so the next
      // scene's choice is in the VIEW before its own window opens.
      this.reportedClose = id;
      this.report().then(() => this.refresh());
    }
    if (view.ended && !this.endedSent && this.video.ended) this.checkEnded();
  }

  checkEnded() {
    const view = this.view;
    if (!view?.ended || this.endedSent) return;
    this.endedSent = true;
    this.overlay.hide();
    // The credits name the story's author (docs/story-language.md, "The end").
    const by = this.about?.author ? `\n${this.about.title || view.story}, a story by ${this.about.author}` : '';
    this.$('.credits').textContent = (view.stopped ? view.stopped : 'The end.') + by;
    this.show('end');
    if (view.stopped) {
      this.emit(Events.ERROR, new PlayerError(ErrorTypes.STORY_ERROR, ErrorDetails.STORY_STOPPED, false, view.stopped).toDetail());
    }
    this.emit(Events.ENDED, view.stopped ? { scene: view.scene, stopped: view.stopped } : { scene: view.scene });
    this.report();
  }
}

if (!customElements.get('branchline-player')) customElements.define('branchline-player', BranchlinePlayer);
