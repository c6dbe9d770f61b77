// When no binary loads, the error explains itself: what this system is, and how to build.
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

import { execNode } from './child-process';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
// The package without any binary: its JavaScript, package.json and dependencies only.
const bare = mkdtempSync(path.join(tmpdir(), 'poolnd-bare-'));
afterAll(() => rmSync(bare, { recursive: true, force: true }));

describe('loading without a binary', () => {
  it('throws ERR_POOLND_NATIVE_LOAD naming the platform, libc and Node, and how to build from source', () => {
    cpSync(path.join(packageRoot, 'dist'), path.join(bare, 'dist'), { recursive: true });
    cpSync(path.join(packageRoot, 'package.json'), path.join(bare, 'package.json'));
    symlinkSync(path.join(packageRoot, 'node_modules'), path.join(bare, 'node_modules'), 'dir');
    const script = `
      try {
        require(${JSON.stringify(bare)});
        console.log(JSON.stringify({ loaded: true }));
      } catch (error) {
        console.log(JSON.stringify({ code: error.code, message: error.message }));
      }
    `;
    const report = JSON.parse(execNode(['-e', script], { encoding: 'utf8' })) as { code?: string; message?: string };
    expect(report.code).toBe('ERR_POOLND_NATIVE_LOAD');
    const message = report.message ?? '';
    expect(message).toContain(`${process.platform}-${process.arch}`);
    expect(message).toMatch(/libc: (\d+\.\d+|not glibc|unknown)/);
    expect(message).toContain(`Node ${process.versions.node}`);
    expect(message).toContain('No native build was found');
    expect(message).toContain('npm rebuild poolnd --build-from-source');
  });
});
