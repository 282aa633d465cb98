-- Read model of bonds (BondProjection). Terms are kept as the canonical JSON text the registry
-- records; determinations keep what they used as JSON text, as the events carry it.
CREATE TABLE bond_view (
    bond_id          text PRIMARY KEY,
    version          integer     NOT NULL,
    terms            text        NOT NULL,
    terms_hash       text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('DRAFT', 'ISSUED', 'MATURED')),
    register_version integer     NOT NULL DEFAULT 0,
    total_units      bigint      NOT NULL DEFAULT 0,
    defined_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);

CREATE TABLE bond_version_view (
    bond_id     text        NOT NULL,
    version     integer     NOT NULL,
    terms       text        NOT NULL,
    terms_hash  text        NOT NULL,
    reason      text,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (bond_id, version)
);

CREATE TABLE bond_holding_view (
    bond_id text   NOT NULL,
    holder  text   NOT NULL,
    units   bigint NOT NULL CHECK (units > 0),
    PRIMARY KEY (bond_id, holder)
);

CREATE INDEX bond_holding_by_holder ON bond_holding_view (holder);

CREATE TABLE bond_determination_view (
    bond_id          text        NOT NULL,
    determination_id text        NOT NULL,
    feature          integer     NOT NULL,
    terms_hash       text        NOT NULL,
    outcome          text        NOT NULL,
    periods          text        NOT NULL,
    checkpoint       text        NOT NULL,
    payments         text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('PROPOSED', 'COSIGNED', 'REJECTED')),
    trustee          text,
    reason           text,
    disputes         text        NOT NULL DEFAULT '[]',
    proposed_at      timestamptz NOT NULL,
    decided_at       timestamptz,
    PRIMARY KEY (bond_id, determination_id)
);

CREATE INDEX bond_determination_by_status ON bond_determination_view (status);

CREATE TABLE bond_payment_view (
    bond_id          text        NOT NULL,
    payment_id       text        NOT NULL,
    kind             text        NOT NULL,
    payment_date     date        NOT NULL,
    record_date      date        NOT NULL,
    amount           numeric     NOT NULL,
    currency         text        NOT NULL,
    determination_id text,
    declared_at      timestamptz NOT NULL,
    PRIMARY KEY (bond_id, payment_id)
);

CREATE TABLE bond_payout_view (
    bond_id           text        NOT NULL,
    payment_id        text        NOT NULL,
    chain             text        NOT NULL,
    total             numeric     NOT NULL,
    currency          text        NOT NULL,
    holders           integer     NOT NULL,
    allocation_digest text        NOT NULL,
    record_block      bigint      NOT NULL,
    transactions      text[]      NOT NULL,
    recorded_at       timestamptz NOT NULL,
    PRIMARY KEY (bond_id, payment_id, chain)
);

CREATE TABLE bond_payout_line (
    bond_id    text    NOT NULL,
    payment_id text    NOT NULL,
    chain      text    NOT NULL,
    holder     text    NOT NULL,
    amount     numeric NOT NULL,
    PRIMARY KEY (bond_id, payment_id, chain, holder)
);

CREATE INDEX bond_payout_line_by_holder ON bond_payout_line (holder);
