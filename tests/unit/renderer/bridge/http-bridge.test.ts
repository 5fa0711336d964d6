// @vitest-environment jsdom
// Browser mode's bridge on the web-host's wire format: POST /api/invoke/<method> with the token
// header, Results back; named server-sent events in, reconnection with a resync; the token leaves
// the address bar.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UiLanguage } from '../../../../electron/shared/ui-languages.js';
import type { EventSourceLike } from '../../../../renderer/bridge/event-stream.js';
import { takeToken } from '../../../../renderer/bridge/get-bridge.js';
import { createHttpBridge } from '../../../../renderer/bridge/http-bridge.js';
import { makeJob, makeSettings } from '../../../support/renderer-fixtures.js';

class FakeEventSource implements EventSourceLike {
  static all: FakeEventSource[] = [];
  readyState = 0;
  onopen: ((event: Event) => unknown) | null = null;
  onerror: ((event: Event) => unknown) | null = null;
  readonly listeners = new Map<string, (event: MessageEvent<string>) => void>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
  }
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(type, listener);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  send(type: string, data: unknown) {
    this.listeners.get(type)?.({ data: JSON.stringify(data) } as MessageEvent<string>);
  }
  fail(closed: boolean) {
    this.readyState = closed ? 2 : 0;
    this.onerror?.(new Event('error'));
  }
}

function setup(
  answer: (url: string, init: RequestInit) => Response = () => Response.json({ ok: true }),
  language?: () => UiLanguage,
) {
  FakeEventSource.all = [];
  const fetch = vi.fn(async (url: string, init: RequestInit) => answer(url, init));
  const bridge = createHttpBridge({
    fetch,
    eventSource: (url) => new FakeEventSource(url),
    token: () => 'tok-123',
    ...(language ? { language } : {}),
  });
  return { bridge, fetch };
}

afterEach(() => vi.useRealTimers());

describe('invoke over HTTP', () => {
  it('posts JSON with the token header and returns the Result', async () => {
    const job = makeJob();
    const { bridge, fetch } = setup(() => Response.json({ ok: true, value: job }));
    const result = await bridge.pauseJob({ jobId: job.jobId });
    expect(result).toEqual({ ok: true, value: job });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/invoke/pauseJob');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ 'x-courier-token': 'tok-123', 'content-type': 'application/json' });
    expect(init.body).toBe(JSON.stringify({ jobId: job.jobId }));
  });

  it('sends no body for methods without a request', async () => {
    const { bridge, fetch } = setup(() => Response.json({ ok: true, value: makeSettings() }));
    await bridge.getSettings();
    expect(fetch.mock.calls[0]![1].body).toBeUndefined();
  });

  it('passes error Results through and explains transport failures', async () => {
    const error = { code: 'DELIVERY.notFound', message: 'no', retryable: false };
    expect(await setup(() => Response.json({ ok: false, error }, { status: 200 })).bridge.listJobs()).toEqual(
      {
        ok: false,
        error,
      },
    );
    const refused = await setup(() => new Response('nope', { status: 403 })).bridge.listJobs();
    expect(!refused.ok && refused.error.code).toBe('CLIENT.auth');
    const broken = await setup(() => new Response('<html>', { status: 502 })).bridge.listJobs();
    expect(!broken.ok && broken.error.code).toBe('CLIENT.badResponse');
    const down = await setup(() => {
      throw new TypeError('Failed to fetch');
    }).bridge.listJobs();
    expect(!down.ok && down.error.code).toBe('CLIENT.network');
  });
});

describe('push events', () => {
  it('opens one event stream with the token and dispatches named events to subscribers', () => {
    const { bridge } = setup();
    const jobs: unknown[] = [];
    const stop = bridge.onJob((job) => jobs.push(job));
    bridge.onSettings(() => undefined);
    expect(FakeEventSource.all).toHaveLength(1);
    expect(FakeEventSource.all[0]!.url).toBe('/api/events?token=tok-123');
    const job = makeJob();
    FakeEventSource.all[0]!.send('job', job);
    expect(jobs).toEqual([job]);
    stop();
    FakeEventSource.all[0]!.send('job', job);
    expect(jobs).toHaveLength(1);
  });

  it('reconnects after the host closes the stream and replays whole snapshots', async () => {
    vi.useFakeTimers();
    const known = makeJob();
    const still = makeJob();
    const { bridge } = setup((url) =>
      url.endsWith('listJobs')
        ? Response.json({ ok: true, value: [still] })
        : Response.json({ ok: true, value: makeSettings() }),
    );
    const events: string[] = [];
    bridge.onJob((job) => events.push(`job ${job.jobId}`));
    bridge.onJobRemoved(({ jobId }) => events.push(`removed ${jobId}`));
    bridge.onNotice((notice) => events.push(`notice ${notice.level}`));
    const first = FakeEventSource.all[0]!;
    first.open();
    first.send('job', known);
    first.fail(true);
    expect(first.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(FakeEventSource.all).toHaveLength(2);
    FakeEventSource.all[1]!.open();
    await vi.runAllTimersAsync();
    expect(events).toEqual([
      `job ${known.jobId}`,
      'notice warn',
      'notice info',
      `removed ${known.jobId}`,
      `job ${still.jobId}`,
    ]);
  });
});

describe('connection notices', () => {
  /** Drops the stream and opens it again: the two notices only the bridge can give. */
  async function dropAndReconnect(language?: () => UiLanguage) {
    vi.useFakeTimers();
    const { bridge } = setup(() => Response.json({ ok: true, value: [] }), language);
    const notices: string[] = [];
    bridge.onNotice((notice) => notices.push(notice.message));
    FakeEventSource.all[0]!.open();
    FakeEventSource.all[0]!.fail(true);
    await vi.advanceTimersByTimeAsync(1_000);
    FakeEventSource.all[1]!.open();
    await vi.runAllTimersAsync();
    return notices;
  }

  it('words them in English without a language', async () => {
    expect(await dropAndReconnect()).toEqual([
      'Lost contact with the Courier service. Reconnecting… (downloads continue in the service)',
      'Reconnected to the Courier service.',
    ]);
  });

  it('words them in the UI language at the moment they are given', async () => {
    expect(await dropAndReconnect(() => 'he')).toEqual([
      'הקשר עם שירות Courier אבד. מתחבר מחדש… (ההורדות ממשיכות בשירות)',
      'החיבור לשירות Courier חזר.',
    ]);
    // The technician switched to Hebrew while the service was out of reach.
    let language: UiLanguage = 'en';
    const notices = dropAndReconnect(() => language);
    language = 'he';
    expect(await notices).toEqual([
      'Lost contact with the Courier service. Reconnecting… (downloads continue in the service)',
      'החיבור לשירות Courier חזר.',
    ]);
  });
});

describe('takeToken', () => {
  it('takes the token from the URL, removes it from the address bar, and keeps it for a reload', () => {
    window.history.replaceState(null, '', '/index.html?token=secret-1&x=1#top');
    expect(takeToken(window)).toBe('secret-1');
    expect(window.location.search).toBe('?x=1');
    expect(window.location.hash).toBe('#top');
    window.history.replaceState(null, '', '/index.html');
    expect(takeToken(window)).toBe('secret-1');
  });
});
