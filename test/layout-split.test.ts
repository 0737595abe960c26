/**
 * The held-out layouts (eval/held-out-layouts/) measure the reading code on layouts it was
 * never tuned on: that holds only while nothing under src/ or test/ can see them. This test
 * reads every file's import statements (static, dynamic, re-exports) and follows relative
 * imports from there, into eval/ too, so that a test reaching them through a module of eval/
 * fails as well.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HELD_OUT = join(ROOT, 'eval', 'held-out-layouts');
const SOURCE = /\.(?:ts|tsx|js|mjs|cjs|mts|cts)$/;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (SOURCE.test(name)) out.push(path);
  }
  return out;
}

/** Module specifiers of every import, export … from, import() and require() in a source text. */
function importSpecifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s+from\s+['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1]!);
  return out;
}

/** The file a relative specifier names (a .js import of a .ts file, a folder's index), or null. */
function resolveRelative(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  const candidates = [base, base.replace(/\.(?:m|c)?js$/, '.ts'), `${base}.ts`, join(base, 'index.ts'), join(base, 'index.js')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

const inHeldOut = (path: string) => path === HELD_OUT || path.startsWith(HELD_OUT + sep);
const names = (spec: string) => /(?:^|[/\\])held-out-layouts(?:[/\\]|$)/.test(spec);

/** For each start file, the chain of imports by which it reaches a held-out layout, if any. */
function reachHeldOut(starts: string[]): { file: string; chain: string[] }[] {
  const texts = new Map<string, string>();
  const read = (f: string) => {
    let t = texts.get(f);
    if (t === undefined) texts.set(f, (t = readFileSync(f, 'utf8')));
    return t;
  };
  const hits: { file: string; chain: string[] }[] = [];
  for (const start of starts) {
    const seen = new Set<string>([start]);
    const queue: string[][] = [[start]];
    while (queue.length) {
      const chain = queue.shift()!;
      const file = chain[chain.length - 1]!;
      let found: string[] | null = null;
      for (const spec of importSpecifiers(read(file))) {
        const target = resolveRelative(file, spec);
        if (names(spec) || (target && inHeldOut(target))) {
          found = [...chain, target ?? spec];
          break;
        }
        if (target && !seen.has(target) && !target.includes(`${sep}node_modules${sep}`)) {
          seen.add(target);
          queue.push([...chain, target]);
        }
      }
      if (found) {
        hits.push({ file: start, chain: found.map((f) => relative(ROOT, f) || f) });
        break;
      }
    }
  }
  return hits;
}

describe('layout split', () => {
  it('finds the import forms it scans for', () => {
    // Spelled in pieces, so that this file's own text holds no such import.
    const heldOut = ['..', 'eval', ['held-out', 'layouts'].join('-'), 'reports.js'].join('/');
    const text = [
      `import { A } from '${heldOut}';`,
      "import type { B } from './b.js';",
      "export * from './c.js';",
      "export { D } from './d.js';",
      "const e = await import('./e.js');",
      "import './side-effect.js';",
      "import {\n  F,\n  G,\n} from './fg.js';",
    ].join('\n');
    expect(importSpecifiers(text).sort()).toEqual([heldOut, './b.js', './c.js', './d.js', './e.js', './fg.js', './side-effect.js'].sort());
  });

  it('the held-out layouts are there to be kept apart', () => {
    expect(existsSync(HELD_OUT)).toBe(true);
    expect(filesUnder(HELD_OUT).length).toBeGreaterThan(0);
  });

  it('nothing under src/ or test/ imports eval/held-out-layouts, directly or through other modules', () => {
    const starts = [...filesUnder(join(ROOT, 'src')), ...filesUnder(join(ROOT, 'test'))];
    expect(starts.length).toBeGreaterThan(50);
    const hits = reachHeldOut(starts);
    expect(hits.map((h) => h.chain.join(' → '))).toEqual([]);
  });

  it('would catch one: eval/run.ts, which reports them, reaches them', () => {
    const hits = reachHeldOut([join(ROOT, 'eval', 'run.ts')]);
    expect(hits.length).toBe(1);
  });
});
