-- Which KPI periods the twin adapter has closed, under which revision, and up to which batch.
-- A period with readings from a later batch is closed again under the next revision.

CREATE TABLE kpi_period_close (
    asset_id     VARCHAR(128) NOT NULL,
    kpi_id       VARCHAR(64)  NOT NULL,
    period_kind  VARCHAR(8)   NOT NULL,
    period_start TIMESTAMPTZ  NOT NULL,
    revision     INTEGER      NOT NULL,
    max_batch_id BIGINT       NOT NULL,
    closed_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (asset_id, kpi_id, period_kind, period_start)
);
