// window.courier, built from the contract: one function per invoke method and one subscriber per
// push event, nothing else (E6): never ipcRenderer, never an IPC event object. Bundled into one
// CommonJS file (sandboxed preloads cannot load modules).
import { contextBridge, ipcRenderer, type IpcRenderer, type IpcRendererEvent } from 'electron';
import {
  INVOKE_METHODS,
  PUSH_EVENTS,
  invokeChannel,
  pushChannel,
  subscriberName,
  type CourierBridge,
} from '../shared/ipc-contract.js';

export type IpcLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function buildBridge(ipc: IpcLike): CourierBridge {
  const bridge: Record<string, unknown> = {};
  for (const method of INVOKE_METHODS) {
    const channel = invokeChannel(method);
    // Exactly one argument crosses, whatever the page passes; main validates it.
    bridge[method] = (request?: unknown) => ipc.invoke(channel, request);
  }
  for (const event of PUSH_EVENTS) {
    const channel = pushChannel(event);
    bridge[subscriberName(event)] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${subscriberName(event)} needs a function`);
      // The page gets the payload only: the IPC event would hand it `sender` (ipcRenderer itself).
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipc.on(channel, forward);
      return () => void ipc.removeListener(channel, forward);
    };
  }
  return Object.freeze(bridge) as unknown as CourierBridge;
}

contextBridge.exposeInMainWorld('courier', buildBridge(ipcRenderer));
