-- The embedded Fabric peer's ledger (io.twinledger.ledger.peer). Keys are bytea: Fabric keys are
-- UTF-8 strings that may contain U+0000 (composite keys), which PostgreSQL text cannot hold.

-- The chain: every block as ordered and validated (common.Block protobuf bytes, validation codes in
-- its TRANSACTIONS_FILTER metadata), with its header fields for the start-up check.
CREATE TABLE peer_block (
    channel       text        NOT NULL,
    number        bigint      NOT NULL,
    header_hash   bytea       NOT NULL,
    previous_hash bytea       NOT NULL,
    data_hash     bytea       NOT NULL,
    tx_count      integer     NOT NULL,
    bytes         bytea       NOT NULL,
    committed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (channel, number)
);

-- One row per transaction in a block, duplicates included; the first VALID or invalid occurrence
-- of an id is the one CommitStatus reports.
CREATE TABLE peer_transaction (
    channel         text     NOT NULL,
    block_number    bigint   NOT NULL,
    tx_number       integer  NOT NULL,
    tx_id           text     NOT NULL,
    validation_code smallint NOT NULL,
    PRIMARY KEY (channel, block_number, tx_number)
);
CREATE INDEX peer_transaction_tx_id ON peer_transaction (channel, tx_id);

-- The public world state: the latest value of every live key and the version that wrote it.
CREATE TABLE peer_world_state (
    channel      text    NOT NULL,
    namespace    text    NOT NULL,
    key          bytea   NOT NULL,
    value        bytea   NOT NULL,
    block_number bigint  NOT NULL,
    tx_number    integer NOT NULL,
    PRIMARY KEY (channel, namespace, key)
);

-- Every committed write of a public key (GetHistoryForKey).
CREATE TABLE peer_key_history (
    channel      text        NOT NULL,
    namespace    text        NOT NULL,
    key          bytea       NOT NULL,
    block_number bigint      NOT NULL,
    tx_number    integer     NOT NULL,
    tx_id        text        NOT NULL,
    value        bytea,
    is_delete    boolean     NOT NULL,
    tx_timestamp timestamptz NOT NULL,
    PRIMARY KEY (channel, namespace, key, block_number, tx_number)
);

-- Private data, off the chain: the chain holds only key and value hashes. key and value are null
-- when the peer did not receive the private write set (restart between endorsement and commit).
CREATE TABLE peer_private_data (
    channel      text    NOT NULL,
    namespace    text    NOT NULL,
    collection   text    NOT NULL,
    key_hash     bytea   NOT NULL,
    key          bytea,
    value        bytea,
    value_hash   bytea   NOT NULL,
    block_number bigint  NOT NULL,
    tx_number    integer NOT NULL,
    PRIMARY KEY (channel, namespace, collection, key_hash)
);
