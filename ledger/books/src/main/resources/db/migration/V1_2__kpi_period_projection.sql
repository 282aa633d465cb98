-- Closed KPI periods, every revision kept; written only by AssetProjection.

CREATE TABLE kpi_period_view (
    asset_id         VARCHAR(128) NOT NULL,
    kpi_id           VARCHAR(64)  NOT NULL,
    period_kind      VARCHAR(8)   NOT NULL,
    period_start     TIMESTAMPTZ  NOT NULL,
    period_end       TIMESTAMPTZ  NOT NULL,
    revision         INTEGER      NOT NULL,
    value            NUMERIC,
    unit             VARCHAR(16)  NOT NULL,
    coverage_percent NUMERIC      NOT NULL,
    reading_count    INTEGER      NOT NULL,
    quality_summary  JSONB        NOT NULL,
    batch_digests    TEXT[]       NOT NULL,
    closed_at        TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (asset_id, kpi_id, period_kind, period_start, revision)
);
