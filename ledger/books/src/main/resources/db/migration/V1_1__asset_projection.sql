-- Read model of infrastructure assets, written only by AssetProjection and rebuildable by replay.

CREATE TABLE asset_view (
    asset_id            VARCHAR(128) PRIMARY KEY,
    asset_class         VARCHAR(32)  NOT NULL,
    name                VARCHAR(200) NOT NULL,
    time_zone           VARCHAR(64)  NOT NULL,
    parameters          JSONB        NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    decommission_reason VARCHAR(500),
    version             BIGINT       NOT NULL,
    registered_at       TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL
);

CREATE INDEX asset_view_by_class ON asset_view (asset_class, asset_id);

CREATE TABLE asset_kpi_view (
    asset_id         VARCHAR(128) NOT NULL REFERENCES asset_view (asset_id) ON DELETE CASCADE,
    kpi_id           VARCHAR(64)  NOT NULL,
    definition       JSONB        NOT NULL,
    defined_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (asset_id, kpi_id)
);
