// A CourierBridge over the web-host's loopback HTTP (invoke) and server-sent events (push): the same
// contract as Electron's preload, so the rest of the renderer cannot tell the two apart.
import {
  INVOKE_METHODS,
  PUSH_EVENTS,
  isReportPagePath,
  subscriberName,
  type CourierBridge,
  type PushContract,
  type PushEvent,
  type ReportOpening,
} from '../../electron/shared/ipc-contract.js';
import type { JobSnapshot } from '../../electron/shared/snapshots.js';
import type { UiLanguage } from '../../electron/shared/ui-languages.js';
import { translatorFor } from '../i18n/translator.js';
import { openEventStream, type EventSourceFactory, type EventStream } from './event-stream.js';
import { invokeOverHttp, type FetchLike } from './http-invoke.js';

export interface HttpBridgeOptions {
  readonly fetch: FetchLike;
  readonly eventSource: EventSourceFactory;
  readonly token: () => string | null;
  /** '' for the page's own origin; tests may pass an absolute origin. */
  readonly baseUrl?: string;
  /**
   * Opens a page of the host in a new tab: "Open report" answers with the report's page, since
   * nothing can open a file on this computer for a browser.
   */
  readonly openPage?: (url: string) => void;
  /**
   * The UI's language when the bridge gives its own notices (about its connection to the service,
   * which the service cannot send while it is out of reach); English without it.
   */
  readonly language?: () => UiLanguage;
}

type Listener = (payload: unknown) => void;

export function createHttpBridge(options: HttpBridgeOptions): CourierBridge {
  const baseUrl = options.baseUrl ?? '';
  const transport = { fetch: options.fetch, baseUrl, token: options.token };
  const listeners = new Map<PushEvent, Set<Listener>>(PUSH_EVENTS.map((name) => [name, new Set()]));
  const knownJobs = new Set<string>();
  let stream: EventStream | null = null;
  const word = (key: 'common.serviceReconnected' | 'common.serviceLost') =>
    translatorFor(options.language?.() ?? 'en').text(key);

  const dispatch = <E extends PushEvent>(event: E, payload: PushContract[E]) => {
    if (event === 'job') knownJobs.add((payload as JobSnapshot).jobId);
    if (event === 'jobRemoved') knownJobs.delete((payload as PushContract['jobRemoved']).jobId);
    for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
  };

  // After a reconnection the pushes sent while disconnected are lost: fetch whole snapshots and
  // replay them as events, which subscribers apply idempotently like any other push.
  const resync = async () => {
    const [jobs, settings] = await Promise.all([
      invokeOverHttp(transport, 'listJobs', undefined),
      invokeOverHttp(transport, 'getSettings', undefined),
    ]);
    if (jobs.ok) {
      const list = jobs.value as readonly JobSnapshot[];
      const present = new Set(list.map((job) => job.jobId));
      for (const jobId of [...knownJobs]) if (!present.has(jobId)) dispatch('jobRemoved', { jobId });
      for (const job of list) dispatch('job', job);
    }
    if (settings.ok) dispatch('settings', settings.value as PushContract['settings']);
  };

  const ensureStream = () => {
    if (stream) return;
    const token = options.token();
    if (!token) return;
    stream = openEventStream(
      `${baseUrl}/api/events?token=${encodeURIComponent(token)}`,
      options.eventSource,
      {
        onEvent: (event, payload) => dispatch(event, payload as never),
        onOpen: (again) => {
          if (!again) return;
          dispatch('notice', { level: 'info', message: word('common.serviceReconnected') });
          void resync();
        },
        onDrop: () => dispatch('notice', { level: 'warn', message: word('common.serviceLost') }),
      },
    );
  };

  const bridge: Record<string, unknown> = {};
  for (const method of INVOKE_METHODS) {
    bridge[method] = (request?: unknown) => invokeOverHttp(transport, method, request);
  }
  // Opened here, while the click still counts as the user's (pop-up blockers); only ever a report
  // page of this host, whatever the answer holds.
  bridge.openJobReport = async (request?: unknown) => {
    const result = await invokeOverHttp(transport, 'openJobReport', request);
    const opening = result.ok ? (result.value as ReportOpening) : undefined;
    if (opening?.how === 'newTab' && isReportPagePath(opening.url))
      options.openPage?.(`${baseUrl}${opening.url}`);
    return result;
  };
  for (const event of PUSH_EVENTS) {
    bridge[subscriberName(event)] = (listener: Listener) => {
      listeners.get(event)?.add(listener);
      ensureStream();
      return () => {
        listeners.get(event)?.delete(listener);
      };
    };
  }
  return Object.freeze(bridge) as unknown as CourierBridge;
}
