// The full-page player: the story from /watch/{story}, with controls; ?scene=NAME starts at
// that scene (the studio's "watch from here").
import '/player/branchline-player.js';
import { storyFromPath } from './story-id.js';

const story = storyFromPath(location.pathname);
const player = document.createElement('branchline-player');
player.setAttribute('controls', '');
const scene = new URLSearchParams(location.search).get('scene');
if (scene) player.setAttribute('scene', scene);
if (story) player.setAttribute('story', story);
document.querySelector('main').append(player);
fetch(`/api/stories/${encodeURIComponent(story)}`).then((r) => (r.ok ? r.json() : null)).then((s) => {
  if (s?.title) document.title = `${s.title} — Branchline`;
}).catch(() => {});
