// The documents that ship with the package stay true to the code: the generated API reference
// (npm run docs) covers every export, and docs/API.md is the team's contract as it stands.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import * as poolnd from '../dist/index.js';

const read = (relative: string) => readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8');
const sharedContract = fileURLToPath(new URL('../../shared/API.md', import.meta.url));

describe('documents', () => {
  it('the API reference has a section for every export (npm run docs regenerates it)', () => {
    const reference = read('../docs/api/README.md');
    // Functions are headed `### name()`; "default" is the CommonJS interop key, not an export.
    const missing = Object.keys(poolnd)
      .filter((name) => name !== 'default')
      .filter((name) => !reference.includes(`\n### ${name}\n`) && !reference.includes(`\n### ${name}()\n`));
    expect(missing).toEqual([]);
  });

  // The shared notes sit beside a working copy, not in a clone; where they are, the copy must match.
  it.runIf(existsSync(sharedContract))('docs/API.md is the shared contract', () => {
    expect(read('../docs/API.md')).toBe(readFileSync(sharedContract, 'utf8'));
  });
});
