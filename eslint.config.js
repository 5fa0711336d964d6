// Lint rules, including the dependency-direction rule of docs/ARCHITECTURE.md: each source folder may only
// import what the architecture allows, so a wrong import fails CI instead of review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const layers = ['shared', 'engine', 'demo-server', 'service', 'cli', 'main', 'preload', 'web-host'];

/** Import patterns that reach into the named layers (relative or from the repo root). */
const layerPatterns = (names) => names.flatMap((name) => [`**/${name}/**`, `**/${name}`]);
const electronPatterns = ['electron', 'electron/*', 'electron-dl'];

/**
 * One config block per layer: `allowed` lists the layers it may import, everything else is
 * forbidden. `extra` adds more forbidden patterns (node:* for shared, for example).
 */
function boundary(layer, { allowed, extra = [], allowElectron = false, message }) {
  const forbidden = layers.filter((name) => name !== layer && !allowed.includes(name));
  return {
    files: [`electron/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...layerPatterns(forbidden), '**/renderer/**', ...extra],
              message,
            },
            ...(allowElectron
              ? []
              : [{ group: electronPatterns, message: `${layer}/ must load under plain Node: no electron.` }]),
          ],
        },
      ],
    },
  };
}

const intervalBan = {
  selector: "CallExpression[callee.name='setInterval']",
  message: 'Loops are setTimeout chains.',
};
const noRawHtml = {
  selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
  message: 'Server text is shown as text: no dangerouslySetInnerHTML.',
};
const noWindowCourier = {
  selector: "MemberExpression[object.name='window'][property.name='courier']",
  message: 'Only renderer/bridge/ touches window.courier: use getBridge() and the store.',
};

/** Lint blocks for renderer/ (and its unit tests): browser globals, import boundary, banned syntax. */
function rendererRules() {
  const message =
    'renderer/ imports React, zustand and electron/shared/ only: no node:*, no electron, no other layer.';
  return [
    {
      files: ['renderer/**/*.{ts,tsx}'],
      languageOptions: { globals: { ...globals.browser } },
      rules: {
        'no-restricted-syntax': ['error', intervalBan, noRawHtml, noWindowCourier],
        'no-restricted-imports': [
          'error',
          {
            paths: builtinModules.map((name) => ({ name, message })),
            patterns: [
              { regex: '^node:', message },
              { regex: '^electron(-dl)?(/|$)', message },
              { regex: '^(\\.\\./)+electron/(?!shared/)', message },
            ],
          },
        ],
      },
    },
    {
      files: ['renderer/bridge/**/*.ts'],
      rules: { 'no-restricted-syntax': ['error', intervalBan, noRawHtml] },
    },
    {
      files: ['tests/unit/renderer/**/*.ts', 'tests/support/renderer-*.ts'],
      languageOptions: { globals: { ...globals.browser } },
      rules: { 'no-restricted-syntax': ['error', intervalBan, noRawHtml, noWindowCourier] },
    },
  ];
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'reports/', 'coverage/', 'out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='setInterval']", message: 'Loops are setTimeout chains.' },
      ],
    },
  },
  boundary('shared', {
    allowed: [],
    extra: ['node:*'],
    message: 'shared/ is pure TS: no node:*, no electron, no other layer.',
  }),
  boundary('engine', {
    allowed: ['shared'],
    message: 'engine/ depends on shared/ only.',
  }),
  boundary('demo-server', {
    allowed: ['shared'],
    message: 'demo-server/ depends on shared/ (types) and node:* only.',
  }),
  {
    // The demo server is the client's counterpart in every test: it shares types with the client but
    // never its runtime code (schemas, parsers), so a client-side bug cannot hide on both sides.
    files: ['electron/demo-server/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/shared/**'],
              allowTypeImports: true,
              message: 'demo-server/ may import types only from shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The service sees the engine only through its public entry.
    ...boundary('service', {
      allowed: ['shared', 'engine'],
      extra: ['**/engine/*', '!**/engine/index.js'],
      message: 'service/ depends on engine/index.ts and shared/ only.',
    }),
  },
  boundary('cli', {
    allowed: ['shared', 'engine', 'demo-server'],
    message: 'cli/ depends on engine/, demo-server/ and shared/ only.',
  }),
  boundary('web-host', {
    allowed: ['shared', 'service'],
    message: 'web-host/ depends on service/ and shared/ only.',
  }),
  boundary('main', {
    allowed: ['shared', 'service'],
    allowElectron: true,
    message: 'main/ depends on service/, shared/ and electron only.',
  }),
  boundary('preload', {
    allowed: ['shared'],
    allowElectron: true,
    message: 'preload/ depends on shared/ and electron only.',
  }),
  // The composition roots (each face's entry script) may also start the built-in demo server, which
  // they inject into the service; nothing else in main/ or web-host/ may import it.
  ...[
    ['main', 'desktop-main.ts'],
    ['web-host', 'web-main.ts'],
  ].map(([layer, entry]) => ({
    ...boundary(layer, {
      allowed: ['shared', 'service', 'demo-server'],
      allowElectron: layer === 'main',
      message: `${layer}/${entry} depends on service/, demo-server/ and shared/ only.`,
    }),
    files: [`electron/${layer}/${entry}`],
  })),
  // The renderer (React, browser or Electron sandbox): never node:*, electron or another layer's
  // code (electron/shared/ only); only renderer/bridge/ may touch window.courier; no raw HTML.
  ...rendererRules(),
);
