/**
 * The repository holds everything its code and tests read: a fresh clone on another machine
 * must run `npm test` as it runs here. This fails when a source, test, evaluation or bench file
 * names a path that climbs out of the repository, or a machine's own folders.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/render.js';

const FOLDERS = ['src', 'test', 'eval', 'bench', 'bin', 'web', 'templates', 'examples', '.ci'];
const TEXT = /\.(?:[cm]?[jt]s|json|hbs|html|css|md|sh|yml|yaml)$|^run$/;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (TEXT.test(name)) yield full;
  }
}

/** Relative paths in quotes or after `from`/`import(`: where they lead from the file. */
const RELATIVE = /['"`]((?:\.\.\/)+[^'"`\s]*)['"`]/g;
/** Home folders and the machine's work folder are nobody else's. */
const MACHINE = /(?<![\w.])\/(?:work|home|Users|root)\/[\w.-]+/g;

describe('the repository stands alone', () => {
  const all = FOLDERS.flatMap((f) => {
    try {
      return [...files(path.join(REPO_ROOT, f))];
    } catch {
      return [];
    }
  });

  it('finds the files it checks', () => {
    expect(all.length).toBeGreaterThan(100);
  });

  it('no file names a path outside the repository', () => {
    const outside: string[] = [];
    for (const file of all) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(RELATIVE)) {
        const target = path.resolve(path.dirname(file), m[1]!);
        if (path.relative(REPO_ROOT, target).startsWith('..')) outside.push(`${path.relative(REPO_ROOT, file)}: ${m[1]}`);
      }
      for (const m of text.matchAll(MACHINE)) outside.push(`${path.relative(REPO_ROOT, file)}: ${m[0]}`);
    }
    expect(outside).toEqual([]);
  });
});
