// docs/HAZARDS.md explains every hazard the code, tests and scripts cite, and every test it names as
// the lock of one exists: a maintainer who greps an ID finds its meaning inside the repository.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { citationsInRepository, citedIn, hazardEntries } from '../../support/hazard-citations.js';
import { repoRoot } from '../../support/paths.js';

const doc = readFileSync(join(repoRoot, 'docs', 'HAZARDS.md'), 'utf8');
const entries = hazardEntries(doc);
const documented = new Set(entries.map((entry) => entry.label));

describe('docs/HAZARDS.md', () => {
  test('every fault ID, principle and goal cited in the repository has an entry', () => {
    const missing = new Map<string, string[]>();
    for (const [file, labels] of citationsInRepository())
      for (const label of labels)
        if (!documented.has(label)) missing.set(label, [...(missing.get(label) ?? []), file]);
    const report = [...missing].map(([label, files]) => `${label} (cited in ${files.join(', ')})`);
    expect(report, 'cited but not explained in docs/HAZARDS.md').toEqual([]);
  });

  test('every test it names exists', () => {
    const named = [...new Set(entries.flatMap((entry) => entry.tests))];
    expect(named.length).toBeGreaterThan(50);
    expect(named.filter((path) => !existsSync(join(repoRoot, path)))).toEqual([]);
  });

  test('every fault entry says which tests lock it, and no label appears twice', () => {
    const faults = entries.filter((entry) => !entry.label.startsWith('§') && !entry.label.startsWith('goal'));
    expect(faults.filter((entry) => !entry.hasTestsLine).map((entry) => entry.label)).toEqual([]);
    expect(entries.length).toBe(documented.size);
  });
});

describe('what counts as a citation', () => {
  test('IDs, ranges, principles and goals in comments and titles', () => {
    const text = "// (F3, I1/M8) retries (T1-T3, P1–P2) per §0.4 and goal 4\ntest('U5: expiry')";
    expect([...citedIn(text)].sort()).toEqual(
      ['F3', 'I1', 'M8', 'T1', 'T2', 'T3', 'P1', 'P2', '§0.4', 'goal 4', 'U5'].sort(),
    );
  });

  test('not: SVG paths, %-escapes, colours, longer numbers, parts of words', () => {
    expect([
      ...citedIn("['M5 12.5l4.5', '%E0%A4%A', '#C1', 'F13', 'T11', 'SHA256', 'ECDSA-P256', 'X1a']"),
    ]).toEqual([]);
  });
});
