// Runtime validation of every invoke request from the UI (zod, strict: unknown fields are rejected).
// Main's IPC handlers and the browser host validate with these before calling the service (E1).
import { z } from 'zod';
import { ITEM_TYPES } from './getapp-protocol.js';
import { MAX_PASTED_PEM_CHARS, type InvokeMethod, type InvokeRequest } from './ipc-contract.js';
import { SETTINGS_UPDATE } from './settings-schema.js';

const jobId = z.object({ jobId: z.uuid() }).strict();
const filePurpose = z.enum(['publicKey', 'caBundle', 'clientCertificate', 'clientKey']);
const itemType = z.enum(ITEM_TYPES);
const none = z.undefined();
// A History id (a folder name), never a path: the service also refuses anything but a direct child.
const packageId = z.object({ packageId: z.string().min(1).max(255) }).strict();
// An export of a package that is not verified happens only when the user accepted it, per call.
const acceptUnverified = { acceptUnverified: z.boolean().optional() };

/** One schema per method (a missing or unknown method does not compile), each checked below. */
const schemas = {
  getSettings: none,
  updateSettings: SETTINGS_UPDATE,
  setSecret: z
    .object({ kind: z.enum(['password', 'deviceSecret']), value: z.string().min(1).max(1024) })
    .strict(),
  chooseStagingFolder: none,
  chooseFile: z.object({ purpose: filePurpose }).strict(),
  // Text only: the service checks it like a chosen file. The name is a label, never opened.
  pastePem: z
    .object({
      purpose: filePurpose,
      pem: z.string().min(1).max(MAX_PASTED_PEM_CHARS),
      fileName: z.string().min(1).max(255).optional(),
    })
    .strict(),
  clearFile: z.object({ purpose: filePurpose }).strict(),
  testConnection: none,
  listProjects: z
    .object({
      query: z.string().max(256),
      page: z.int().min(1).max(10_000),
      perPage: z.int().min(1).max(100),
    })
    .strict(),
  startJobs: z
    .object({
      catalogIds: z.array(z.string().min(1).max(512)).min(1).max(50),
      itemType,
      withDependencies: z.boolean().optional(),
    })
    .strict(),
  listJobs: none,
  pauseJob: jobId,
  resumeJob: jobId,
  cancelJob: jobId,
  retryJob: jobId,
  removeJob: jobId,
  verifyJob: jobId,
  openJobFolder: jobId,
  openJobReport: jobId,
  listHistory: none,
  verifyPackage: packageId,
  // Only ids: the target folder is chosen in main, so a path from the UI has nowhere to go (E1).
  exportJob: jobId.extend(acceptUnverified),
  exportPackage: packageId.extend(acceptUnverified),
  cancelExport: z.union([jobId, packageId]),
  verifyFolderPicked: none,
  verifyDrivePackage: packageId,
} satisfies { readonly [M in InvokeMethod]: z.ZodType<InvokeRequest<M>> };

/** The request as zod sees it: no `readonly`, and `void` (no argument) is `undefined`. */
type Plain<T> = T extends readonly (infer E)[]
  ? Plain<E>[]
  : T extends object
    ? { -readonly [K in keyof T]: Plain<T[K]> }
    : T;
type AsParsed<T> = [T] extends [void] ? undefined : Plain<T>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Every field name of every variant (an optional field the schema lacks is caught here). */
type Fields<T> = T extends object ? keyof T : never;
type Exact<A, B> = Same<A, B> extends true ? Same<Fields<A>, Fields<B>> : false;
/** The methods whose schema accepts more or less than their request type (never, or this fails). */
type Drifted = {
  [M in InvokeMethod]: Exact<z.output<(typeof schemas)[M]>, AsParsed<InvokeRequest<M>>> extends true
    ? never
    : M;
}[InvokeMethod];
const _schemasMatchTheContract: [Drifted] extends [never] ? true : `schema drifted: ${Drifted}` = true;

export const INVOKE_SCHEMAS: { readonly [M in InvokeMethod]: z.ZodType<InvokeRequest<M>> } = schemas;
