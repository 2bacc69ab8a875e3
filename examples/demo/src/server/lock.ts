import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** The lock file inside a PGlite data folder: the pid of the demo that has it open. */
export const LOCK_FILE = 'demo.lock';

// A lock file without a pid yet is being written by a demo that is starting right now.
const WRITING_GRACE_MS = 5000;

/** Whether a process with this pid runs (EPERM: it runs as another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in a lock file; `null` when the file is gone, empty or unreadable. */
async function lockHolder(file: string): Promise<number | null> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * Takes the data folder for this process: PGlite is one process's database, and two demos on one
 * folder overwrite each other's writes. Creates `<dir>/demo.lock` exclusively with this pid; a
 * lock left by a process that no longer runs is taken over; one held by a running process (this
 * one included) is refused with a message that says what to do.
 * @returns the release, which removes the lock file if it is still this process's.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      return async () => {
        if ((await lockHolder(file)) === process.pid) await rm(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = await lockHolder(file);
    if (pid !== null && isAlive(pid)) {
      throw new Error(
        `${dir} is in use by another demo (pid ${pid}${pid === process.pid ? ', this process' : ''}). ` +
          'Stop that one first, or give this one its own folder with DEMO_DATA_DIR=<folder>.',
      );
    }
    if (pid === null) {
      const age = await stat(file).then(
        (s) => Date.now() - s.mtimeMs,
        () => Number.POSITIVE_INFINITY,
      );
      if (age < WRITING_GRACE_MS) {
        throw new Error(`${dir} is being opened by another demo right now. Stop that one first.`);
      }
    }
    // Stale: its process is gone (a crash, or a kill -9). Take it over.
    await rm(file, { force: true });
  }
  throw new Error(`${dir}: cannot take ${LOCK_FILE}; another demo keeps taking it`);
}
