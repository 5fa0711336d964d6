import { describe, expect, test } from 'vitest';
import { withDefaults } from '../../../../electron/engine/config.js';
import { downloadDeps, type SharedDownloadDeps } from '../../../../electron/engine/download/download-deps.js';

describe('downloadDeps', () => {
  test('every download setting of the config reaches the downloader under its own name', () => {
    // Distinct values, so two settings swapped or one dropped changes what the downloader gets.
    const config = withDefaults({
      apiUrl: 'http://127.0.0.1:1/api',
      auth: { kind: 'clientCertificate' },
      deviceId: 'dev-1',
      stagingRoot: '/staging',
      download: {
        connectTimeoutMs: 1,
        headersTimeoutMs: 2,
        stallMs: 3,
        minThroughput: { bytesPerSecond: 4, windowMs: 5 },
        attempts: 6,
        backoffBaseMs: 7,
        backoffMaxMs: 8,
        checkpointBytes: 9,
        maxUnknownSize: 10,
      },
    });
    const shared = { transport: {}, clock: {}, limiter: {}, random: () => 0, fs: {}, urlPolicy: {} };
    const deps = downloadDeps(config, shared as unknown as SharedDownloadDeps);
    expect(deps).toEqual({
      ...shared,
      timeouts: { connectMs: 1, headersMs: 2, stallMs: 3, minThroughput: { bytesPerSecond: 4, windowMs: 5 } },
      retry: { attempts: 6, baseMs: 7, maxMs: 8 },
      maxSize: 10,
      checkpointBytes: 9,
    });
  });
});
