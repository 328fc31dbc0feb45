/**
 * Keyboard use of the options. DOM-free: takes the key name (KeyboardEvent.key), how many
 * options are shown and which one has focus, and says what to do.
 *   ArrowDown / ArrowRight: focus the next option (wrapping)
 *   ArrowUp / ArrowLeft:    focus the previous option (wrapping)
 *   Home / End:             focus the first / last option
 *   1 … 9:                  take that option
 *   Enter / Space:          take the focused option
 * Returns {action: 'focus'|'choose', index} or null for keys the options do not use.
 */
export function optionKey(key, count, focused) {
  if (count <= 0) return null;
  const at = focused >= 0 && focused < count ? focused : -1;
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      return { action: 'focus', index: (at + 1) % count };
    case 'ArrowUp':
    case 'ArrowLeft':
      return { action: 'focus', index: at <= 0 ? count - 1 : at - 1 };
    case 'Home':
      return { action: 'focus', index: 0 };
    case 'End':
      return { action: 'focus', index: count - 1 };
    case 'Enter':
    case ' ':
      return at >= 0 ? { action: 'choose', index: at } : null;
    default:
      if (/^[1-9]$/.test(key)) {
        const n = Number(key) - 1;
        return n < count ? { action: 'choose', index: n } : null;
      }
      return null;
  }
}
