// The studio page: the story map (zoom, pan, fit; the last good map, marked stale, while the
// story has errors), the editor (the story's files, checked as the author types, saved with
// Ctrl/Cmd-S), the diagnostics with links to their lines, the picked scene with "watch from
// here". Refreshes when the story is recompiled and, for render status, every few seconds.
import { createMap } from './studio-map.js';
import { createEditor } from './studio-editor.js';
import { plural } from './plural.js';
import { shareText, countsText } from './studio-layout.js';

const STATUS_POLL_MS = 3000;
const story = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
const $ = (id) => document.getElementById(id);
let selected = null;
let current = null;
/** The last check of unsaved text, shown in the diagnostics until the story is compiled again. */
let checked = null;

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

const map = createMap($('graph'), { onPick: pick });
const editor = createEditor({
  parent: $('editor'),
  story,
  scenes: () => current?.scenes ?? [],
  onChecked: (file, result) => { checked = result; renderDiagnostics(); },
  onStatus: status,
  onConflict: (text) => {
    $('conflict').hidden = !text;
    $('conflict-text').textContent = text ?? '';
  },
  onDirty: (file, dirty) => {
    const option = [...$('file').options].find((o) => o.value === file);
    if (option) option.textContent = `${file}${dirty ? ' •' : ''}`;
    $('save').classList.toggle('dirty', dirty);
  },
});

function status(text, kind = '') {
  $('status').textContent = text;
  $('status').className = `status ${kind}`;
}

async function load() {
  const response = await fetch(`/api/stories/${encodeURIComponent(story)}/studio`, { cache: 'no-store' });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail ?? `the server answered ${response.status}`);
  return body;
}

function render(view) {
  document.title = `${view.title ?? view.id} · Studio · Branchline`;
  $('title').textContent = view.title ?? view.id;
  const parts = [view.format, plural(view.scenes.length, 'scene'), plural(view.errors ?? 0, 'error'), plural(view.warnings ?? 0, 'warning')];
  $('summary').textContent = parts.filter(Boolean).join(' · ');
  renderFiles(view.files ?? []);
  renderDiagnostics();
  const stale = $('stale');
  stale.hidden = !view.stale;
  stale.textContent = view.stale ? `Stale: the story has errors; this map is from the last compile without errors (${new Date(view.staleSince).toLocaleTimeString()})` : '';
  $('graph').classList.toggle('is-stale', !!view.stale);
  if (!view.scenes.length) {
    $('graph').dataset.empty = 'true';
    $('graph').querySelector('p.problem')?.remove();
    $('graph').append(el('p', { class: 'problem' }, view.ok ? 'The story has no scenes yet.'
      : 'The story has errors and has not compiled without them since the server started, so there is no map yet. Fix the errors listed in Diagnostics.'));
    return;
  }
  delete $('graph').dataset.empty;
  $('graph').querySelector('p')?.remove();
  map.draw(view, selected);
  if (selected) renderScene(view, selected);
}

function renderFiles(files) {
  const select = $('file');
  const known = [...select.options].map((o) => o.value);
  if (known.join('\n') === files.join('\n')) return;
  const dirty = new Set(editor.dirty());
  select.replaceChildren(...files.map((f) => el('option', { value: f }, `${f}${dirty.has(f) ? ' •' : ''}`)));
  if (editor.file()) select.value = editor.file();
}

function pick(id) {
  selected = id;
  render(current);
  const scene = current.scenes.find((s) => s.id === id);
  if (scene) openFile(scene.file, scene.line);
}

async function openFile(file, line) {
  if (await editor.open(file, line)) $('file').value = file;
}

function renderScene(view, id) {
  const scene = view.scenes.find((s) => s.id === id);
  if (!scene) { $('scene').replaceChildren(el('p', {}, 'This scene is gone from the story.')); return; }
  const out = view.edges.filter((e) => e.from === id);
  const box = el('div');
  box.append(el('h3', {}, scene.id));
  box.append(el('p', {}, `Usual visit: ${scene.status}. Defined at ${scene.file}:${scene.line}.`));
  if (scene.renderedBy) box.append(el('p', { class: 'rendered-by' }, `Rendered by ${scene.renderedBy}.`));
  if (out.length) {
    const list = el('ul');
    for (const e of out) {
      const share = shareText(e);
      list.append(el('li', {}, `${e.label ?? e.via} → ${e.to}${share ? ` · ${share} of viewers (${countsText(e)})` : e.picks !== undefined ? ` · ${countsText(e)}` : ''}`));
    }
    box.append(list);
  }
  const watch = el('button', { type: 'button' }, 'Watch from here');
  watch.addEventListener('click', () => watchFrom(id));
  box.append(watch);
  $('scene').replaceChildren(box);
}

function watchFrom(scene) {
  window.open(`/watch/${encodeURIComponent(story)}?scene=${encodeURIComponent(scene)}`, '_blank');
}

/** The diagnostics of the last check of unsaved text, or else of the story as compiled. */
function renderDiagnostics() {
  const list = checked?.diagnostics ?? current?.diagnostics ?? [];
  const ul = $('diagnostics');
  ul.dataset.from = checked ? 'check' : 'compile';
  if (!list.length) { ul.replaceChildren(el('li', { class: 'none' }, 'No errors or warnings.')); return; }
  ul.replaceChildren(...list.map((d) => {
    const li = el('li');
    const where = d.source ?? d.file;
    const link = el('a', { href: `#${where}:${d.line}`, class: d.severity }, `${where}:${d.line}:${d.column} ${d.severity} ${d.code}`);
    link.addEventListener('click', (e) => { e.preventDefault(); if (d.source) openFile(d.source, d.line); });
    li.append(link, el('div', {}, d.message), el('pre', {}, d.printed ?? ''));
    return li;
  }));
}

async function refresh() {
  try {
    current = await load();
    render(current);
    if (!editor.file() && current.files?.length) {
      const firstError = current.diagnostics?.find((d) => d.severity === 'error' && d.source);
      await openFile(firstError?.source ?? current.files[0], firstError?.line ?? 1);
    }
  } catch (e) {
    $('graph').replaceChildren(el('p', { class: 'problem' }, `The studio could not load the story: ${e.message}`));
  }
}

$('save').addEventListener('click', () => editor.save());
$('goto').addEventListener('click', () => editor.goToDefinition());
$('reload').addEventListener('click', () => editor.reload());
$('file').addEventListener('change', (e) => openFile(e.target.value, 1));
$('watch-here').addEventListener('click', () => {
  const scene = editor.cursorScene();
  if (scene) watchFrom(scene);
  else status('Put the cursor inside a scene (below its === heading) to watch from there', 'error');
});
$('zoom-in').addEventListener('click', () => map.zoomIn());
$('zoom-out').addEventListener('click', () => map.zoomOut());
$('fit').addEventListener('click', () => map.fit());
$('graph').addEventListener('keydown', (e) => {
  if (e.target.closest('.node')) return;
  if (e.key === '+' || e.key === '=') map.zoomIn();
  else if (e.key === '-') map.zoomOut();
  else if (e.key === '0') map.fit();
});
$('toggle-editor').addEventListener('click', () => {
  const only = $('studio').classList.toggle('map-only');
  $('toggle-editor').setAttribute('aria-pressed', String(only));
  // The map lays itself out again for its new size (studio-map.js watches it) and fits.
});
window.addEventListener('beforeunload', (e) => { if (editor.dirty().length) e.preventDefault(); });

const changes = new EventSource(`/api/stories/${encodeURIComponent(story)}/changes`);
changes.addEventListener('changed', async () => {
  checked = null;
  await editor.followDisk();
  await refresh();
  $('live').classList.add('changed');
  $('live').textContent = `updated ${new Date().toLocaleTimeString()}`;
});
changes.onerror = () => { $('live').textContent = 'reconnecting…'; };
changes.addEventListener('compiled', () => { $('live').textContent = 'live'; });
setInterval(() => { if (!document.hidden) refresh(); }, STATUS_POLL_MS);
refresh();
