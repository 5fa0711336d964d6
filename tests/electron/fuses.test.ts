// E10 on a real packaged build: the fuses read back from the unpacked `electron-builder --dir`
// output (COURIER_ELECTRON_APP) match electron-builder.js. Reported skipped when no build is given.
import { describe, expect, test } from 'vitest';
import config from '../../electron-builder.js';
import { readFuses } from '../../scripts/pack-check.mjs';
import { packagedApp } from '../support/electron-app.js';

const packaged = packagedApp();
const skipped = packaged
  ? undefined
  : 'no packaged app: set COURIER_ELECTRON_APP to the electron-builder --dir output (out/linux-unpacked)';
if (skipped) console.info(`[test:electron] fuse check skipped: ${skipped}`);

/** electron-builder's option names are @electron/fuses' FuseV1Options names, lower camel case. */
function expectedFuses(): Record<string, 'on' | 'off'> {
  const expected: Record<string, 'on' | 'off'> = {};
  for (const [option, value] of Object.entries(config.electronFuses ?? {})) {
    if (option === 'resetAdHocDarwinSignature' || option === 'strictlyRequireAllFuses') continue;
    expected[option.charAt(0).toUpperCase() + option.slice(1)] = value ? 'on' : 'off';
  }
  return expected;
}

describe.skipIf(!packaged)(skipped ? `packaged fuses (skipped: ${skipped})` : 'packaged fuses', () => {
  test('the fuses of the packaged executable match E10 in electron-builder.js', async () => {
    const expected = expectedFuses();
    expect(Object.keys(expected)).toContain('EnableNodeCliInspectArguments');
    const fuses = await readFuses(packaged!.executable);
    console.info(`[test:electron] fuses of ${packaged!.executable}: ${JSON.stringify(fuses)}`);
    expect(Object.fromEntries(Object.keys(expected).map((name) => [name, fuses[name]]))).toEqual(expected);
  });
});
