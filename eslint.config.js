// Lint rules, including the dependency-direction rule of DESIGN.md: each source folder may only
// import what the architecture allows, so a wrong import fails CI instead of review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
);
