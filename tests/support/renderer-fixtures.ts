// Snapshot builders for renderer tests: plausible JobSnapshot / ItemSnapshot / SettingsView values,
// package checks, History packages, copies to a drive and server offerings, with any field
// overridden. Pure data; settings start from their defaults in settings-schema.ts.
import { appError } from '../../electron/shared/app-error.js';
import type {
  ExportProgressEvent,
  ExportSummary,
  PackageCheck,
  PackageState,
  PackageSummary,
  ProjectOffer,
  SettingsView,
} from '../../electron/shared/ipc-contract.js';
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

/** A file of 7.tampered@1.0.0 whose SHA-256 (HEX_B) does not match the published one (HEX_A). */
export function makeTamperedItem(overrides: Partial<ItemSnapshot> = {}): ItemSnapshot {
  return makeItem({
    itemKey: '7.tampered@1.0.0@payload.bin',
    fileName: 'payload.bin',
    phase: 'failed',
    outcome: 'failed',
    expectedHash: { algorithm: 'SHA256Hex', value: HEX_A },
    actualSha256: HEX_B,
    hashCheck: 'mismatch',
    error: appError({
      code: 'CLIENT.hashMismatch',
      message: 'payload.bin: SHA-256 differs',
      retryable: true,
      detail: { expected: HEX_A, actual: HEX_B },
    }),
    ...overrides,
  });
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

/** The catalog id (and package folder) the builders below describe unless told otherwise. */
const CATALOG_ID = '1.field-nav@2.3.1';

/** One file of a package check. */
export type CheckedFile = PackageCheck['files'][number];

/** A file that was read back intact and had been staged verified. */
export function makeCheckedFile(overrides: Partial<CheckedFile> = {}): CheckedFile {
  return {
    file: 'a.bin',
    itemKey: 'k-a',
    status: 'verified',
    expectedSha256: HEX_A,
    actualSha256: HEX_A,
    outcome: 'verified',
    ...overrides,
  };
}

/** A file that was staged verified but whose bytes on disk no longer match (HEX_B, not HEX_A). */
export function makeChangedFile(overrides: Partial<CheckedFile> = {}): CheckedFile {
  return makeCheckedFile({ status: 'changed', actualSha256: HEX_B, ...overrides });
}

/** A package check in `state`: `files` as given, or that many intact files f0.bin, f1.bin ... */
export function makePackageCheck(
  state: PackageState,
  files: number | readonly CheckedFile[],
  overrides: Partial<PackageCheck> = {},
): PackageCheck {
  return {
    state,
    catalogId: 'x',
    files:
      typeof files === 'number'
        ? Array.from({ length: files }, (_, i) =>
            makeCheckedFile({ file: `f${i}.bin`, itemKey: `x@f${i}.bin` }),
          )
        : files,
    extra: [],
    signaturesChecked: true,
    ...overrides,
  };
}

/** A staged package as History lists it. */
export function makePackageSummary(overrides: Partial<PackageSummary> = {}): PackageSummary {
  return {
    packageId: CATALOG_ID,
    catalogId: CATALOG_ID,
    stagedAt: '2026-07-02T08:10:00.000Z',
    state: 'verified',
    fileCount: 2,
    totalBytes: 2048,
    server: 'http://127.0.0.1:7380',
    ...overrides,
  };
}

/** A copy to a drive under way, started from History: copying, 45 of 100 MiB, 1 min 5 s left. */
export function makeExportProgress(overrides: Partial<ExportProgressEvent> = {}): ExportProgressEvent {
  return {
    jobId: null,
    packageId: CATALOG_ID,
    targetFolder: `/media/usb/${CATALOG_ID}`,
    phase: 'copy',
    bytesDone: 45 * 1024 * 1024,
    bytesTotal: 100 * 1024 * 1024,
    speed: 12.5 * 1024 ** 2,
    etaMs: 65_000,
    error: null,
    ...overrides,
  };
}

/** A finished copy of a verified package: setup.msi copied now, tiles.zip already on the drive. */
export function makeExportSummary(overrides: Partial<ExportSummary> = {}): ExportSummary {
  return {
    catalogId: CATALOG_ID,
    packageId: CATALOG_ID,
    targetFolder: `/media/usb/${CATALOG_ID}`,
    files: [
      { file: 'setup.msi', itemKey: 'k1', size: 1024, sha256: HEX_A, how: 'copied' },
      { file: 'tiles.zip', itemKey: 'k2', size: 1024, sha256: HEX_B, how: 'reused' },
    ],
    filesCopied: 1,
    filesReused: 1,
    bytesTotal: 2048,
    bytesCopied: 1024,
    verified: true,
    packageState: 'verified',
    readBackMayBeCached: true,
    fileSystem: 'exfat',
    ...overrides,
  };
}

/** One offering of the server's catalog, with every detail filled in. */
export function makeProjectOffer(overrides: Partial<ProjectOffer> = {}): ProjectOffer {
  return {
    projectId: 1,
    projectName: 'field-nav',
    displayName: 'Field Navigator',
    catalogId: CATALOG_ID,
    version: '2.3.1',
    size: 3 * 1024 * 1024,
    releaseNotes: 'Bug fixes',
    releasedAt: '2026-06-01T10:00:00.000Z',
    ...overrides,
  };
}
