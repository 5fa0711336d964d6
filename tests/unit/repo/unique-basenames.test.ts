// No two source files under electron/ and renderer/ share a name, so a name found in a stack trace,
// a log or a review comment points at one file. Exempt: index, a folder's public entry. The faces'
// entry scripts have names of their own (cli/courier-cli.ts, main/desktop-main.ts,
// web-host/web-main.ts, renderer/renderer-main.tsx).
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot } from '../../support/paths.js';

const SOURCE_FOLDERS = ['electron', 'renderer'];
const SOURCE_FILE = /\.(ts|tsx|js|mjs|cjs)$/;
const ENTRY_NAMES: ReadonlySet<string> = new Set(['index']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return SOURCE_FILE.test(entry.name) ? [relative(repoRoot, path)] : [];
  });
}

/** The name without folder and extension: error-text.ts and error-text.tsx are one name. */
const nameOf = (path: string) => path.slice(path.lastIndexOf('/') + 1).replace(/(\.d)?\.[cm]?[jt]sx?$/, '');

/** Every name held by two or more files, with those files. */
export function sharedNames(paths: readonly string[]): Record<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const path of paths) byName.set(nameOf(path), [...(byName.get(nameOf(path)) ?? []), path]);
  return Object.fromEntries(
    [...byName]
      .filter(([name, files]) => files.length > 1 && !ENTRY_NAMES.has(name))
      .map(([n, f]) => [n, f.sort()]),
  );
}

describe('source file names', () => {
  test('no two files under electron/ and renderer/ share a name (index and main aside)', () => {
    const files = SOURCE_FOLDERS.flatMap((folder) => sourceFiles(join(repoRoot, folder)));
    expect(files.length).toBeGreaterThan(200);
    expect(sharedNames(files), 'rename one of each pair after what it does').toEqual({});
  });

  test('the check sees a clash across layers and extensions, and lets index files be', () => {
    expect(
      sharedNames([
        'electron/shared/error-text.ts',
        'renderer/format/error-text.tsx',
        'electron/engine/index.ts',
        'electron/service/index.ts',
        'electron/cli/courier-cli.ts',
        'renderer/main.tsx',
        'electron/engine/job/job-state.ts',
      ]),
    ).toEqual({ 'error-text': ['electron/shared/error-text.ts', 'renderer/format/error-text.tsx'] });
  });
});
