import type { PasskeyEvent } from '@acme/passkey-core';
import { describeUserAgent } from '@acme/passkey-server';
import type { SqlClient } from '@acme/passkey-store-postgres';

/** What the Security center lists: a passkey added, removed or renamed, or a release approved. */
export type ActivityType = 'passkey.added' | 'passkey.removed' | 'passkey.renamed' | 'release.approved';

/** One line of a user's recent security activity. */
export interface Activity {
  type: ActivityType;
  at: Date;
  /** The passkey concerned, with its name at that moment (after a rename: the new one). */
  passkey: { id: string; name: string };
  /** Browser and system of the request, e.g. "Chrome on Windows"; null when unknown. */
  device: string | null;
}

/** Where the demo keeps the activity (in memory, or beside the passkeys in PostgreSQL). */
export interface ActivityLog {
  add(userId: string, activity: Activity): Promise<void>;
  /** The user's latest entries, newest first. */
  recent(userId: string, limit: number): Promise<Activity[]>;
}

const TYPES: Partial<Record<PasskeyEvent['type'], ActivityType>> = {
  'passkey.registered': 'passkey.added',
  'passkey.removed': 'passkey.removed',
  'passkey.renamed': 'passkey.renamed',
  'step_up.verified': 'release.approved',
};

/**
 * The activity line of a server event, or null for events the list does not show (sign-ins,
 * failures, step-ups of other actions). `nameOf` finds a passkey's current name for the events
 * that carry no view of it (renamed, step-up).
 */
export async function activityOf(
  event: PasskeyEvent,
  options: { releaseAction: string; nameOf: (passkeyId: string) => Promise<string | null> },
): Promise<{ userId: string; activity: Activity } | null> {
  const type = TYPES[event.type];
  const { userId, passkeyId } = event;
  if (!type || !userId || !passkeyId) return null;
  if (type === 'release.approved' && event.action !== options.releaseAction) return null;
  const name = event.passkey?.name ?? (await options.nameOf(passkeyId)) ?? 'A passkey';
  const activity = {
    type,
    at: event.at,
    passkey: { id: passkeyId, name },
    // The SDK's words for the User-Agent, as it names new passkeys: "Safari on iPhone".
    device: describeUserAgent(event.context?.userAgent),
  };
  return { userId, activity };
}

/** In process memory, a bounded number of entries per user. */
export function memoryActivity(keep = 50): ActivityLog {
  const byUser = new Map<string, Activity[]>();
  return {
    async add(userId, activity) {
      const list = [{ ...activity, passkey: { ...activity.passkey } }, ...(byUser.get(userId) ?? [])];
      byUser.set(userId, list.slice(0, keep));
    },
    recent: async (userId, limit) => (byUser.get(userId) ?? []).slice(0, limit),
  };
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS demo_activity (
  seq bigserial PRIMARY KEY,
  user_id text NOT NULL,
  type text NOT NULL,
  at timestamptz NOT NULL,
  passkey_id text NOT NULL,
  passkey_name text NOT NULL,
  device text
)`;

type Row = {
  type: ActivityType;
  at: Date | string;
  passkey_id: string;
  passkey_name: string;
  device: string | null;
};

/** In PostgreSQL (a server or PGlite), beside the passkey tables. */
export async function sqlActivity(client: SqlClient): Promise<ActivityLog> {
  await client.query(SCHEMA);
  await client.query('CREATE INDEX IF NOT EXISTS demo_activity_user ON demo_activity (user_id, seq)');
  return {
    async add(userId, a) {
      await client.query(
        'INSERT INTO demo_activity (user_id, type, at, passkey_id, passkey_name, device) VALUES ($1, $2, $3, $4, $5, $6)',
        [userId, a.type, a.at, a.passkey.id, a.passkey.name, a.device],
      );
    },
    async recent(userId, limit) {
      const { rows } = await client.query<Row>(
        'SELECT type, at, passkey_id, passkey_name, device FROM demo_activity WHERE user_id = $1 ORDER BY seq DESC LIMIT $2',
        [userId, limit],
      );
      return rows.map((r) => ({
        type: r.type,
        at: new Date(r.at),
        passkey: { id: r.passkey_id, name: r.passkey_name },
        device: r.device,
      }));
    },
  };
}
