// The bare player for an iframe: the story from /embed/{story}; ?autoplay=1, ?muted=1 and
// ?controls=0 set the attributes; ?origin= names the embedding site (see docs/embedding.md).
import '/player/branchline-player.js';
import { bridge } from '/player/embed-bridge.js';
import { storyFromPath } from './story-id.js';

const params = new URLSearchParams(location.search);
const player = document.createElement('branchline-player');
if (params.get('autoplay') === '1') player.setAttribute('autoplay', '');
if (params.get('muted') === '1') player.setAttribute('muted', '');
if (params.get('controls') !== '0') player.setAttribute('controls', '');
// Events go out from the first one on: connect before the player starts.
bridge(player);
const story = storyFromPath(location.pathname);
if (story) player.setAttribute('story', story);
document.body.append(player);
