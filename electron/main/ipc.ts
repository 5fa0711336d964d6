// ipcMain <-> service: every invoke channel is registered by ONE function that checks the sender
// (our window's top frame on app://courier, E2), then size, rate and schema (E1, E9), then calls the
// service. Push events go to our window only.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { appError } from '../shared/app-error.js';
import type { Log } from '../shared/log.js';
import { INVOKE_METHODS, invokeChannel, pushChannel, type InvokeMethod } from '../shared/ipc-contract.js';
import { fail } from '../shared/result.js';
import { createRequestGate, type CourierService, type RequestGate } from '../service/index.js';
import { isAppUrl } from './security.js';

/** E2: the main frame of our own window, showing our own origin; never an iframe or another page. */
export function isTrustedSender(event: IpcMainInvokeEvent, win: BrowserWindow): boolean {
  if (win.isDestroyed() || event.sender !== win.webContents) return false;
  const frame = event.senderFrame;
  const top = win.webContents.mainFrame;
  if (!frame || frame.parent !== null) return false;
  if (frame.processId !== top.processId || frame.routingId !== top.routingId) return false;
  return isAppUrl(frame.url);
}

export interface InvokeRegistration {
  readonly ipcMain: Pick<IpcMain, 'handle'>;
  readonly service: CourierService;
  readonly isTrusted: (event: IpcMainInvokeEvent) => boolean;
  readonly log: Log;
  readonly gate?: RequestGate;
}

/** The only place in main that calls ipcMain.handle. Returns the channels it registered. */
export function registerInvokeHandlers(deps: InvokeRegistration): string[] {
  const gate = deps.gate ?? createRequestGate();
  const handleChecked = (method: InvokeMethod): string => {
    const channel = invokeChannel(method);
    deps.ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      if (!deps.isTrusted(event)) {
        deps.log('warn', `refused ${method} from ${event.senderFrame?.url ?? 'a frame that is gone'}`);
        return fail(
          appError({
            code: 'CLIENT.invalidRequest',
            message: "Refused: the request did not come from Courier's own window.",
            retryable: false,
          }),
        );
      }
      // The bridge passes exactly one argument (or none); anything more is not our renderer.
      const admitted = args.length > 1 ? gate.admit(method, args) : gate.admit(method, args[0]);
      if (!admitted.ok) return admitted;
      return deps.service.invoke(admitted.value.method, admitted.value.request as never);
    });
    return channel;
  };
  return INVOKE_METHODS.map(handleChecked);
}

/** Push events to our window's renderer only (never broadcast). */
export function forwardPushEvents(service: CourierService, win: BrowserWindow): () => void {
  return service.subscribe(({ event, payload }) => {
    if (!win.isDestroyed()) win.webContents.send(pushChannel(event), payload);
  });
}
