/**
 * One client's part of a server process's life: sign in again (the restart forgot every
 * session), replay what it sent to earlier processes, read its passkeys and orders back, then
 * run operations — mostly of the kind the armed kill waits for — until the server is killed.
 */
import { type ClientDeps, type CrashClient, ServerDown } from './client';
import { KINDS } from './killer';
import { register, removeOldest } from './operations';
import { releaseOne } from './release';
import { replayAfterRestart } from './replays';
import { ensureSession, resync } from './session';

/** Passkeys an account keeps at most here: the next registration removes the oldest first. */
const KEEP = 6;

export async function runClientCycle(deps: ClientDeps, c: CrashClient, operate: boolean): Promise<void> {
  try {
    await ensureSession(deps, c);
    await replayAfterRestart(deps, c);
    const open = await resync(deps, c);
    while (operate && !deps.killer.down) {
      await ensureSession(deps, c);
      const target = deps.killer.target;
      const kind = target && Math.random() < 0.7 ? target : KINDS[Math.floor(Math.random() * KINDS.length)];
      if (c.state.passkeys.length === 0) await register(deps, c);
      else if (kind !== 'registration') await releaseOne(deps, c, open);
      else if (c.state.passkeys.length >= KEEP) await removeOldest(deps, c);
      else await register(deps, c);
    }
  } catch (err) {
    if (!(err instanceof ServerDown)) deps.unexpected.push(`${c.state.username}: ${(err as Error).stack}`);
  }
}
