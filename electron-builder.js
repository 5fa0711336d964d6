// Packaging of the Courier desktop app (electron-builder): what goes into app.asar, E10's fuses, and
// the installer per OS. Not auto-detected under this name: every call passes `--config` (package.json
// scripts "dist" and "pack:check"). Plain ESM so electron-builder, scripts/pack-check.mjs and the
// packaging tests all load it as is; the JSDoc type lets `tsc` check every option name.

/** Build resources only (icons, entitlements); never build output (docs/ARCHITECTURE.md). */
const RESOURCES = 'build';

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'org.getapp.courier',
  productName: 'Courier',
  // package.json has no "main" (its face there is the `courier` CLI): the desktop entry is set in the
  // packaged copy only. desktopName becomes Electron's Wayland app_id / WM_CLASS, so the running
  // window groups under the installed .desktop entry (linux.syncDesktopName names that file alike).
  extraMetadata: { main: 'dist/main/desktop-main.js', desktopName: 'courier-desktop.desktop' },
  directories: { output: 'out', buildResources: RESOURCES },

  // Only what the packaged app loads: main and the plain-Node layers it imports (shared, engine,
  // service, demo-server: the desktop composition root starts the built-in demo server), the preload
  // bundle and the built renderer. Never sources, tests, the CLI or web-host, nor source maps.
  // Runtime dependencies (zod) are added by electron-builder from "dependencies" alone;
  // the last pattern drops their TypeScript sources and typings, which nothing loads at run time.
  files: [
    'package.json',
    'dist/main/**/*.js',
    'dist/preload/preload.cjs',
    'dist/renderer/**/*',
    'dist/shared/**/*.js',
    'dist/engine/**/*.js',
    'dist/service/**/*.js',
    'dist/demo-server/**/*.js',
    '!**/*.map',
    '!**/node_modules/**/*.{ts,cts,mts,map}',
  ],
  asar: true,

  // E10: a packaged Courier is not a general-purpose Node runtime and runs only its own asar.
  // runAsNode off also disables child_process.fork in main (Courier forks nothing); NodeOptions off
  // also ignores NODE_EXTRA_CA_CERTS (custom CAs come from Courier's own PEM settings instead).
  // Asar integrity is enforced by Electron on macOS and Windows (electron-builder embeds the hash).
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
    enableCookieEncryption: true,
    // The renderer is served over app://, never file://: file pages need no extra privileges.
    grantFileProtocolExtraPrivileges: false,
    // Flipping fuses breaks the ad-hoc signature of an unsigned arm64 build, which then will not
    // start; a real signature (applied after the fuses) replaces this one anyway.
    resetAdHocDarwinSignature: true,
  },

  artifactName: '${productName}-${version}-${os}-${arch}.${ext}',

  win: {
    target: [
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ],
    icon: `${RESOURCES}/icon.png`,
  },
  // Technicians rarely have admin rights: a per-user install that still lets them pick the folder.
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    artifactName: '${productName}-Setup-${version}-${arch}.${ext}',
  },
  // Both Windows targets make an .exe: distinct names keep one from overwriting the other.
  portable: { artifactName: '${productName}-Portable-${version}-${arch}.${ext}' },

  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
      { target: 'tar.gz', arch: ['x64'] },
    ],
    category: 'Utility',
    // Not "courier": the deb links /usr/bin/<executableName>, which would shadow the `courier` CLI.
    executableName: 'courier-desktop',
    syncDesktopName: true,
    // Hand-rendered sizes (scripts/make-icons.mjs), so 16 and 32 px use the simplified drawing.
    icon: `${RESOURCES}/icons`,
    synopsis: 'Stage GetApp deliveries for offline installs',
    maintainer: 'Courier maintainers <courier@getapp.org>',
  },
  deb: {
    // electron-builder's defaults plus what Electron 45 links directly (gbm, asound); the t64
    // alternatives are the names these libraries have on Ubuntu 24.04 and Debian 13.
    // libsecret-1-0 matters: without a keyring backend safeStorage falls back to basic_text and
    // Courier keeps no secret (S1).
    depends: [
      'libgtk-3-0 | libgtk-3-0t64',
      'libnotify4',
      'libnss3',
      'libxss1',
      'libxtst6',
      'xdg-utils',
      'libatspi2.0-0 | libatspi2.0-0t64',
      'libuuid1',
      'libsecret-1-0',
      'libgbm1',
      'libasound2 | libasound2t64',
    ],
  },

  mac: {
    target: [
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ],
    category: 'public.app-category.utilities',
    // electron-builder turns the 1024 px PNG into the .icns (and into the .ico for Windows).
    icon: `${RESOURCES}/icon.png`,
    hardenedRuntime: true,
    // The same file for the helpers: left unset, they would get electron-builder's template, which
    // also grants unsigned executable memory and disables library validation.
    entitlements: `${RESOURCES}/entitlements.mac.plist`,
    entitlementsInherit: `${RESOURCES}/entitlements.mac.plist`,
  },

  // Releases are uploaded by hand after signing; nothing is published and no update feed is baked in.
  publish: null,
};

export default config;
