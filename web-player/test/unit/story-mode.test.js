import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StringStream } from '@codemirror/language';
import { storyMode, sceneAt, definitionLine } from '../../src/pages/story-mode.js';

/** Each token of `text` as "text:tag", line by line, with the tokenizer's state carried across lines. */
function tokens(text) {
  const state = storyMode.startState();
  return text.split('\n').map((line) => {
    const s = new StringStream(line, 4, 2);
    const out = [];
    while (!s.eol()) {
      const tag = storyMode.token(s, state);
      if (tag) out.push(`${s.current()}:${tag}`);
      s.start = s.pos;
    }
    return out;
  });
}

test('keywords, strings, numbers, durations, comments and header keys get their tags', () => {
  const [header, heading, shot, choice, option, cond, end] = tokens([
    'title: Linie', '=== halt_1989 ===', 'shot 3s title "Nächster \\"Halt\\"" // a card',
    'choice 500ms cut default naechster_halt', '  * "Aus" ~ mut += 1 -> ende_1989 weight 2', 'if visits(naechster_halt) == 1', '-> END',
  ].join('\n'));
  assert.deepEqual(header.slice(0, 1), ['title:propertyName']);
  assert.deepEqual(heading, ['===:heading', 'halt_1989:labelName', '===:heading']);
  assert.deepEqual(shot, ['shot:keyword', '3s:unit', 'title:keyword', '"Nächster \\"Halt\\"":string', '// a card:comment']);
  assert.deepEqual(choice, ['choice:keyword', '500ms:unit', 'cut:keyword', 'default:keyword', 'naechster_halt:labelName']);
  assert.deepEqual(option, ['*:operator', '"Aus":string', '~:operator', 'mut:variableName', '+:operator', '=:operator', '1:number', '->:operator',
    'ende_1989:labelName', 'weight:keyword', '2:number']);
  assert.deepEqual(cond, ['if:keyword', 'visits:keyword', '(:punctuation', 'naechster_halt:labelName', '):punctuation', '=:operator', '=:operator', '1:number']);
  assert.deepEqual(end, ['->:operator', 'END:atom']);
});

test('a block comment runs across lines; "//" inside a string is text', () => {
  const lines = tokens('/* one\ntitle: not a key\n*/ shot 1s\ncaption "a // b"');
  assert.deepEqual(lines[0], ['/* one:comment']);
  assert.deepEqual(lines[1], ['title: not a key:comment']);
  assert.deepEqual(lines[2], ['*/:comment', 'shot:keyword', '1s:unit']);
  assert.deepEqual(lines[3], ['caption:keyword', '"a // b":string']);
});

test('the scene of a line is the nearest heading above it; a definition is found by its heading', () => {
  const text = 'title: T\n\n=== hall ===\nshot 1s title "x"\n-> END\n== cellar\nshot 1s title "y"';
  const lines = text.split('\n');
  assert.equal(sceneAt(lines, 1), null, 'the header is in no scene');
  assert.equal(sceneAt(lines, 4), 'hall');
  assert.equal(sceneAt(lines, 7), 'cellar');
  assert.equal(definitionLine(text, 'cellar'), 6);
  assert.equal(definitionLine(text, 'attic'), 0);
  assert.equal(definitionLine('=== a ===\r\n=== b ===', 'b'), 2);
});
