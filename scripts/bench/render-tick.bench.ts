// @vitest-environment jsdom
// Benchmark (not a test): what one progress tick costs the UI for a 500-artifact delivery — the
// store applying one snapshot in which a single item moved, and React re-rendering the job detail
// view. Run with `npm run bench:render`; a tick must stay far below the 200 ms between ticks.
import { act, cleanup, render } from '@testing-library/react';
import { createElement } from 'react';
import { afterAll, bench, describe } from 'vitest';
import { createCourierStore } from '../../renderer/store/store.js';
import { StoreProvider } from '../../renderer/store/store-context.js';
import { JobDetailView } from '../../renderer/views/job-detail-view.js';
import type { JobSnapshot } from '../../electron/shared/snapshots.js';
import { createFakeBridge } from '../../tests/support/renderer-fake-bridge.js';
import { makeItem, makeJob } from '../../tests/support/renderer-fixtures.js';

const ITEMS = 500;
const MiB = 1024 * 1024;
const items = Array.from({ length: ITEMS }, (_, i) =>
  makeItem({
    itemKey: `1.big@1.0.0@file-${i}.bin`,
    fileName: `file-${i}.bin`,
    size: 10 * MiB,
    bytesDone: 0,
    phase: 'pending',
  }),
);
let job: JobSnapshot = makeJob({
  catalogId: '1.big@1.0.0',
  phase: 'downloading',
  items,
  bytesTotal: ITEMS * 10 * MiB,
});

// Snapshots older than the one applied are ignored by the store, so every tick must be newer.
const startedAt = job.updatedAt;
const fake = createFakeBridge();
const store = createCourierStore(fake.bridge);
store.getState().applyJob(job);
store.setState({ selectedJobId: job.jobId } as never);
render(createElement(StoreProvider, { store, children: createElement(JobDetailView) }));
// A benchmark of nothing would look fast: make sure the view really shows the 500 rows.
if (!document.body.textContent?.includes(`file-${ITEMS - 1}.bin`))
  throw new Error('the job detail did not render');
afterAll(() => cleanup());

let tick = 0;
describe(`one progress tick, ${ITEMS} artifacts`, () => {
  bench('apply the snapshot and re-render the job detail', () => {
    tick += 1;
    const moving = tick % ITEMS;
    const next = job.items.map((item, index) =>
      index === moving
        ? {
            ...item,
            phase: 'downloading' as const,
            bytesDone: (tick * 65_536) % (10 * MiB),
            speed: 5_000_000,
          }
        : item,
    );
    job = {
      ...job,
      items: next,
      bytesDone: job.bytesDone + 65_536,
      updatedAt: new Date(Date.parse(startedAt) + tick * 200).toISOString(),
    };
    act(() => store.getState().applyJob(job));
  });
});
