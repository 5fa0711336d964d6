// Snapshot builders for renderer tests: plausible JobSnapshot / ItemSnapshot / SettingsView values
// with any field overridden. Pure data; settings start from their defaults in settings-schema.ts.
import type { SettingsView } from '../../electron/shared/ipc-contract.js';
import { SETTING_DEFAULTS } from '../../electron/shared/settings-schema.js';
import type { ItemSnapshot, JobSnapshot } from '../../electron/shared/snapshots.js';

export const HEX_A = 'a'.repeat(64);
export const HEX_B = 'b'.repeat(64);

export function makeItem(overrides: Partial<ItemSnapshot> = {}): ItemSnapshot {
  return {
    itemKey: '1.field-nav@2.3.1@field-nav.bin',
    artifactType: 'software',
    fileName: 'field-nav.bin',
    phase: 'pending',
    size: 4 * 1024 * 1024,
    bytesDone: 0,
    speed: 0,
    etaMs: null,
    expectedHash: null,
    actualSha256: null,
    hashCheck: 'pending',
    signatureCheck: 'pending',
    outcome: null,
    boundTo: null,
    reference: null,
    isExecutable: false,
    arguments: null,
    reusedBytes: 0,
    error: null,
    ...overrides,
  };
}

let counter = 0;

/** A fresh UUID-shaped id per call, so tests never share jobs by accident. */
export function jobId(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
}

export function makeJob(overrides: Partial<JobSnapshot> = {}): JobSnapshot {
  return {
    jobId: jobId(),
    catalogId: '1.field-nav@2.3.1',
    itemType: 'software',
    phase: 'downloading',
    serverStatus: null,
    serverProgress: null,
    bytesDone: 0,
    bytesTotal: 12 * 1024 * 1024,
    speed: 0,
    etaMs: null,
    items: [],
    verified: false,
    folder: '/staging/1.field-nav@2.3.1',
    startedAt: '2026-07-02T08:00:00.000Z',
    updatedAt: '2026-07-02T08:00:01.000Z',
    error: null,
    ...overrides,
  };
}

export function makeSettings(overrides: Partial<SettingsView> = {}): SettingsView {
  return {
    // Every setting at its default (a new setting appears here by itself), then a plausible user.
    ...SETTING_DEFAULTS,
    apiUrl: 'http://127.0.0.1:7380/api',
    username: 'technician',
    deviceId: 'TECH-LAPTOP-07',
    hasPassword: true,
    hasDeviceSecret: false,
    secretStorage: 'encrypted',
    stagingFolder: '/home/tech/Courier',
    nativePickers: true,
    publicKey: null,
    caBundle: null,
    clientCertificate: null,
    clientKey: null,
    ...overrides,
  };
}
