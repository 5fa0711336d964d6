// Renders the app icon PNGs in build/ from build/icon.svg (48 px and up) and build/icon-small.svg
// (16 and 32 px: no speed lines, edges on the pixel grid, so the parcel stays legible) with Debian's
// Chromium, offline. electron-builder makes the .ico and .icns from build/icon.png (1024 px); Linux
// uses build/icons/NxN.png as is. Run `node scripts/make-icons.mjs` after editing either SVG and
// commit the PNGs.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const build = fileURLToPath(new URL('../build/', import.meta.url));
const SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];
const SMALL_MAX = 32;

const large = await readFile(`${build}icon.svg`, 'utf8');
const small = await readFile(`${build}icon-small.svg`, 'utf8');

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  await mkdir(`${build}icons`, { recursive: true });
  for (const size of SIZES) {
    // One CSS pixel per image pixel, and the SVG drawn at exactly the target size (not scaled from a
    // bigger screenshot), so Chromium's own anti-aliasing decides every edge.
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const svg = (size <= SMALL_MAX ? small : large).replace(
      '<svg ',
      `<svg width="${size}" height="${size}" `,
    );
    await page.setContent(`<!doctype html><body style="margin:0;background:transparent">${svg}</body>`);
    const png = await page.screenshot({
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
    await writeFile(`${build}icons/${size}x${size}.png`, png);
    if (size === 1024) await writeFile(`${build}icon.png`, png);
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`build/icons: ${SIZES.map((size) => `${size}x${size}`).join(', ')}; build/icon.png (1024)`);
