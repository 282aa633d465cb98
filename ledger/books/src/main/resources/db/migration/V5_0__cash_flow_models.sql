-- Read model of the cash-flow model registry (ModelProjection). Definitions are kept as the JSON
-- text ModelDefinitions writes, not jsonb, so parameters and lines keep their document order.
CREATE TABLE model_view (
    model_id      text PRIMARY KEY,
    version       integer     NOT NULL,
    definition    text        NOT NULL,
    asset_ids     text[]      NOT NULL,
    status        text        NOT NULL CHECK (status IN ('ACTIVE', 'RETIRED')),
    retire_reason text,
    defined_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE INDEX model_view_assets ON model_view USING gin (asset_ids);

CREATE TABLE model_version_view (
    model_id    text        NOT NULL,
    version     integer     NOT NULL,
    definition  text        NOT NULL,
    asset_ids   text[]      NOT NULL,
    reason      text,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (model_id, version)
);
