-- @acme/passkey-store-postgres migration 001: passkeys and single-use challenges.
-- {{schema}} and {{prefix}} are replaced by the schema name and the table prefix
-- (both lowercase [a-z0-9_]); the quotes around them stay. The schema must exist.

CREATE TABLE "{{schema}}"."{{prefix}}credentials" (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  user_handle text NOT NULL,
  public_key bytea NOT NULL,
  algorithm integer NOT NULL,
  counter bigint NOT NULL CHECK (counter BETWEEN 0 AND 4294967295),
  transports text[] NOT NULL DEFAULT '{}',
  device_type text NOT NULL CHECK (device_type IN ('singleDevice', 'multiDevice')),
  backed_up boolean NOT NULL,
  aaguid text NOT NULL,
  name text NOT NULL,
  attachment text CHECK (attachment IN ('platform', 'cross-platform')),
  created_at timestamptz NOT NULL,
  last_used_at timestamptz
);

-- listByUser (ordered by creation) and the per-user count of create().
CREATE INDEX "{{prefix}}credentials_user_idx"
  ON "{{schema}}"."{{prefix}}credentials" (user_id, created_at);

CREATE TABLE "{{schema}}"."{{prefix}}challenges" (
  id text PRIMARY KEY,
  record jsonb NOT NULL,
  -- The database's clock, for cleanup only: the server judges expiry from record.expiresAt.
  expires_at timestamptz NOT NULL
);

CREATE INDEX "{{prefix}}challenges_expires_idx"
  ON "{{schema}}"."{{prefix}}challenges" (expires_at);
