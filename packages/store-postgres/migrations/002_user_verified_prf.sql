-- @acme/passkey-store-postgres migration 002: user verification at registration and PRF support.
-- user_verified: a passkey registered with user verification must verify the user on every use.
-- Rows written before this migration did not record it: they read as false (no stricter than
-- before), and the server's policy still decides whether verification is required.
-- prf: the passkey supports the PRF extension, as the client reported at registration.

ALTER TABLE "{{schema}}"."{{prefix}}credentials"
  ADD COLUMN user_verified boolean NOT NULL DEFAULT false;

ALTER TABLE "{{schema}}"."{{prefix}}credentials"
  ADD COLUMN prf boolean NOT NULL DEFAULT false;
