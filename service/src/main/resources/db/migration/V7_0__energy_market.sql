-- The village energy market's read model (service/.../market/MarketBook): each slot the ledger
-- cleared, as the EnergyMarketContract recorded it, with the clearing transaction and its block,
-- and one row per participant's settlement of the slot. Written only after the clearing
-- transaction committed; the ledger stays the record.
CREATE TABLE market_slot (
    slot_start        timestamptz PRIMARY KEY,
    tx_id             text        NOT NULL,
    block_number      bigint      NOT NULL,
    price             numeric,
    volume            numeric     NOT NULL,
    traded_amount     numeric     NOT NULL,
    mechanism_surplus numeric     NOT NULL,
    battery_after_kwh numeric,
    clearing          text        NOT NULL,
    recorded_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE market_account (
    participant           text        NOT NULL,
    slot_start            timestamptz NOT NULL REFERENCES market_slot (slot_start),
    net_kwh               numeric     NOT NULL,
    bought_kwh            numeric     NOT NULL,
    bought_amount         numeric     NOT NULL,
    sold_kwh              numeric     NOT NULL,
    sold_amount           numeric     NOT NULL,
    fees_amount           numeric     NOT NULL,
    utility_import_kwh    numeric     NOT NULL,
    utility_import_amount numeric     NOT NULL,
    utility_export_kwh    numeric     NOT NULL,
    utility_export_amount numeric     NOT NULL,
    baseline_total        numeric     NOT NULL,
    PRIMARY KEY (participant, slot_start)
);

CREATE INDEX market_account_slot ON market_account (slot_start);
