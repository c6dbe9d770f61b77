// The addon must load on old Linux systems: at most glibc 2.17 and GCC 5's libstdc++ (GLIBCXX
// 3.4.21, CXXABI 1.3.9), on both arches. objdump lists the symbol versions each binary needs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const floors: Record<string, string> = { GLIBC: '2.17', GLIBCXX: '3.4.21', CXXABI: '1.3.9' };

function binaries(): string[] {
  const found: string[] = [];
  if (existsSync(`${root}build/Release/poolnd.node`)) found.push('build/Release/poolnd.node');
  if (existsSync(`${root}prebuilds`)) {
    for (const folder of readdirSync(`${root}prebuilds`)) {
      for (const file of readdirSync(`${root}prebuilds/${folder}`)) {
        if (file.endsWith('.node')) found.push(`prebuilds/${folder}/${file}`);
      }
    }
  }
  return found;
}

function newer(version: string, floor: string): boolean {
  const a = version.split('.').map(Number);
  const b = floor.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return false;
}

describe.runIf(process.platform === 'linux')('symbol versions the addon needs', () => {
  it('finds a binary to check', () => {
    expect(binaries().length).toBeGreaterThan(0);
  });

  it.each(binaries())('%s needs at most GLIBC_2.17, GLIBCXX_3.4.21 and CXXABI_1.3.9', (binary) => {
    const dump = spawnSync('objdump', ['-T', `${root}${binary}`], { encoding: 'utf8' });
    expect(dump.error, 'objdump (binutils) must be on PATH').toBeUndefined();
    expect(dump.status, dump.stderr).toBe(0);
    const needed = new Set(dump.stdout.match(/\b(GLIBC|GLIBCXX|CXXABI)_[0-9.]+[0-9]\b/g));
    expect(needed.size, 'objdump found no versioned symbols').toBeGreaterThan(0);
    const tooNew = [...needed].filter((name) => {
      const [library, version] = name.split('_');
      return newer(version, floors[library]);
    });
    expect(tooNew).toEqual([]);
  });
});
