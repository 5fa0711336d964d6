// The command line's remedies: where an option of the command is the fix, the remedy names that
// exact option (with its value when Courier knows it); the desktop's wording (its settings) never
// shows on the command line; every other code keeps the shared remedy.
import { describe, expect, test } from 'vitest';
import { cliRemedy, explainForCli } from '../../../electron/cli/remedies.js';
import { appError, type AppError } from '../../../electron/shared/app-error.js';
import {
  CLIENT_ERROR_CODES,
  SERVER_ERROR_CODES,
  type ErrorCode,
} from '../../../electron/shared/error-codes.js';
import { ERROR_TEXT } from '../../../electron/shared/error-meanings.js';

const error = (code: ErrorCode, detail?: AppError['detail']): AppError =>
  appError({ code, message: 'm', retryable: false, ...(detail ? { detail } : {}) });

describe('cliRemedy', () => {
  test.each([
    [
      'plain http from an origin not configured',
      error('CLIENT.urlRejected', { cause: 'http', origin: 'http://10.0.0.5:9000', originAllowed: false }),
      '--allow-http --storage-origin http://10.0.0.5:9000',
      true,
    ],
    [
      'plain http from the API origin',
      error('CLIENT.urlRejected', { cause: 'http', origin: 'http://10.0.0.5', originAllowed: true }),
      'with --allow-http.',
      true,
    ],
    [
      'another origin',
      error('CLIENT.urlRejected', {
        cause: 'origin',
        origin: 'https://minio.lan:9000',
        originAllowed: false,
      }),
      '--storage-origin https://minio.lan:9000',
      true,
    ],
    ['signed, no key', error('CLIENT.unverified', { reason: 'noKey' }), '--public-key FILE', true],
    ['no hash, no signature', error('CLIENT.unverified', { reason: 'noChecks' }), '--allow-unverified', true],
    [
      'an export of an unverified package',
      error('CLIENT.unverified', { packageState: 'unverified' }),
      '--accept-unverified',
      false,
    ],
    ['a pinned key, no signature', error('CLIENT.signatureMissing'), '--public-key', false],
    ['a bad signature', error('CLIENT.signatureInvalid'), '--public-key', false],
    [
      'a private CA',
      error('CLIENT.network', { tls: 'SELF_SIGNED_CERT_IN_CHAIN', cause: 'certificate' }),
      '--ca FILE',
      false,
    ],
    ['another TLS failure', error('CLIENT.network', { tls: 'EPROTO' }), '--server', false],
    ['an unreachable server', error('CLIENT.network'), '--server', false],
    ['sign-in refused', error('CLIENT.auth'), '--device-secret-env', false],
    ['a login page in the way', error('CLIENT.badResponse'), '--server', false],
    ['a stalled link', error('CLIENT.stalled'), '--stall-timeout S', false],
    ['an unwritable folder', error('CLIENT.fileSystem'), '--out DIR', false],
    ['a wrong argument', error('CLIENT.invalidRequest'), 'courier <command> --help', false],
    ['an unknown delivery', error('DELIVERY.notFound'), '--server', false],
  ])('%s: names %s', (_, refused, named, optionFixes) => {
    const remedy = cliRemedy(refused);
    expect(remedy.text).toContain(named);
    expect(remedy.optionFixes).toBe(optionFixes);
  });

  test('a refusal only the server can lift names no option and is not "fixed by an option"', () => {
    for (const cause of ['credentials', 'blockedHost', 'scheme', 'invalid', 'redirect', undefined]) {
      const remedy = cliRemedy(error('CLIENT.urlRejected', cause ? { cause } : {}));
      expect(remedy.optionFixes).toBe(false);
      expect(remedy.text).not.toMatch(/--/);
    }
  });

  test('no remedy on the command line speaks of settings or of values entered in a form', () => {
    for (const code of [...SERVER_ERROR_CODES, ...CLIENT_ERROR_CODES]) {
      const line = explainForCli(error(code));
      expect(line.startsWith(`${ERROR_TEXT[code].title}. `)).toBe(true);
      expect(line).not.toMatch(/Settings|values entered/);
    }
  });
});
