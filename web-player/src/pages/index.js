// The list of bundled stories: poster, title and length, each linking to its watch page.
import { storyLength } from './length.js';
import { plural } from './plural.js';

const list = document.querySelector('.stories');
const status = document.querySelector('.status');

async function load() {
  let stories;
  try {
    const response = await fetch('/api/stories');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    stories = await response.json();
  } catch (e) {
    status.textContent = `The stories could not be loaded (${e.message}).`;
    return;
  }
  const playable = stories.filter((s) => s.ok);
  status.textContent = playable.length ? '' : 'No story can be played yet.';
  status.hidden = playable.length > 0;
  for (const s of playable) {
    const item = document.createElement('li');
    item.className = 'story';
    const link = document.createElement('a');
    link.href = `/watch/${encodeURIComponent(s.id)}`;
    const poster = document.createElement('img');
    poster.src = `/api/stories/${encodeURIComponent(s.id)}/poster.jpg`;
    poster.alt = '';
    poster.loading = 'lazy';
    const meta = document.createElement('div');
    meta.className = 'meta';
    const title = document.createElement('div');
    title.className = 'title';
    title.textContent = s.title || s.id;
    const length = document.createElement('div');
    length.className = 'length';
    length.textContent = storyLength(s.durationMs);
    meta.append(title, length);
    link.append(poster, meta);
    const studio = document.createElement('a');
    studio.className = 'studio';
    studio.href = `/studio/${encodeURIComponent(s.id)}`;
    studio.textContent = 'Studio';
    studio.setAttribute('aria-label', `${s.title || s.id} in the studio`);
    item.append(link, studio);
    list.append(item);
  }
  const broken = stories.filter((s) => !s.ok);
  document.querySelector('.authors').hidden = broken.length === 0;
  for (const s of broken) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `/studio/${encodeURIComponent(s.id)}`;
    link.textContent = s.title || s.id;
    item.append(link, ` — ${plural(s.errors, 'error')} to fix`);
    document.querySelector('.broken').append(item);
  }
}

load();
