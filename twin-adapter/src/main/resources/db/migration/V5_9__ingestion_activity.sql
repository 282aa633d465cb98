-- The operator's ingestion overview (issue 15) reads, for each source, what arrived recently and
-- when it was last heard from. Led by source, these indexes let it skip from one source to the next
-- and read each source's recent rows alone, instead of scanning every batch and refusal stored.
CREATE INDEX reading_batch_by_source ON reading_batch (source, received_at);
CREATE INDEX reading_quarantine_by_source ON reading_quarantine (source, received_at);
