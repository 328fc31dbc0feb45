/**
 * Who may talk to an embedded player. DOM-free. The embedder is named by `?origin=` on the
 * iframe's URL or, failing that, by the referrer of the iframe's document; events are
 * posted only to it, and commands are taken only from it.
 */

/** The origin of a URL, or null when it has none that could be trusted (opaque, malformed). */
export function originOf(url) {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return u.origin;
  } catch {
    return null;
  }
}

/** The embedder's origin: `?origin=` first, else the referrer's; null when neither is usable. */
export function embedderOrigin(search, referrer) {
  const declared = new URLSearchParams(search || '').get('origin');
  if (declared) return originOf(declared);
  return referrer ? originOf(referrer) : null;
}

/** Whether a message came from the embedder: the parent window, from the expected origin. */
export function acceptsMessage(expected, messageOrigin, fromParent) {
  return Boolean(expected) && fromParent === true && messageOrigin === expected;
}

/**
 * Reads a command the embedder sent: {type: 'branchline', command: 'play'|'pause'|'choose',
 * option?, text?}. Returns {command, option?, text?} or null for anything else.
 */
export function parseCommand(data) {
  if (!data || typeof data !== 'object' || data.type !== 'branchline') return null;
  switch (data.command) {
    case 'play':
    case 'pause':
    case 'back':
      return { command: data.command };
    case 'choose':
      return Number.isInteger(data.option) && data.option >= 0 ? { command: 'choose', option: data.option } : null;
    case 'answer':
      return typeof data.text === 'string' ? { command: 'answer', text: data.text } : null;
    default:
      return null;
  }
}

/** The message an event becomes on its way to the embedder. */
export function eventMessage(name, detail) {
  return { type: 'branchline', event: name, detail: detail ?? null };
}
