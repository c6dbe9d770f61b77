// The poolnd command itself: its help, version, unknown commands, and `info`.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { info } from '../../dist/index.js';
import { execNode } from '../child-process';
import { runCli } from './run-cli';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

describe('poolnd', () => {
  it('lists its commands with --help, and without a command exits 2', () => {
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: poolnd <command> [options]');
    for (const name of ['shape', 'info']) expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    const bare = runCli([]);
    expect(bare.status).toBe(2);
    expect(bare.stdout).toBe(help.stdout);
  });

  it.each(['pool', 'batch', 'compare', 'spectrogram', 'shape', 'plan', 'info'])('%s --help prints its usage', (name) => {
    const run = runCli([name, '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: poolnd ${name}\\b`));
  });

  it('loads sharp only for images: importing poolnd does not', () => {
    const script =
      "require('poolnd'); console.log(Object.keys(require.cache).filter((file) => file.includes('/node_modules/sharp/')).length);";
    expect(execNode(['-e', script], { cwd: fileURLToPath(new URL('../..', import.meta.url)), encoding: 'utf8' }).trim()).toBe(
      '0',
    );
  });

  it('prints its version', () => {
    expect(runCli(['--version']).stdout.trim()).toBe(version);
  });

  it('rejects an unknown command with exit code 2', () => {
    const run = runCli(['resize']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('poolnd: unknown command "resize"');
  });

  it('info reports the version, SIMD level, threads and binary the library reports', () => {
    const run = runCli(['info']);
    expect(run.status).toBe(0);
    const facts = info();
    expect(run.stdout).toContain(`poolnd  ${version}\n`);
    expect(run.stdout).toContain(`simd    ${facts.simd}\n`);
    expect(run.stdout).toContain(`threads ${facts.threads}\n`);
    expect(run.stdout).toContain(`binary  ${facts.binding}\n`);
  });
});
