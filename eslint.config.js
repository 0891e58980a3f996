// @ts-check
// ESLint 10 flat config for the whole monorepo (run from the root: `pnpm lint` = `eslint .`).
//
// - TypeScript source is linted with type information (typescript-eslint's
//   recommendedTypeChecked, e.g. no-floating-promises / no-misused-promises). Types come
//   from the tsconfig.json that covers the file (projectService); a .ts file that no
//   tsconfig includes is reported as "not found by the project service": add it to that
//   package's tsconfig `include`, don't silence it here.
// - Plain JS (.js/.mjs/.cjs) and tool config files (*.config.*) are linted without type
//   information: no tsconfig covers them.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    '**/.turbo/',
    '**/data/',
    '**/coverage/',
    '**/test-results/',
    '**/.tmp/',
    'e2e/screenshots/',
    'bench/results/',
  ]),

  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: globals.node,
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,

  {
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // yjs 13's typings omit YText#toString(), which exists and returns the plain text.
      '@typescript-eslint/no-base-to-string': [
        'error',
        { ignoredTypeNames: ['Error', 'RegExp', 'URL', 'URLSearchParams', 'YText'] },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  // No tsconfig covers these: lint them without type information.
  {
    files: ['**/*.{js,mjs,cjs}', '**/*.config.*'],
    extends: [tseslint.configs.disableTypeChecked],
  },

  // Tests: `expect(obj.method).toHaveBeenCalled()` is not an unbound call.
  {
    files: ['**/*.test.{ts,tsx}', '**/test/**/*.{ts,tsx}', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },

  // The web app runs in the browser and uses React hooks.
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },
);
