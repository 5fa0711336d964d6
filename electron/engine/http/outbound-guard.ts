// Checks before and during connecting: scheme, credentials, never-server addresses for IP literals
// and for names at DNS time (U1, U2, U4).
import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { appError } from '../../shared/app-error.js';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import { isBlockedAddress } from '../url-policy.js';
import { BLOCKED_ADDRESS } from './transport-errors.js';

// Names resolve once per connection; a name pointing at link-local or multicast is refused (U2).
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const blocked = addresses.find((entry) => isBlockedAddress(entry.address));
    if (blocked) {
      const refusal = Object.assign(new Error('address refused by policy'), { code: BLOCKED_ADDRESS });
      return callback(refusal, '', 0);
    }
    if (options.all) return (callback as (e: null, a: typeof addresses) => void)(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
};

function refused(reason: string): Result<never> {
  return fail(
    appError({
      code: 'CLIENT.urlRejected',
      message: `The request was refused: ${reason}.`,
      retryable: false,
    }),
  );
}

/** Scheme, credentials and never-server checks, before any I/O (U1, U2, U4). */
export function gate(url: URL): Result<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return refused(`the scheme ${url.protocol} is not http(s)`);
  if (url.username !== '' || url.password !== '')
    return refused('the address contains a user name or password');
  if (isBlockedAddress(url.hostname)) return refused('the address is link-local, multicast or unspecified');
  return ok(undefined);
}
