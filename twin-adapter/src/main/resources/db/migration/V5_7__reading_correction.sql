-- Corrections of stored readings (issue 14). Nothing in reading or reading_batch changes: a
-- correction is a row next to the original, and period closes read readings through it. The
-- decision record itself is an event in the books (ReadingCorrection), and so a leaf of the audit
-- log; this table is the twin adapter's copy for closing periods.

CREATE SEQUENCE reading_correction_id;
-- Order in which corrections took effect: the latest applied correction of a reading decides.
CREATE SEQUENCE reading_correction_applied;

CREATE TABLE reading_correction (
    correction_id   BIGINT       PRIMARY KEY,
    action          VARCHAR(16)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    batch_id        BIGINT       NOT NULL,
    -- The reading's key; all null when the correction voids the whole batch.
    source          VARCHAR(200),
    sensor_id       VARCHAR(300),
    observed_at     TIMESTAMPTZ,
    asset_id        VARCHAR(128),
    kpi_id          VARCHAR(64),
    value           NUMERIC,
    reason          TEXT         NOT NULL,
    requested_by    VARCHAR(100) NOT NULL,
    requested_at    TIMESTAMPTZ  NOT NULL,
    -- Labels of the closed periods it changes, as requested; non-empty ones need four eyes.
    closed_periods  TEXT[]       NOT NULL,
    decided_by      VARCHAR(100),
    decided_at      TIMESTAMPTZ,
    decision_reason TEXT,
    applied_seq     BIGINT       UNIQUE,
    -- For a resubmission: the quarantine entry fixed; the batch is the one it became.
    quarantine_id   BIGINT,
    CHECK ((status = 'APPLIED') = (applied_seq IS NOT NULL))
);

-- How period closes find the corrections in effect: of one reading, of a whole batch, and of the
-- readings of one KPI (docs/benchmarks.md, "Corrected periods").
CREATE INDEX reading_correction_applied_by_reading
    ON reading_correction (source, sensor_id, observed_at)
    WHERE status = 'APPLIED' AND observed_at IS NOT NULL;
CREATE INDEX reading_correction_applied_by_batch ON reading_correction (batch_id)
    WHERE status = 'APPLIED' AND observed_at IS NULL;
CREATE INDEX reading_correction_applied_by_kpi ON reading_correction (asset_id, kpi_id)
    WHERE status = 'APPLIED' AND observed_at IS NOT NULL;
-- The batches of resubmissions not approved (yet), whose readings count in no period.
CREATE INDEX reading_correction_undecided_resubmissions ON reading_correction (batch_id)
    WHERE action = 'RESUBMIT' AND status <> 'APPLIED';

-- A period is due again when a correction applied after its last close touches it.
ALTER TABLE kpi_period_close ADD COLUMN max_correction_seq BIGINT NOT NULL DEFAULT 0;

-- A quarantined payload fixed and re-submitted names the correction that did it.
ALTER TABLE reading_quarantine ADD COLUMN resubmitted_by_correction BIGINT;
