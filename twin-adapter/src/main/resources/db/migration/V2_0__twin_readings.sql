-- Raw twin readings, their batches and quarantine. Owned by twin-adapter (migrations V2_x).

CREATE TABLE reading_batch (
    batch_id      BIGSERIAL    PRIMARY KEY,
    source        VARCHAR(200) NOT NULL,
    digest        BYTEA,
    reading_count INTEGER      NOT NULL,
    received_at   TIMESTAMPTZ  NOT NULL
);

-- One row per (source, sensor, observedAt): a resent reading is not stored twice.
-- Partitioned by observation month; ReadingStore creates partitions before it writes into them.
CREATE TABLE reading (
    source         VARCHAR(200) NOT NULL,
    sensor_id      VARCHAR(300) NOT NULL,
    observed_at    TIMESTAMPTZ  NOT NULL,
    asset_id       VARCHAR(128) NOT NULL,
    kpi_id         VARCHAR(64)  NOT NULL,
    value          NUMERIC      NOT NULL,
    unit           VARCHAR(16)  NOT NULL,
    original_value NUMERIC      NOT NULL,
    original_unit  VARCHAR(16)  NOT NULL,
    flags          TEXT[]       NOT NULL,
    batch_id       BIGINT       NOT NULL,
    PRIMARY KEY (source, sensor_id, observed_at)
) PARTITION BY RANGE (observed_at);

CREATE INDEX reading_by_kpi ON reading (asset_id, kpi_id, observed_at);
CREATE INDEX reading_by_batch ON reading (batch_id);

-- Everything refused, with why and exactly what arrived: nothing is dropped silently.
CREATE TABLE reading_quarantine (
    quarantine_id BIGSERIAL    PRIMARY KEY,
    source        VARCHAR(200) NOT NULL,
    received_at   TIMESTAMPTZ  NOT NULL,
    reason        TEXT         NOT NULL,
    raw_payload   TEXT         NOT NULL
);

CREATE INDEX reading_quarantine_by_time ON reading_quarantine (received_at);
