// The story language for the studio's editor, as a CodeMirror stream tokenizer (wrapped by
// StreamLanguage in studio-editor.js): keywords, strings, numbers, durations, comments, header
// keys, scene headings and the scene ids after "->", "default" and "visits(". Plain data and
// functions, no imports, so Node's test runner can drive it with any StringStream.

/** The reserved words of docs/story-language.md §5 (END apart: it is a target, drawn as one). */
export const KEYWORDS = new Set(['var', 'include', 'shot', 'generate', 'image', 'clip', 'title', 'color', 'caption', 'transition',
  'style', 'seed', 'audio', 'volume', 'motion', 'from', 'to', 'choice', 'default', 'weight', 'ask', 'if', 'elif', 'else', 'end', 'and',
  'or', 'not', 'true', 'false', 'cut', 'crossfade', 'fade', 'visits']);

/** A scene heading: "=== id ===" or "== id". */
export const HEADING = /^[ \t]*={2,}[ \t]*([A-Za-z_][A-Za-z0-9_]*)/;

/** The stream tokenizer: token names are CodeMirror highlight tags. */
export const storyMode = {
  name: 'branchline-story',
  startState: () => ({ scene: false, inString: false, heading: false, inComment: false }),
  copyState: (s) => ({ ...s }),
  token(stream, state) {
    if (state.inComment) return blockComment(stream, state);
    if (state.inString) return string(stream, state);
    if (stream.sol()) {
      state.scene = false;
      state.heading = false;
    }
    if (stream.eatSpace()) return null;
    if (stream.match('//')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match('/*')) {
      state.inComment = true;
      return blockComment(stream, state);
    }
    if (stream.sol() || /^\s*$/.test(stream.string.slice(0, stream.pos))) {
      if (stream.match(/^={2,}/)) {
        state.scene = true;
        state.heading = true;
        return 'heading';
      }
      if (stream.match(/^[a-z][a-z-]*(?=:)/)) return 'propertyName';
    }
    if (state.heading && stream.match(/^={2,}/)) return 'heading';
    if (stream.match('->')) {
      state.scene = true;
      return 'operator';
    }
    if (stream.peek() === '"') {
      stream.next();
      state.inString = true;
      return string(stream, state);
    }
    if (stream.match(/^-?\d+(\.\d+)?(ms|s)\b/)) return 'unit';
    if (stream.match(/^-?\d+(\.\d+)?/)) return 'number';
    const word = stream.match(/^[A-Za-z_][A-Za-z0-9_]*/);
    if (word) {
      const w = word[0];
      const afterHeading = state.scene;
      state.scene = w === 'default' || (w === 'visits' && stream.match(/^\(/, false));
      if (afterHeading) return w === 'END' ? 'atom' : 'labelName';
      if (w === 'END') return 'atom';
      if (KEYWORDS.has(w)) return 'keyword';
      return 'variableName';
    }
    const c = stream.next();
    if (c === '(' && state.scene) return 'punctuation'; // visits(scene): keep waiting for the scene id
    state.scene = false;
    if ('*~+-=<>!:'.includes(c)) return 'operator';
    return 'punctuation';
  },
  languageData: { commentTokens: { line: '//', block: { open: '/*', close: '*/' } } },
};

function blockComment(stream, state) {
  while (!stream.eol()) {
    if (stream.match('*/')) {
      state.inComment = false;
      return 'comment';
    }
    stream.next();
  }
  return 'comment';
}

function string(stream, state) {
  while (!stream.eol()) {
    const c = stream.next();
    if (c === '\\') stream.next();
    else if (c === '"') {
      state.inString = false;
      return 'string';
    }
  }
  // A string does not run on past its line: the checker reports it; the next line is fresh.
  state.inString = false;
  return 'string';
}

/** The scene the given line (1-based) lies in: the nearest heading at or above it; null in the header. */
export function sceneAt(lines, lineNumber) {
  for (let i = Math.min(lineNumber, lines.length) - 1; i >= 0; i--) {
    const m = HEADING.exec(lines[i]);
    if (m) return m[1];
  }
  return null;
}

/** The line (1-based) where {@code scene} is defined in {@code text}, or 0. */
export function definitionLine(text, scene) {
  const lines = text.split(/\r\n|\r|\n/);
  const i = lines.findIndex((l) => HEADING.exec(l)?.[1] === scene);
  return i + 1;
}
