// What the downloader is handed, built from the engine's config: the one place that maps the
// config's download settings onto the timeouts, retry policy and limits downloadArtifact works with.
import type { EngineConfig } from '../config.js';
import type { DownloadDeps } from './download-types.js';

/** The parts the engine shares with everything else: clock, transport, fs, rate limiter, URL policy. */
export type SharedDownloadDeps = Pick<
  DownloadDeps,
  'transport' | 'clock' | 'limiter' | 'random' | 'fs' | 'urlPolicy'
>;

export function downloadDeps(config: EngineConfig, shared: SharedDownloadDeps): DownloadDeps {
  const settings = config.download;
  return {
    ...shared,
    timeouts: {
      connectMs: settings.connectTimeoutMs,
      headersMs: settings.headersTimeoutMs,
      stallMs: settings.stallMs,
      minThroughput: settings.minThroughput,
    },
    retry: {
      attempts: settings.attempts,
      baseMs: settings.backoffBaseMs,
      maxMs: settings.backoffMaxMs,
    },
    maxSize: settings.maxUnknownSize,
    checkpointBytes: settings.checkpointBytes,
  };
}
