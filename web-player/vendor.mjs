// Copies the browser libraries the studio uses (CodeMirror 6 and its dependencies, dagre for the
// story map) from node_modules into src/vendor/, each package's ES module build and LICENSE,
// and writes src/vendor/importmap.json and the import map of the pages that use them. The server then serves
// them as plain files: no bundler and no npm at run time. Rerun after changing a version in
// package.json:  npm ci && node vendor.mjs   (node vendor.mjs --check only compares).
import { readFileSync, writeFileSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const MODULES = join(HERE, 'node_modules');
export const VENDOR = join(HERE, 'src/vendor');

/** Each vendored package: its ES module entry inside the package. */
export const PACKAGES = Object.freeze({
  '@codemirror/state': 'dist/index.js',
  '@codemirror/view': 'dist/index.js',
  '@codemirror/language': 'dist/index.js',
  '@codemirror/commands': 'dist/index.js',
  '@codemirror/lint': 'dist/index.js',
  '@codemirror/search': 'dist/index.js',
  '@codemirror/streamparser': 'dist/index.js',
  '@lezer/common': 'dist/index.js',
  '@lezer/highlight': 'dist/index.js',
  'style-mod': 'src/style-mod.js',
  'w3c-keyname': 'index.js',
  crelt: 'index.js',
  '@marijn/find-cluster-break': 'src/index.js',
  '@dagrejs/dagre': 'dist/dagre.esm.js',
});

/** Packages bundled inside a vendored file: their licences travel with it. */
export const BUNDLED = Object.freeze({ '@dagrejs/dagre': ['@dagrejs/graphlib'] });

/** The files vendor.mjs writes: path under src/vendor → contents. */
export function planned() {
  const files = new Map();
  const imports = {};
  for (const [name, entry] of Object.entries(PACKAGES)) {
    const pkg = JSON.parse(readFileSync(join(MODULES, name, 'package.json'), 'utf8'));
    const file = entry.split('/').pop();
    files.set(`${name}/${file}`, readFileSync(join(MODULES, name, entry), 'utf8'));
    files.set(`${name}/LICENSE`, readFileSync(join(MODULES, name, 'LICENSE'), 'utf8'));
    files.set(`${name}/VERSION`, `${pkg.version}\n`);
    for (const inner of BUNDLED[name] ?? []) {
      const version = JSON.parse(readFileSync(join(MODULES, inner, 'package.json'), 'utf8')).version;
      files.set(`${name}/LICENSE.${inner.split('/').pop()}`, `${inner} ${version}, bundled in ${file}:\n\n${readFileSync(join(MODULES, inner, 'LICENSE'), 'utf8')}`);
    }
    imports[name] = `/vendor/${name}/${file}`;
  }
  files.set('importmap.json', `${JSON.stringify({ imports }, null, 2)}\n`);
  return files;
}

/** The pages that resolve the vendored packages with an import map, written between markers. */
export const PAGES = Object.freeze(['src/pages/studio.html']);
const MAP_BLOCK = /(<!-- importmap:start[^>]*-->\n)[\s\S]*?(<!-- importmap:end -->)/;

/** {@code html} with its import map block holding {@code map}. */
export function withImportMap(html, map) {
  if (!MAP_BLOCK.test(html)) throw new Error('no <!-- importmap:start --> … <!-- importmap:end --> block');
  return html.replace(MAP_BLOCK, (_, start, end) => `${start}<script type="importmap">\n${map}</script>\n${end}`);
}

/** The vendored files that differ from (or are missing next to) what node_modules holds now. */
export function differences() {
  const out = [];
  for (const [path, text] of planned()) {
    const at = join(VENDOR, path);
    if (!existsSync(at) || readFileSync(at, 'utf8') !== text) out.push(path);
  }
  const map = planned().get('importmap.json');
  for (const page of PAGES) {
    const html = readFileSync(join(HERE, page), 'utf8');
    if (withImportMap(html, map) !== html) out.push(page);
  }
  return out;
}

function write() {
  for (const name of Object.keys(PACKAGES)) rmSync(join(VENDOR, name), { recursive: true, force: true });
  for (const [path, text] of planned()) {
    mkdirSync(dirname(join(VENDOR, path)), { recursive: true });
    writeFileSync(join(VENDOR, path), text);
  }
  const map = planned().get('importmap.json');
  for (const page of PAGES) writeFileSync(join(HERE, page), withImportMap(readFileSync(join(HERE, page), 'utf8'), map));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const stale = differences();
    if (stale.length) {
      console.error(`src/vendor differs from node_modules in ${stale.join(', ')}: run node vendor.mjs`);
      process.exit(1);
    }
    console.log('src/vendor matches node_modules');
  } else {
    write();
    console.log(`vendored ${Object.keys(PACKAGES).length} packages into src/vendor`);
  }
}
