// A verify-again run as the store keeps it once it has answered: the check stamped with the time it
// came back, or the error that stopped it. Jobs and History packages record it the same way.
import type { PackageCheck } from '../../electron/shared/ipc-contract.js';
import type { Result } from '../../electron/shared/result.js';
import type { CheckOutcome } from './store-types.js';

export function checkOutcome(result: Result<PackageCheck>): CheckOutcome {
  return result.ok
    ? { state: 'done', check: result.value, at: new Date().toISOString() }
    : { state: 'error', error: result.error };
}
