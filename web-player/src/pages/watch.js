// The full-page player: the story from /watch/{story}, with controls.
import '/player/branchline-player.js';
import { storyFromPath } from './story-id.js';

const story = storyFromPath(location.pathname);
const player = document.createElement('branchline-player');
player.setAttribute('controls', '');
if (story) player.setAttribute('story', story);
document.querySelector('main').append(player);
fetch(`/api/stories/${encodeURIComponent(story)}`).then((r) => (r.ok ? r.json() : null)).then((s) => {
  if (s?.title) document.title = `${s.title} — Branchline`;
}).catch(() => {});
