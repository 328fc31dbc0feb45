// The studio's editor: the story's files in CodeMirror 6, highlighted as our story language,
// checked by the server as the author types (the unsaved text is compiled, nothing written),
// go to a scene's definition (F12, or Ctrl/Cmd-click), and save (Ctrl/Cmd-S), refused by the
// server when the file changed on disk since it was opened. One buffer per file, so switching
// files keeps unsaved text.
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { StreamLanguage, syntaxHighlighting, HighlightStyle, bracketMatching } from '@codemirror/language';
import { linter, lintGutter, lintKeymap, forceLinting } from '@codemirror/lint';
import { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
import { tags } from '@lezer/highlight';
import { storyMode, sceneAt, definitionLine } from './story-mode.js';
import { plural } from './plural.js';

/** How long typing must pause before the text is checked. */
export const CHECK_DELAY_MS = 300;

const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: '#c9a0ff' },
  { tag: tags.string, color: '#9fdc8c' },
  { tag: tags.number, color: '#f5b97a' },
  { tag: tags.unit, color: '#f5b97a', fontWeight: '600' },
  { tag: tags.comment, color: '#6b7385', fontStyle: 'italic' },
  { tag: tags.heading, color: '#7cc4ff', fontWeight: '700' },
  { tag: tags.labelName, color: '#7cc4ff', textDecoration: 'underline dotted #3c5a78' },
  { tag: tags.atom, color: '#ff9d9d', fontWeight: '600' },
  { tag: tags.propertyName, color: '#e6d38a' },
  { tag: tags.operator, color: '#9aa0ab' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '13px', backgroundColor: '#0c0e12', color: '#e8e8ec' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', lineHeight: '1.5' },
  '.cm-gutters': { backgroundColor: '#0c0e12', color: '#4b5160', border: 'none' },
  '.cm-activeLine': { backgroundColor: '#161a22' },
  '.cm-activeLineGutter': { backgroundColor: '#161a22' },
  '&.cm-focused .cm-cursor': { borderLeftColor: '#7cc4ff' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: '#28406a !important' },
  '.cm-tooltip': { backgroundColor: '#1b1e25', color: '#e8e8ec', border: '1px solid #3a3f4a' },
  '.cm-diagnostic-error': { borderLeftColor: '#e0565b' },
  '.cm-diagnostic-warning': { borderLeftColor: '#e8b339' },
}, { dark: true });

/** A diagnostic of the server's (1-based line and column, end included) as a range of {@code doc}. */
export function range(doc, d) {
  const at = (line, column) => {
    const l = doc.line(Math.min(Math.max(1, line), doc.lines));
    return Math.min(l.to, l.from + Math.max(0, (column ?? 1) - 1));
  };
  const from = at(d.line, d.column);
  let to = d.endLine ? at(d.endLine, d.endColumn) : from;
  if (to <= from) {
    // A point: underline the word there, or the rest of the line.
    const line = doc.lineAt(from);
    const word = /^[^\s]+/.exec(line.text.slice(from - line.from));
    to = Math.min(line.to, from + (word ? word[0].length : line.to - from));
    if (to === from && from > line.from) return { from: from - 1, to: from };
  }
  return { from, to };
}

/**
 * The editor.
 * @param {object} o
 * @param {HTMLElement} o.parent where it is drawn
 * @param {string} o.story the story id
 * @param {(file: string, result: object) => void} o.onChecked each check's answer (all files' diagnostics)
 * @param {(text: string, kind?: string) => void} o.onStatus a line for the status bar
 * @param {() => {id: string, file: string, line: number}[]} o.scenes the scenes as last compiled (for definitions in other files)
 * @param {(file: string, dirty: boolean) => void} [o.onDirty] the file's text differs from the saved one, or not
 * @param {(text: string|null) => void} [o.onConflict] a save was refused because the file changed on disk (null: resolved)
 */
export function createEditor({ parent, story, onChecked, onStatus, scenes, onDirty = () => {}, onConflict = () => {} }) {
  const api = `/api/stories/${encodeURIComponent(story)}`;
  const buffers = new Map();
  let file = null;
  let view = null;
  let checks = 0;

  async function check(v) {
    const name = file;
    const text = v.state.doc.toString();
    const started = performance.now();
    const n = ++checks;
    let result;
    try {
      const r = await fetch(`${api}/check`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ file: name, text }) });
      result = await r.json();
      if (!r.ok) {
        onStatus(`Could not check: ${result.detail ?? r.status}`, 'error');
        return [];
      }
    } catch (e) {
      onStatus(`Could not check: ${e.message}`, 'error');
      return [];
    }
    if (n === checks) onChecked(name, result);
    if (name !== file || v.state.doc.toString() !== text) return [];
    const mine = result.diagnostics.filter((d) => d.source === name);
    const ms = Math.round(performance.now() - started);
    onStatus(result.errors ? `${plural(result.errors, 'error')} · checked in ${ms} ms, not saved` : `No errors · checked in ${ms} ms`, result.errors ? 'error' : 'ok');
    return mine.map((d) => ({ ...range(v.state.doc, d), severity: d.severity === 'error' ? 'error' : 'warning', source: d.code,
      message: `${d.message} [${d.code}]` }));
  }

  function state(text) {
    return EditorState.create({
      doc: text,
      extensions: [
        // A file written with CRLF line ends is saved with them (CodeMirror's default joins lines with LF).
        /\r\n/.test(text) ? EditorState.lineSeparator.of('\r\n') : [],
        lineNumbers(), highlightActiveLineGutter(), history(), drawSelection(), highlightActiveLine(), bracketMatching(),
        highlightSelectionMatches(), StreamLanguage.define(storyMode), syntaxHighlighting(highlight), theme,
        lintGutter(), linter(check, { delay: CHECK_DELAY_MS }),
        keymap.of([
          { key: 'Mod-s', preventDefault: true, run: () => { save(); return true; } },
          { key: 'F12', preventDefault: true, run: (v) => { goToDefinition(v.state.selection.main.head); return true; } },
          indentWithTab, ...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap,
        ]),
        EditorView.domEventHandlers({
          mousedown(e, v) {
            if (!(e.ctrlKey || e.metaKey)) return false;
            const pos = v.posAtCoords({ x: e.clientX, y: e.clientY });
            if (pos == null) return false;
            e.preventDefault();
            goToDefinition(pos);
            return true;
          },
        }),
        EditorView.updateListener.of((u) => {
          if (!u.docChanged) return;
          const b = buffers.get(file);
          if (b) {
            const dirty = u.state.doc.toString() !== b.saved;
            if (dirty !== b.dirty) { b.dirty = dirty; onDirty(file, dirty); }
          }
        }),
      ],
    });
  }

  /** Opens {@code name} (fetched once; later from its buffer), with the cursor at {@code line}. */
  async function open(name, line = 1) {
    if (file && view) buffers.get(file).state = view.state;
    let b = buffers.get(name);
    if (!b) {
      const r = await fetch(`${api}/source?file=${encodeURIComponent(name)}`, { cache: 'no-store' });
      if (!r.ok) {
        onStatus(`${name} could not be opened (${r.status})`, 'error');
        return false;
      }
      const text = await r.text();
      b = { saved: text, version: unquote(r.headers.get('ETag')), dirty: false, state: state(text) };
      buffers.set(name, b);
    }
    file = name;
    if (!view) view = new EditorView({ state: b.state, parent });
    else view.setState(b.state);
    goToLine(line);
    onDirty(name, b.dirty);
    return true;
  }

  function goToLine(line) {
    const l = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines));
    view.dispatch({ selection: { anchor: l.from }, effects: EditorView.scrollIntoView(l.from, { y: 'center' }) });
    view.focus();
  }

  /** Jumps to where the scene named at {@code pos} is defined: in this file, another open one, or as last compiled. */
  async function goToDefinition(pos) {
    const word = view.state.wordAt(pos);
    if (!word) return;
    const scene = view.state.sliceDoc(word.from, word.to);
    const here = definitionLine(view.state.doc.toString(), scene);
    if (here) { goToLine(here); return; }
    for (const [name, b] of buffers) {
      const text = name === file ? null : b.state.doc.toString();
      const line = text ? definitionLine(text, scene) : 0;
      if (line) { await open(name, line); return; }
    }
    const known = scenes().find((s) => s.id === scene);
    if (known) { await open(known.file, known.line); return; }
    onStatus(`No scene named '${scene}'`, 'error');
  }

  /** Saves the open file; resolves to true when it was written. */
  async function save() {
    const name = file;
    const b = buffers.get(name);
    const text = view.state.doc.toString();
    onStatus(`Saving ${name}…`);
    const r = await fetch(`${api}/source/${encodeURIComponent(name)}`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text, version: b.version }),
    });
    const body = await r.json().catch(() => ({}));
    if (r.status === 409) {
      onConflict(`Not saved: ${name} changed on disk since you opened it. Reload it from disk to see those changes (your edits here would be lost), or copy your text first.`);
      onStatus(`Not saved: ${name} changed on disk`, 'error');
      return false;
    }
    if (!r.ok) {
      onStatus(`Not saved: ${body.detail ?? r.status}`, 'error');
      return false;
    }
    onConflict(null);
    b.version = body.version;
    b.saved = text;
    b.dirty = view.state.doc.toString() !== text;
    onDirty(name, b.dirty);
    onStatus(`Saved ${name} · the story is compiled again`, 'ok');
    return true;
  }

  /** Throws away the open file's buffer and reads it from disk again. */
  async function reload() {
    const name = file;
    buffers.delete(name);
    file = null;
    await open(name, view.state.doc.lineAt(view.state.selection.main.head).number);
    onConflict(null);
    onStatus(`Reloaded ${name} from disk`);
  }

  /**
   * After the story was compiled again (a save, or a change on disk): files with no unsaved
   * edits follow the disk. The open one is read again if its version changed; the others are
   * dropped, to be read when opened. A file with unsaved edits is left alone (a save then
   * reports the conflict).
   */
  async function followDisk() {
    for (const [name, b] of buffers) if (name !== file && !b.dirty) buffers.delete(name);
    const b = buffers.get(file);
    if (!b || b.dirty) return;
    const name = file;
    const r = await fetch(`${api}/source?file=${encodeURIComponent(name)}`, { cache: 'no-store' });
    if (!r.ok || name !== file || b.dirty || buffers.get(name) !== b) return;
    const version = unquote(r.headers.get('ETag'));
    if (version === b.version) return;
    const text = await r.text();
    const line = view.state.doc.lineAt(view.state.selection.main.head).number;
    buffers.set(name, { saved: text, version, dirty: false, state: state(text) });
    file = null;
    await open(name, line);
    onStatus(`${name} changed on disk and was read again`);
  }

  return {
    open,
    save,
    reload,
    followDisk,
    goToDefinition: () => goToDefinition(view.state.selection.main.head),
    check: () => forceLinting(view),
    file: () => file,
    dirty: () => [...buffers.entries()].filter(([, b]) => b.dirty).map(([n]) => n),
    /** The scene the cursor is in (the nearest heading above it), or null in the header. */
    cursorScene() {
      if (!view) return null;
      const line = view.state.doc.lineAt(view.state.selection.main.head).number;
      return sceneAt(view.state.doc.toString().split(/\r\n|\r|\n/), line);
    },
    view: () => view,
  };
}

function unquote(etag) {
  return etag ? etag.replace(/^W\//, '').replace(/^"|"$/g, '') : null;
}
