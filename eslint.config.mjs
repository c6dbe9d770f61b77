// ESLint for the TypeScript facade (lib/), the tests and the JavaScript of bench/, scripts/,
// examples/ and .ci/: @eslint/js and typescript-eslint recommended (not the type-aware set, which
// triples the time and needs dist/ built first). Layout is Prettier's: eslint-config-prettier
// turns off every rule that would fight it, and `npm run lint` runs both.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier/flat';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    // Build outputs, prebuilt binaries, generated golden data and binary fixtures.
    ignores: ['dist/', 'build/', 'build-*/', 'prebuilds/', 'coverage/', 'test/goldens/', 'test/cli/fixtures/'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Everything here runs on Node.
    languageOptions: { globals: globals.node },
  },
  {
    // .js and .cjs files are CommonJS (package.json has no "type"): they load modules with require().
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Runs under node --expose-gc (see its usage line and test/memory/leaks.test.ts).
    files: ['test/memory/repeat-calls.mjs'],
    languageOptions: { globals: { gc: 'readonly' } },
  },
  prettier,
);
