// `poolnd info`: the version, SIMD level, threads and which binary was loaded.
import { info } from '../index';
import { parse, type Command } from './usage';

const help = `Usage: poolnd info

Prints poolnd's version, the SIMD level its kernels run at, its kernel threads, and the native
binary it loaded.
`;

function run(args: string[]): void {
  parse(args, {});
  const facts = info();
  process.stdout.write(
    `poolnd  ${facts.version}\nsimd    ${facts.simd}\nthreads ${facts.threads}\narch    ${process.platform}-${facts.arch}\n` +
      `node    ${process.version}\nbinary  ${facts.binding}\n`,
  );
}

export const infoCommand: Command = { name: 'info', summary: 'version, SIMD level, threads and the binary in use', help, run };
