// What counts as citing a hazard of docs/HAZARDS.md in code, tests and scripts, and which hazards
// that document explains: the one definition the doc test checks both sides with. Test support only.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

/** Fault families and their highest number: an ID is the letter and a number from 1 to max. */
export const FAULT_FAMILIES = {
  M: 12,
  U: 5,
  T: 10,
  I: 4,
  A: 4,
  P: 4,
  F: 9,
  C: 5,
  E: 10,
  S: 3,
  X: 1,
} as const;
export type FaultFamily = keyof typeof FAULT_FAMILIES;

/** Where citations are looked for: every source folder, plus the config files at the root. */
const SCANNED_FOLDERS = ['electron', 'renderer', 'scripts', 'tests'];
const SCANNED_FILE = /\.(ts|tsx|js|mjs|cjs)$/;

// Longest number first, so a two-digit ID is not read as a one-digit one followed by a digit.
const numbers = (max: number) =>
  Array.from({ length: max }, (_, i) => String(max - i))
    .sort((a, b) => b.length - a.length)
    .join('|');
const ANY_ID = Object.entries(FAULT_FAMILIES)
  .map(([letter, max]) => `${letter}(?:${numbers(max)})`)
  .join('|');
/**
 * An ID standing alone, or a range of one family written with a hyphen or an en dash. Not: part of
 * a word, a %-escape, a hex colour, an SVG path command ("M5 12.5") or a dotted name.
 */
const FAULT_CITATION = new RegExp(
  `(?<![\\w%#.$])(${ANY_ID})(?:[-–](${ANY_ID}))?(?![\\w%$]|\\.\\w|\\s\\d)`,
  'g',
);
/** "§0.<n>": the principles at the top of HAZARDS.md. */
const PRINCIPLE_CITATION = /§0\.(\d{1,2})\b/g;
/** "goal <n>" or "Goal <n>": the measurable goals at the end of HAZARDS.md. */
const GOAL_CITATION = /\b[Gg]oal (\d{1,2})\b/g;

/** Normalised labels: "<letter><n>", "§0.<n>" or "goal <n>". */
export function citedIn(text: string): Set<string> {
  const labels = new Set<string>();
  for (const [, first, last] of text.matchAll(FAULT_CITATION)) {
    const from = Number(first!.slice(1));
    const to = last?.[0] === first![0] ? Number(last!.slice(1)) : from;
    for (let n = from; n <= Math.max(from, to); n += 1) labels.add(`${first![0]}${n}`);
    if (last && last[0] !== first![0]) labels.add(last);
  }
  for (const [, n] of text.matchAll(PRINCIPLE_CITATION)) labels.add(`§0.${n}`);
  for (const [, n] of text.matchAll(GOAL_CITATION)) labels.add(`goal ${n}`);
  return labels;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return SCANNED_FILE.test(entry.name) ? [path] : [];
  });
}

/** Every scanned file (relative to the repository root) with the labels it cites. */
export function citationsInRepository(): Map<string, Set<string>> {
  const rootFiles = readdirSync(repoRoot, { withFileTypes: true })
    .filter((entry) => entry.isFile() && SCANNED_FILE.test(entry.name))
    .map((entry) => entry.name);
  const files = [...rootFiles, ...SCANNED_FOLDERS.flatMap((dir) => filesUnder(join(repoRoot, dir)))];
  const cited = new Map<string, Set<string>>();
  for (const file of files) {
    const relativePath = file.startsWith(repoRoot) ? file.slice(repoRoot.length + 1) : file;
    const labels = citedIn(readFileSync(join(repoRoot, relativePath), 'utf8'));
    if (labels.size > 0) cited.set(relativePath, labels);
  }
  return cited;
}

export interface HazardEntry {
  /** "<letter><n>", "§0.<n>" or "goal <n>". */
  readonly label: string;
  /** Backquoted paths under tests/ in the entry. */
  readonly tests: readonly string[];
  /** Whether the entry has its "Tests:" line. */
  readonly hasTestsLine: boolean;
}

const ENTRY_HEADING = new RegExp(`^### (${ANY_ID}|§0\\.\\d{1,2})(?= ·)`);
const GOAL_ROW = /^\| Goal (\d{1,2}) +\|/;
const TEST_PATH = /`(tests\/[^`]+)`/g;

/** The entries of HAZARDS.md: one `### <label> · <title>` section per fault or principle, a table row per goal. */
export function hazardEntries(markdown: string): HazardEntry[] {
  const entries: { label: string; tests: string[]; hasTestsLine: boolean }[] = [];
  let current: (typeof entries)[number] | undefined;
  for (const line of markdown.split('\n')) {
    const heading = ENTRY_HEADING.exec(line);
    const goal = GOAL_ROW.exec(line);
    if (heading || goal || line.startsWith('#')) current = undefined;
    if (heading) entries.push((current = { label: heading[1]!, tests: [], hasTestsLine: false }));
    if (goal) entries.push({ label: `goal ${goal[1]}`, tests: [], hasTestsLine: true });
    if (!current) continue;
    if (line.startsWith('Tests:')) current.hasTestsLine = true;
    for (const [, path] of line.matchAll(TEST_PATH)) current.tests.push(path!);
  }
  return entries;
}
