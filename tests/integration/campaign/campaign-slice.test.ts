// A slice of the reliability campaign (scripts/campaign, README "Reliability campaign"): real
// `courier fetch` processes under every fault class of the demo server's registry, some SIGKILLed at a
// random byte or a named crash window (C1) and run again, each run checked by the oracle: no bad file
// under a final name or called verified (goal 1), nothing outside the staging root (goal 2), every
// restart consistent (goal 3), resume cost within a checkpoint and a chunk (goal 4), no credential in
// any file or output (A4), waiting status reports sent at the next start (outbox).
import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CLI_BUNDLE_ENTRY } from '../../../scripts/build/cli-bundle-entry.js';
import { FAULT_CLASSES } from '../../../scripts/campaign/plan.js';
import { runCampaign, summarize } from '../../../scripts/campaign/campaign.js';

const SEED = 1;
const RUNS = FAULT_CLASSES.length * 3;
const KILLS = 18;

describe('reliability campaign slice', () => {
  test(
    `seed ${SEED}: ${RUNS} runs, ${KILLS} with a SIGKILL, 0 violations`,
    async () => {
      if (!existsSync(CLI_BUNDLE_ENTRY))
        throw new Error('run "npm run build" first: the campaign runs the built CLI');
      const outcomes = await runCampaign({ runs: RUNS, kills: KILLS, seed: SEED, workers: 2 });
      const violations = outcomes.flatMap((o) =>
        o.violations.map((v) => `run ${o.run} (${o.fault}${o.kill ? `, kill ${o.kill}` : ''}): ${v}`),
      );
      expect(violations).toEqual([]);
      expect(outcomes).toHaveLength(RUNS);
      // Every class ran, and the kills were real: most landed (a window a run never reaches cannot).
      expect(summarize(outcomes).map((row) => row.fault)).toEqual(FAULT_CLASSES.map((c) => c.name));
      expect(outcomes.reduce((sum, o) => sum + o.killed, 0)).toBeGreaterThanOrEqual(KILLS / 2);
      // Some faults must end in an error code, and most runs must stage: a campaign where nothing
      // fails, or nothing succeeds, checks nothing.
      expect(outcomes.filter((o) => o.staged).length).toBeGreaterThan(RUNS / 2);
      expect(outcomes.filter((o) => !o.staged).length).toBeGreaterThan(0);
    },
    10 * 60_000,
  );
});
