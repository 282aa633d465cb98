-- The P&L projection (PnlProjection) keeps its own copy of everything it computes from, so that
-- its statements depend only on the order of the event stream and not on other processors.

-- Time zone of each asset: KPI months are cut in it.
CREATE TABLE pnl_asset (
    asset_id  text PRIMARY KEY,
    time_zone text NOT NULL
);

-- KPI units of each asset: the catalog a model is evaluated against.
CREATE TABLE pnl_asset_kpi (
    asset_id text NOT NULL,
    kpi_id   text NOT NULL,
    unit     text NOT NULL,
    PRIMARY KEY (asset_id, kpi_id)
);

-- The version of each model that computes P&L now.
CREATE TABLE pnl_model (
    model_id   text PRIMARY KEY,
    version    integer NOT NULL,
    definition text    NOT NULL,
    asset_ids  text[]  NOT NULL,
    active     boolean NOT NULL
);

-- Every revision of every monthly KPI period.
CREATE TABLE pnl_observation (
    asset_id     text        NOT NULL,
    kpi_id       text        NOT NULL,
    month        date        NOT NULL,
    revision     integer     NOT NULL,
    value        numeric,
    unit         text        NOT NULL,
    evidence     text[]      NOT NULL,
    period_start timestamptz NOT NULL,
    period_end   timestamptz NOT NULL,
    PRIMARY KEY (asset_id, kpi_id, month, revision)
);

-- The current value of each model line of each asset and month, exact (not rounded). The
-- provenance is the JSON text as written, not jsonb, so that an unchanged line compares equal.
CREATE TABLE pnl_line (
    asset_id      text    NOT NULL,
    month         date    NOT NULL,
    line_id       text    NOT NULL,
    model_id      text    NOT NULL,
    model_version integer NOT NULL,
    ordinal       integer NOT NULL,
    label         text    NOT NULL,
    kind          text    NOT NULL,
    unit          text    NOT NULL,
    value         numeric,
    provenance    text    NOT NULL,
    remarks       text[]  NOT NULL,
    revision      integer NOT NULL,
    PRIMARY KEY (asset_id, month, line_id)
);

-- Each change to an asset's month: what changed and why.
CREATE TABLE pnl_revision (
    asset_id      text        NOT NULL,
    month         date        NOT NULL,
    revision      integer     NOT NULL,
    model_id      text        NOT NULL,
    model_version integer     NOT NULL,
    cause         text        NOT NULL,
    changes       jsonb       NOT NULL,
    recorded_at   timestamptz NOT NULL,
    PRIMARY KEY (asset_id, month, revision)
);
