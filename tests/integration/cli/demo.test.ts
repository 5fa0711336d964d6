// `courier demo`: what a person or a script sees when starting the demo server.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { main } from '../../../electron/cli/courier-cli.js';
import { EXIT } from '../../../electron/cli/exit-codes.js';
import { captureIo } from '../../support/cli-io.js';

describe('courier demo', () => {
  test('--json prints one line a script can use, and the server answers until stopped', async () => {
    const io = captureIo();
    const exit = main(['demo', '--port', '0', '--json'], io);
    const info = JSON.parse(await io.firstLine()) as Record<string, string>;
    expect(Object.keys(info).sort()).toEqual(
      [
        'apiUrl',
        'deviceSecret',
        'mode',
        'password',
        'publicKeyFile',
        'publicKeyPem',
        'storageUrl',
        'username',
      ].sort(),
    );
    // The key as a file, for --public-key, with the same PEM.
    expect((await readFile(info.publicKeyFile!, 'utf8')).trim()).toBe(info.publicKeyPem!.trim());
    expect(info.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(info.storageUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.storageUrl).not.toBe(info.apiUrl!.replace(/\/api$/, ''));

    const login = await fetch(`${info.apiUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: info.username, password: info.password }),
    });
    expect(login.status).toBe(201);
    const served = await fetch(`${info.apiUrl!.replace(/\/api$/, '')}/demo/public-key.pem`);
    expect((await served.text()).trim()).toBe(info.publicKeyPem!.trim());

    io.stop();
    expect(await exit).toBe(EXIT.ok);
    await expect(fetch(`${info.apiUrl}/v1/checkHealth`)).rejects.toThrow();
    expect(existsSync(info.publicKeyFile!)).toBe(false);
  });

  test('the human banner names the URLs, the credentials, every built-in delivery and a fetch line', async () => {
    const io = captureIo();
    const exit = main(['demo', '--port', '0', '--mode', 'cache'], io);
    await io.firstLine();
    const keyFile = /Public key +(\S+)/.exec(io.out())?.[1];
    expect(await readFile(keyFile!, 'utf8')).toMatch(/-----BEGIN PUBLIC KEY-----/);
    io.stop();
    expect(await exit).toBe(EXIT.ok);
    const text = io.out();
    expect(text).toMatch(
      new RegExp(
        `^ {2}COURIER_PASSWORD=courier-demo courier fetch 1\\.field-nav@2\\.3\\.1 .*--public-key ${keyFile}$`,
        'm',
      ),
    );
    expect(text).toContain('cache mode');
    for (const expected of [
      'technician',
      'courier-demo',
      'demo-device-secret',
      '1.field-nav@2.3.1',
      '7.tampered@1.0.0',
    ]) {
      expect(text).toContain(expected);
    }
  });

  test('bad options are a usage error that says what is wrong', async () => {
    for (const [args, message] of [
      [['--mode', 'mirror'], /--mode is origin or cache/],
      [['--port', 'http'], /--port takes 0 to 65534/],
      [['--url-ttl', '-5'], /url-ttl/],
      [['--bogus'], /bogus/],
    ] as const) {
      const io = captureIo();
      expect(await main(['demo', ...args], io)).toBe(EXIT.usage);
      expect(io.err()).toMatch(message);
    }
  });

  test('a port in use says so and suggests --port 0', async () => {
    const first = captureIo();
    const running = main(['demo', '--port', '0', '--json'], first);
    const { apiUrl } = JSON.parse(await first.firstLine()) as { apiUrl: string };
    const port = new URL(apiUrl).port;
    const second = captureIo();
    expect(await main(['demo', '--port', port], second)).toBe(EXIT.network);
    expect(second.err()).toMatch(/in use; try --port 0/);
    first.stop();
    await running;
  });
});
