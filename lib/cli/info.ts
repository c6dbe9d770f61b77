// `poolnd info`: the version, SIMD level, threads and which binary was loaded.
import { info } from '../index';
import { commonHelp, parse, type Command, type Outcome } from './usage';

const help = `Usage: poolnd info

Prints poolnd's version, the SIMD level its kernels run at, its kernel threads, and the native
binary it loaded.

Options:
${commonHelp}  -h, --help          this help
`;

function run(args: string[]): Outcome {
  parse(args, {});
  const facts = info();
  const arch = `${process.platform}-${facts.arch}`;
  return {
    document: {
      version: facts.version,
      simd: facts.simd,
      threads: facts.threads,
      arch,
      node: process.version,
      binary: facts.binding,
    },
    text:
      `poolnd  ${facts.version}\nsimd    ${facts.simd}\nthreads ${facts.threads}\narch    ${arch}\n` +
      `node    ${process.version}\nbinary  ${facts.binding}\n`,
  };
}

export const infoCommand: Command = { name: 'info', summary: 'version, SIMD level, threads and the binary in use', help, run };
