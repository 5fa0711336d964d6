// Browser mode's "Open report": the bridge opens the report page the host answered with in a new
// tab (while the click still counts as the user's), and never anything that is not a report page
// of this host.
import { describe, expect, it, vi } from 'vitest';
import { createHttpBridge } from '../../../../renderer/bridge/http-bridge.js';

function setup(value: unknown) {
  const openPage = vi.fn();
  const bridge = createHttpBridge({
    fetch: vi.fn(async () => Response.json({ ok: true, value })),
    eventSource: () => {
      throw new Error('no events in this test');
    },
    token: () => 'tok-123',
    openPage,
  });
  return { bridge, openPage };
}

const jobId = '2b0c7a2e-7f55-4b5e-9d2a-0d1f1c1b9a11';

describe('Open report over HTTP', () => {
  it('opens the report page in a new tab and still answers with it', async () => {
    const url = `/report/${'A'.repeat(43)}`;
    const { bridge, openPage } = setup({ how: 'newTab', url });
    expect(await bridge.openJobReport({ jobId })).toEqual({ ok: true, value: { how: 'newTab', url } });
    expect(openPage).toHaveBeenCalledExactlyOnceWith(url);
  });

  it('opens nothing for an answer that is not a report page of this host', async () => {
    for (const url of ['javascript:alert(1)', 'https://example.org/report/x', '/report/../api/x', '/']) {
      const { bridge, openPage } = setup({ how: 'newTab', url });
      await bridge.openJobReport({ jobId });
      expect(openPage, url).not.toHaveBeenCalled();
    }
    const { bridge, openPage } = setup({ how: 'opened' });
    await bridge.openJobReport({ jobId });
    expect(openPage).not.toHaveBeenCalled();
  });
});
