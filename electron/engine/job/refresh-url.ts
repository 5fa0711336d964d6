// A fresh presigned URL for one item when the object store says the old one expired (U5): asks the
// status endpoint again (no new prepare is needed) and accepts the new URL only if the server still
// describes the item the same way; a changed item is never spliced onto old bytes (M10).
import { appError } from '../../shared/app-error.js';
import { fail, type Result } from '../../shared/result.js';
import type { UrlPolicy } from '../url-policy.js';
import type { ItemState } from './job-state.js';
import { identityOf, planItem, sameIdentity } from './plan-items.js';
import type { PreparationApi } from './prepare-delivery.js';

export interface RefreshOptions {
  readonly api: PreparationApi;
  readonly item: ItemState;
  readonly catalogId: string;
  readonly policy: UrlPolicy;
  readonly signal?: AbortSignal;
}

export async function refreshItemUrl(options: RefreshOptions): Promise<Result<URL>> {
  const { api, item, catalogId, policy } = options;
  const { itemKey } = item.plan;
  const expired = (why: string) =>
    fail<URL>(
      appError({
        code: 'CLIENT.urlExpired',
        message: `${itemKey}: its download link expired and ${why}.`,
        retryable: false,
        itemKey,
      }),
    );
  const status = await api.status(catalogId, options.signal);
  if (!status.ok) return status;
  if (status.value.status !== 'done') return expired(`the server now says "${status.value.rawStatus}"`);
  const fresh = status.value.artifacts?.find((a) => a.itemKey === itemKey);
  if (!fresh) return expired('the server no longer lists it');
  const planned = planItem(fresh, catalogId, policy);
  if (planned.disposition !== 'download' || !planned.url) return fail(planned.error!);
  if (!sameIdentity(identityOf(planned), identityOf(item.plan))) {
    return fail(
      appError({
        code: 'CLIENT.badResponse',
        message: `${itemKey} changed on the server while it was downloading (size, hash or signature); it will restart on the next run.`,
        retryable: false,
        itemKey,
      }),
    );
  }
  return { ok: true, value: planned.url };
}
