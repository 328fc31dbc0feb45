/**
 * The engine's session API (engine/src/main/resources/openapi.yaml), as the player uses it.
 * Every failure comes out as a classified PlayerError (events.js).
 */
import { classifyHttp, unreachable } from './events.js';

async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return {};
  }
}

export class SessionApi {
  /** @param server the engine's base URL ('' for the page's own origin) */
  constructor(server) {
    this.server = (server || '').replace(/\/+$/, '');
    this.session = null; // {id, token, playlist, events}
  }

  url(path) {
    return this.server + path;
  }

  async request(call, method, path, body) {
    const headers = {};
    if (this.session) headers.Authorization = `Bearer ${this.session.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(this.url(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw unreachable(this.server);
    }
    if (!response.ok) throw classifyHttp(call, response.status, await problemOf(response));
    return response.status === 204 ? null : response.json();
  }

  /** Starts a session of the story; resolves to its VIEW. */
  async create(story, scene) {
    this.session = null;
    const created = await this.request('create', 'POST', `/api/stories/${encodeURIComponent(story)}/sessions`, scene ? { scene } : undefined);
    this.session = created;
    return created.session || this.view();
  }

  /** The story's summary (title, author…), or null when it cannot be had. */
  async story(id) {
    try {
      const r = await fetch(this.url(`/api/stories/${encodeURIComponent(id)}`));
      return r.ok ? await r.json() : null;
    } catch {
      return null;
    }
  }

  view() {
    return this.request('session', 'GET', `/api/sessions/${this.session.id}`);
  }

  choose(option) {
    return this.request('choose', 'POST', `/api/sessions/${this.session.id}/choices`, { option });
  }

  answer(text) {
    return this.request('answer', 'POST', `/api/sessions/${this.session.id}/answers`, { text });
  }

  back() {
    return this.request('back', 'POST', `/api/sessions/${this.session.id}/back`);
  }

  position(ms, paused) {
    return this.request('session', 'POST', `/api/sessions/${this.session.id}/position`, { ms: Math.max(0, Math.round(ms)), paused });
  }

  /** The session's server-sent events; `onEvent` gets each event's name. */
  listen(onEvent) {
    if (typeof EventSource === 'undefined' || !this.session?.events) return { close() {} };
    const url = new URL(this.url(this.session.events), location.href);
    url.searchParams.set('token', this.session.token);
    const source = new EventSource(url);
    for (const name of ['state', 'scene-started', 'choice-open', 'choice-closed', 'segment-ready', 'ended', 'error']) {
      source.addEventListener(name, () => onEvent(name));
    }
    return source;
  }

  /** The bytes of a stored file (segment, init), retried with backoff before it fails. */
  async bytes(path, retries = 0, delayMs = 300) {
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(this.url(path));
        if (response.ok) return response.arrayBuffer();
        if (attempt >= retries || (response.status !== 404 && response.status < 500)) throw classifyHttp('segment', response.status, await problemOf(response));
      } catch (e) {
        if (attempt >= retries) throw e.type ? e : classifyHttp('segment', 0, { detail: `${path} could not be fetched` });
      }
      await new Promise((r) => setTimeout(r, delayMs * 2 ** attempt));
    }
  }

  async text(path) {
    const response = await fetch(this.url(path));
    if (!response.ok) throw classifyHttp('segment', response.status, await problemOf(response));
    return response.text();
  }
}
