// The studio page: the story map with viewers' picks and render status, the diagnostics with
// links to their lines, and "watch from here". Refreshes when the story is recompiled and, for
// render status, every few seconds.
import { layout, edgePath, labelPoint, mergeEdges, shareText, LAYOUT } from './studio-layout.js';

const SVG = 'http://www.w3.org/2000/svg';
const STATUS_POLL_MS = 3000;
const story = decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');
const $ = (id) => document.getElementById(id);
let selected = null;
let shownSource = null;

function el(tag, attrs = {}, text) {
  const node = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
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
  const errors = view.errors ?? 0;
  $('summary').textContent = `${view.format ?? ''} · ${view.scenes.length} scenes · ${errors} errors · ${view.warnings ?? 0} warnings`;
  renderDiagnostics(view.diagnostics ?? []);
  if (!view.ok) {
    $('graph').replaceChildren(el('p', { class: 'problem' }, 'The story has errors, so it is not served and has no map. Fix the errors listed on the right.'));
    return;
  }
  renderMap(view);
  if (selected) renderScene(view, selected);
}

function renderMap(view) {
  // Endings get a node of their own, so the options that end the story show too.
  const ending = view.edges.some((e) => e.to === 'END');
  const ids = [...view.scenes.map((s) => s.id), ...(ending ? ['END'] : [])];
  const { nodes, width, height } = layout(ids, view.edges, view.start);
  const svg = el('svg:svg', { width, height: height + 60, viewBox: `0 0 ${width} ${height + 60}`, role: 'img', 'aria-label': 'Story map' });
  const defs = el('svg:defs');
  const marker = el('svg:marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' });
  marker.append(el('svg:path', { d: 'M0,0 L10,5 L0,10 z', fill: '#8aa4c8' }));
  defs.append(marker);
  svg.append(defs);
  for (const edge of mergeEdges(view.edges)) {
    const a = nodes.get(edge.from), b = nodes.get(edge.to);
    if (!a || !b) continue;
    const g = el('svg:g', { class: `edge ${edge.via}` });
    const path = el('svg:path', { d: edgePath(a, b), 'marker-end': 'url(#arrow)' });
    path.append(el('svg:title', {}, `${edge.from} → ${edge.to}${edge.label ? `: ${edge.label}` : ''}${edge.picks !== undefined ? ` (${edge.picks} picks)` : ''}`));
    g.append(path);
    if (edge.label) {
      const at = labelPoint(a, b);
      const text = el('svg:text', { x: at.x, y: at.y, 'text-anchor': at.anchor });
      text.append(el('svg:title', {}, edge.label));
      text.append(el('svg:tspan', {}, edge.label.length > 20 ? `${edge.label.slice(0, 19)}…` : edge.label));
      const share = shareText(edge);
      if (share) text.append(el('svg:tspan', { class: 'share', dx: '4' }, share));
      g.append(text);
    }
    svg.append(g);
  }
  if (ending) {
    const n = nodes.get('END');
    const g = el('svg:g', { class: 'node end', transform: `translate(${n.x},${n.y})`, 'data-scene': 'END', 'aria-label': 'The end' });
    g.append(el('svg:rect', { width: LAYOUT.nodeWidth, height: LAYOUT.nodeHeight, rx: 26 }));
    g.append(el('svg:text', { x: LAYOUT.nodeWidth / 2, y: 31, 'text-anchor': 'middle' }, 'END'));
    svg.append(g);
  }
  for (const scene of view.scenes) {
    const n = nodes.get(scene.id);
    const g = el('svg:g', {
      class: `node${scene.id === view.start ? ' start' : ''}${scene.id === selected ? ' selected' : ''}`,
      transform: `translate(${n.x},${n.y})`, tabindex: '0', role: 'button',
      'aria-label': `Scene ${scene.id}, ${scene.status}`, 'data-scene': scene.id,
    });
    g.append(el('svg:rect', { width: LAYOUT.nodeWidth, height: LAYOUT.nodeHeight, rx: 8 }));
    g.append(el('svg:circle', { cx: 14, cy: 18, r: 5, fill: `var(--${scene.status})` }));
    g.append(el('svg:text', { x: 26, y: 22 }, scene.id.length > 18 ? `${scene.id.slice(0, 17)}…` : scene.id));
    g.append(el('svg:text', { x: 12, y: 41, class: 'where' }, `${scene.file}:${scene.line} · ${scene.status}`));
    const pick = () => { selected = scene.id; render(current); showSource(scene.file, scene.line); };
    g.addEventListener('click', pick);
    g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } });
    svg.append(g);
  }
  $('graph').replaceChildren(svg);
}

function renderScene(view, id) {
  const scene = view.scenes.find((s) => s.id === id);
  if (!scene) { $('scene').replaceChildren(el('p', {}, 'This scene is gone from the story.')); return; }
  const out = view.edges.filter((e) => e.from === id);
  const box = el('div');
  box.append(el('h3', {}, scene.id));
  box.append(el('p', {}, `Usual visit: ${scene.status}. Defined at ${scene.file}:${scene.line}.`));
  if (out.length) {
    const list = el('ul');
    for (const e of out) list.append(el('li', {}, `${e.label ?? e.via} → ${e.to}${e.picks !== undefined ? ` · ${e.picks} picks ${shareText(e)}` : ''}`));
    box.append(list);
  }
  const watch = el('button', { type: 'button' }, 'Watch from here');
  watch.addEventListener('click', () => window.open(`/watch/${encodeURIComponent(story)}?scene=${encodeURIComponent(id)}`, '_blank'));
  box.append(watch);
  $('scene').replaceChildren(box);
}

function renderDiagnostics(list) {
  const ul = $('diagnostics');
  if (!list.length) { ul.replaceChildren(el('li', {}, 'No errors or warnings.')); return; }
  ul.replaceChildren(...list.map((d) => {
    const li = el('li');
    const link = el('a', { href: `#${d.file}:${d.line}`, class: d.severity }, `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`);
    link.addEventListener('click', (e) => { e.preventDefault(); showSource(d.file, d.line); });
    li.append(link, el('div', {}, d.message), el('pre', {}, d.printed ?? ''));
    return li;
  }));
}

async function showSource(file, line) {
  shownSource = { file, line };
  const response = await fetch(`/api/stories/${encodeURIComponent(story)}/source?file=${encodeURIComponent(file)}`, { cache: 'no-store' });
  const text = response.ok ? await response.text() : `(${file} could not be read)`;
  const pre = $('source');
  pre.setAttribute('aria-label', `${file}, line ${line}`);
  pre.replaceChildren(...text.split(/\r\n|\r|\n/).map((l, i) => el('span', i + 1 === line ? { class: 'hit' } : {}, l || ' ')));
  const hit = pre.querySelector('.hit');
  if (hit) pre.scrollTop = hit.offsetTop - pre.clientHeight / 3;
}

let current = null;
async function refresh() {
  try {
    current = await load();
    render(current);
  } catch (e) {
    $('graph').replaceChildren(el('p', { class: 'problem' }, `The studio could not load the story: ${e.message}`));
  }
}

const changes = new EventSource(`/api/stories/${encodeURIComponent(story)}/changes`);
changes.addEventListener('changed', async () => {
  await refresh();
  if (shownSource) showSource(shownSource.file, shownSource.line);
  $('live').classList.add('changed');
  $('live').textContent = `updated ${new Date().toLocaleTimeString()}`;
});
changes.onerror = () => { $('live').textContent = 'reconnecting…'; };
changes.addEventListener('compiled', () => { $('live').textContent = 'live'; });
setInterval(() => { if (!document.hidden) refresh(); }, STATUS_POLL_MS);
refresh();
