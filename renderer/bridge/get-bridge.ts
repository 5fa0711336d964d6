// The renderer's one way to reach Courier: window.courier under Electron's preload, otherwise the
// browser-mode HTTP bridge. The only module outside tests that reads window.courier.
import type { CourierBridge } from '../../electron/shared/ipc-contract.js';
import { resolveLanguage } from '../i18n/language.js';
import { createHttpBridge } from './http-bridge.js';

declare global {
  interface Window {
    readonly courier?: CourierBridge;
  }
}

const TOKEN_KEY = 'courier.session-token';

/**
 * Takes the access token from `?token=` and removes it from the address bar (so it is not kept in
 * history or shown over a shoulder). The tab keeps it in sessionStorage so a reload still works;
 * the storage dies with the tab.
 */
export function takeToken(win: Window = window): string | null {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // Storage may be disabled; the token still works until the page reloads.
    }
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

let bridge: CourierBridge | null = null;

export function getBridge(): CourierBridge {
  if (bridge) return bridge;
  if (window.courier) {
    bridge = window.courier;
    return bridge;
  }
  const token = takeToken(window);
  bridge = createHttpBridge({
    fetch: (url, init) => window.fetch(url, init),
    eventSource: (url) => new EventSource(url),
    token: () => token,
    // noopener: the report tab gets no handle on this page (it is sandboxed besides).
    openPage: (url) => void window.open(url, '_blank', 'noopener'),
    // The I18nProvider marks the page with the language it resolved (setting or system): read back
    // here, the bridge needs neither the store nor React, which it is created before.
    language: () => resolveLanguage('system', [document.documentElement.lang]),
  });
  return bridge;
}
