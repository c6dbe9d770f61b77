// Child processes of the tests. Under emulation (qemu-user cannot start an emulated child by
// itself) POOLND_TEST_EXEC_PREFIX names the command that runs them, as in
// "qemu-aarch64 -L /usr/aarch64-linux-gnu" (see .ci/run).
import {
  execFileSync,
  spawnSync,
  type ExecFileSyncOptionsWithStringEncoding,
  type SpawnSyncOptionsWithStringEncoding,
} from 'node:child_process';

/** The command and arguments that run file with args, through the prefix when one is set. */
export function commandWithPrefix(file: string, args: string[]): [string, string[]] {
  const prefix = (process.env.POOLND_TEST_EXEC_PREFIX ?? '').split(' ').filter((word) => word !== '');
  const [command, ...leading] = [...prefix, file];
  return [command, [...leading, ...args]];
}

// Runs this test run's Node on args; returns its stdout.
export function execNode(args: string[], options: ExecFileSyncOptionsWithStringEncoding): string {
  const [command, all] = commandWithPrefix(process.execPath, args);
  return execFileSync(command, all, options);
}

export function spawnProgram(file: string, args: string[], options: SpawnSyncOptionsWithStringEncoding) {
  const [command, all] = commandWithPrefix(file, args);
  return spawnSync(command, all, options);
}
