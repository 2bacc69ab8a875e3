-- @acme/passkey-store-postgres migration 003: credential IDs compared byte by byte.
-- scan() pages through every passkey in ascending ID order by code unit (ORDER BY id COLLATE "C").
-- The primary key's index orders by the column's collation, the database's default, so under
-- any other locale such a scan would sort the whole table. Credential IDs are base64url (ASCII):
-- "C" changes no equality, only the order, and lets the primary key serve the scan page by page.
-- PostgreSQL rebuilds the primary key's index; the rows are not rewritten.
ALTER TABLE "{{schema}}"."{{prefix}}credentials"
  ALTER COLUMN id TYPE text COLLATE "C";
