-- A batch's digest covers its readings' quality flags from encoding version 2
-- (twinledger-readings-v2) on. Each batch keeps the version it was digested with, so that the
-- integrity check and evidence digest it again the same way: batches stored before are version 1.
-- The default only fills existing rows; the store names the version of every new batch.
ALTER TABLE reading_batch
    ADD COLUMN encoding_version smallint NOT NULL DEFAULT 1 CHECK (encoding_version IN (1, 2));
ALTER TABLE reading_batch ALTER COLUMN encoding_version DROP DEFAULT;
