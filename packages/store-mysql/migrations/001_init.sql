-- @acme/passkey-store-mysql migration 001: passkeys, per-user lock rows, single-use challenges.
-- {{prefix}} is replaced by the table prefix (lowercase [a-z0-9_], possibly empty); the tables
-- go in the connection's database. Runs on MySQL 8, MariaDB 10.11, TiDB and PlanetScale: no
-- foreign keys, triggers or procedures. Each statement may run again after a partial failure
-- (MySQL commits DDL at once, so a migration cannot be one transaction): IF NOT EXISTS throughout.
--
-- IDs are VARBINARY: equal and ordered byte by byte (UTF-8, so by code point; by UTF-16 code
-- unit for the base64url of credential IDs), never case-, accent- or trailing-space-insensitively
-- as a text collation would (utf8mb4_bin pads spaces: 'a' = 'a ').

CREATE TABLE IF NOT EXISTS `{{prefix}}credentials` (
  -- A credential ID is at most 1023 bytes (WebAuthn L3 §5.8.3): 1366 characters of base64url.
  id VARBINARY(1536) NOT NULL,
  -- 256 UTF-16 code units at most (the server's limit): 768 bytes of UTF-8.
  user_id VARBINARY(1024) NOT NULL,
  user_handle VARCHAR(255) NOT NULL,
  public_key BLOB NOT NULL,
  algorithm INT NOT NULL,
  counter INT UNSIGNED NOT NULL,
  -- A JSON array of strings, as text: read the same way on every engine.
  transports TEXT NOT NULL,
  device_type VARCHAR(16) NOT NULL,
  backed_up BOOLEAN NOT NULL,
  aaguid CHAR(36) NOT NULL,
  name VARCHAR(512) NOT NULL,
  attachment VARCHAR(16) NULL,
  user_verified BOOLEAN NOT NULL DEFAULT FALSE,
  prf BOOLEAN NOT NULL DEFAULT FALSE,
  -- UTC, written and read as text: no session time zone ever applies to DATETIME.
  created_at DATETIME(3) NOT NULL,
  last_used_at DATETIME(3) NULL,
  PRIMARY KEY (id),
  -- listByUser (in the order of the index: no sort) and the per-user count of create().
  -- Within InnoDB's 3072-byte key: 1024 + 7 + 1536.
  KEY user_created (user_id, created_at, id),
  CHECK (device_type IN ('singleDevice', 'multiDevice')),
  CHECK (attachment IS NULL OR attachment IN ('platform', 'cross-platform'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per user who ever registered a passkey: create() locks it (FOR UPDATE) so that the
-- count and the insert of one user's creates run one at a time, in any number of processes.
CREATE TABLE IF NOT EXISTS `{{prefix}}user_locks` (
  user_id VARBINARY(1024) NOT NULL,
  PRIMARY KEY (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS `{{prefix}}challenges` (
  id VARBINARY(255) NOT NULL,
  -- The record as JSON text.
  record MEDIUMTEXT NOT NULL,
  -- UTC on the database's clock, for cleanup only: the server judges expiry from record.expiresAt.
  expires_at DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  KEY expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
