// The public face of engine/download: one artifact from its URL to a `.part` with its digest and
// signature verdict. Re-exports only; callers (the job runner) import from here, never the internals.
export { downloadArtifact } from './download-artifact.js';
export type {
  DownloadDeps,
  DownloadOutcome,
  DownloadRequest,
  DownloadTimeouts,
  ResumeState,
  ResumeValidator,
  RetryPolicy,
  SignatureCheck,
} from './types.js';
