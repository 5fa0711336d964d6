// The state every handler group shares inside one service: settings, engine slot, job list and the
// push stream. Types and the shared refusals.
import { appError } from '../shared/app-error.js';
import type { SettingsView } from '../shared/ipc-contract.js';
import { fail, type Result } from '../shared/result.js';
import type { EngineSlot } from './engine-slot.js';
import type { JobBook } from './job-book.js';
import type { ProgressThrottle } from './progress-throttle.js';
import type { StoredSettings } from './settings-model.js';
import type { PushMessage, ServiceDeps } from './types.js';

export interface ServiceContext {
  readonly deps: ServiceDeps;
  readonly slot: EngineSlot;
  readonly jobs: JobBook;
  readonly throttle: ProgressThrottle;
  settings(): StoredSettings;
  stagingRoot(): string;
  view(): Promise<SettingsView>;
  /** Keeps, saves and announces new settings; retires the engine if they changed it. */
  commit(next: StoredSettings): Promise<Result<SettingsView>>;
  /** A secret changed: the engine built with the old one must go. */
  secretsChanged(): void;
  push(message: PushMessage): void;
}

export const invalidRequest = (message: string): Result<never> =>
  fail(appError({ code: 'CLIENT.invalidRequest', message, retryable: false }));

/** A job id the list does not hold (any more): removed, or from an earlier session. */
export const unknownJob = (): Result<never> =>
  fail(
    appError({ code: 'CLIENT.unknownJob', message: 'This job is no longer in the list.', retryable: false }),
  );
