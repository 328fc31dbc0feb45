// The story a page shows, from its address: /watch/{story} or /embed/{story}. DOM-free.
export function storyFromPath(pathname) {
  const parts = pathname.split('/').filter(Boolean);
  return parts.length >= 2 ? decodeURIComponent(parts[1]) : null;
}
