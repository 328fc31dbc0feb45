// Counts in words for the pages: "1 story", "3 stories", "no errors". One place, so no page
// says "1 errors". DOM-free.

/**
 * `count` and the word that goes with it: `plural(1, 'story', 'stories')` is "1 story",
 * `plural(0, 'error')` is "0 errors" (the plural defaults to the word with an "s"), and with
 * `{ zero: 'no' }` a count of 0 is written "no errors".
 */
export function plural(count, one, many = `${one}s`, { zero } = {}) {
  const n = Number(count) || 0;
  const word = n === 1 ? one : many;
  return `${n === 0 && zero ? zero : n} ${word}`;
}
