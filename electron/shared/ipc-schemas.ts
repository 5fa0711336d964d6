// Runtime validation of every invoke request from the UI (zod, strict: unknown fields are rejected).
// Main's IPC handlers and the browser host validate with these before calling the service (E1).
import { z } from 'zod';
import type { InvokeMethod } from './ipc-contract.js';

const jobId = z.object({ jobId: z.uuid() }).strict();
const filePurpose = z.enum(['publicKey', 'caBundle', 'clientCertificate', 'clientKey']);
const itemType = z.enum(['software', 'map', 'cache', 'config']);
const none = z.undefined();
// A History id (a folder name), never a path: the service also refuses anything but a direct child.
const packageId = z.object({ packageId: z.string().min(1).max(255) }).strict();
// An export of a package that is not verified happens only when the user accepted it, per call.
const acceptUnverified = { acceptUnverified: z.boolean().optional() };

const settingsUpdate = z
  .object({
    mode: z.enum(['demo', 'server']),
    apiUrl: z.string().max(2048),
    authMode: z.enum(['password', 'deviceSecret', 'clientCertificate']),
    username: z.string().max(256),
    deviceId: z.string().min(1).max(256),
    itemType,
    storageOrigins: z.array(z.string().max(2048)).max(16),
    allowHttp: z.boolean(),
    concurrency: z.int().min(1).max(16),
    bandwidthLimit: z.int().positive().max(Number.MAX_SAFE_INTEGER).nullable(),
    pollIntervalMs: z.int().min(500).max(60_000),
    allowUnverified: z.boolean(),
  })
  .partial()
  .strict();

export const INVOKE_SCHEMAS: { readonly [M in InvokeMethod]: z.ZodType } = {
  getSettings: none,
  updateSettings: settingsUpdate,
  setSecret: z
    .object({ kind: z.enum(['password', 'deviceSecret']), value: z.string().min(1).max(1024) })
    .strict(),
  chooseStagingFolder: none,
  chooseFile: z.object({ purpose: filePurpose }).strict(),
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
};
