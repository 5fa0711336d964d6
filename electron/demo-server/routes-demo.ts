// Demo-only pages outside /api, unprotected: a short description of the server, the status reports
// devices sent, and the signing public key. Not part of GetApp, so no client may
// depend on it.
import type { DemoCatalog } from './catalog-model.js';
import type { Reply } from './http-json.js';
import type { DemoMode } from './options.js';
import type { Presigner } from './presign.js';
import type { StatusReportStore } from './status-reports.js';

export interface DemoRoutesOptions {
  readonly mode: DemoMode;
  readonly catalog: DemoCatalog;
  readonly reports: StatusReportStore;
  readonly presigner: Presigner;
}

/** The object store's origin, read off a URL the presigner makes (it knows it only once listening). */
function storageOrigin(presigner: Presigner): string | undefined {
  try {
    return new URL(presigner.sign('demo')).origin;
  } catch {
    return undefined;
  }
}

/** The answer for a GET under /demo, or undefined when no such page exists. */
export function demoReply(
  options: DemoRoutesOptions,
  pathname: string,
  query: URLSearchParams,
): Reply | undefined {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/demo') {
    const storageUrl = storageOrigin(options.presigner);
    return {
      status: 200,
      json: {
        mode: options.mode,
        catalogIds: [...options.catalog.deliveries.keys()],
        ...(storageUrl ? { storageUrl } : {}),
      },
    };
  }
  if (path === '/demo/status-reports') {
    // An empty parameter means "any", so a form or a curl line can leave it blank.
    const deviceId = query.get('deviceId') || undefined;
    const catalogId = query.get('catalogId') || undefined;
    return {
      status: 200,
      json: options.reports.list({
        ...(deviceId === undefined ? {} : { deviceId }),
        ...(catalogId === undefined ? {} : { catalogId }),
      }),
    };
  }
  if (path === '/demo/public-key.pem') {
    return { status: 200, text: options.catalog.publicKeyPem, contentType: 'text/plain; charset=utf-8' };
  }
  return undefined;
}
