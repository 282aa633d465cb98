-- P&L drill-down follows a figure's evidence (batch digests) to the reading batches and their
-- audit leaves. Numbered after V4_1: databases already migrated refuse lower versions.
CREATE INDEX reading_batch_by_digest ON reading_batch (digest);
