-- The reading key leads with the observation time (issue 14). Readings arrive roughly in time
-- order, so new keys now land at the right end of the index and its pages stay nearly full; led by
-- source and sensor, new keys landed all over the index, and its pages split half full. No query
-- reads readings by source (the key only keeps a resent reading from being stored twice), and this
-- order is the one the readings API returns. Rebuilding the key also packs the months stored.
ALTER TABLE reading DROP CONSTRAINT reading_pkey;
ALTER TABLE reading ADD PRIMARY KEY (observed_at, source, sensor_id);
