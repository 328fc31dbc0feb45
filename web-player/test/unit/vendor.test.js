import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGES, VENDOR, PAGES, differences, withImportMap } from '../../vendor.mjs';

// The studio's libraries are served from src/vendor (no npm at run time): the copy must be the
// one package.json pins, whole, with each package's licence, and every import it makes must resolve.

test('src/vendor holds exactly what node_modules holds for the pinned versions (rerun node vendor.mjs when it does not)', () => {
  assert.deepEqual(differences(), []);
});

test('each vendored package is pinned in package.json, with its LICENSE and the version it was copied at', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  for (const name of Object.keys(PACKAGES)) {
    assert.match(pkg.devDependencies[name] ?? '', /^\d+\.\d+\.\d+$/, `${name} pinned to an exact version`);
    assert.equal(readFileSync(join(VENDOR, name, 'VERSION'), 'utf8').trim(), pkg.devDependencies[name], `${name} copied at its pinned version`);
    assert.ok(existsSync(join(VENDOR, name, 'LICENSE')), `${name} has its licence`);
  }
});

test('every bare import in the vendored files and the studio\'s modules is in the import map', () => {
  const map = JSON.parse(readFileSync(join(VENDOR, 'importmap.json'), 'utf8')).imports;
  const files = [...Object.entries(PACKAGES).map(([name, entry]) => join(VENDOR, name, entry.split('/').pop())),
    ...['studio.js', 'studio-editor.js', 'studio-map.js', 'studio-layout.js', 'story-mode.js'].map((f) => new URL(`../../src/pages/${f}`, import.meta.url))];
  const seen = new Set();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/(?:^|[\s;}])(?:import|export)\s*(?:[^'"]*?\s*from\s*)?['"]([^'"./][^'"]*)['"]/g)) {
      seen.add(spec);
      assert.ok(map[spec], `${spec} (imported by ${file}) is in the import map`);
      assert.ok(existsSync(join(VENDOR, map[spec].replace('/vendor/', ''))), `${map[spec]} exists`);
    }
  }
  assert.deepEqual([...seen].sort(), Object.keys(map).sort(), 'every mapped package is imported, and only those');
  for (const page of PAGES) {
    const html = readFileSync(new URL(`../../${page}`, import.meta.url), 'utf8');
    assert.equal(withImportMap(html, readFileSync(join(VENDOR, 'importmap.json'), 'utf8')), html, `${page} carries the import map`);
  }
});
