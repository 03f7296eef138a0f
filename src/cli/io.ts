import { readFile, writeFile } from 'node:fs/promises';

/** Where the CLI writes: standard output and standard error. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * A command's output to stdout, or to the file given with --out (then a line on stderr says
 * so). Resolves to the exit status: 0, or 1 when the file cannot be written.
 */
export async function emitOutput(io: CliIo, output: string, out: string | undefined): Promise<number> {
  if (out === undefined) {
    io.out(output);
    return 0;
  }
  try {
    await writeFile(out, `${output}\n`, 'utf8');
  } catch (e) {
    io.err(`rapport: cannot write ${out}: ${(e as Error).message}`);
    return 1;
  }
  io.err(`rapport: wrote ${out}`);
  return 0;
}

/** Read a file named on the command line; a missing one is a one-line message, not a stack. */
export async function readInput(path: string, what: string, io: CliIo): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    io.err(`rapport: cannot read ${what}${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    return null;
  }
}
