// Output files are written whole or not at all: into a temporary file beside the target, then
// renamed over it, so an error or a crash midway never leaves half a file under the real name.
import { randomBytes } from 'node:crypto';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

export async function writeFileAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const folder = path.dirname(file);
  const isFolder = await stat(folder).then(
    (info) => info.isDirectory(),
    () => false,
  );
  // Said plainly, rather than as the temporary file's ENOENT.
  if (!isFolder) throw new Error(`cannot write ${file}: the folder ${folder} does not exist`);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
