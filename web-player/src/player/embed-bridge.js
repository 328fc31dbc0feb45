/**
 * The player in an iframe: its events go to the embedding page by postMessage, and the
 * page may send commands back (play, pause, choose, answer, back). Both ways only with the
 * embedder's origin (origin.js): `?origin=` on the iframe's URL, or the referrer's.
 */
import { Events } from './events.js';
import { embedderOrigin, acceptsMessage, parseCommand, eventMessage } from './origin.js';

/**
 * Connects `player` to the parent window; returns {origin, destroy()}. With no embedder
 * origin (a top-level page, or a referrer hidden by policy without `?origin=`), nothing is
 * posted and no command is taken.
 */
export function bridge(player, win = window) {
  const origin = win.parent !== win ? embedderOrigin(win.location.search, win.document.referrer) : null;
  const forward = (e) => win.parent.postMessage(eventMessage(e.type, e.detail), origin);
  const names = Object.values(Events);
  if (origin) for (const name of names) player.addEventListener(name, forward);
  const onMessage = (e) => {
    if (!acceptsMessage(origin, e.origin, e.source === win.parent)) return;
    const c = parseCommand(e.data);
    if (!c) return;
    if (c.command === 'play') player.play();
    else if (c.command === 'pause') player.pause();
    else if (c.command === 'back') player.back();
    else if (c.command === 'choose') player.choose(c.option);
    else if (c.command === 'answer') player.answer(c.text);
  };
  win.addEventListener('message', onMessage);
  return {
    origin,
    destroy() {
      win.removeEventListener('message', onMessage);
      for (const name of names) player.removeEventListener(name, forward);
    },
  };
}
