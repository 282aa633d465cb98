-- The RFC 9162 Merkle audit log (ledger, io.twinledger.ledger.audit). Owned by ledger (V4_x).
-- Append-only: rows are inserted by AuditLog and CheckpointBook, never updated, except the
-- anchoring columns of a checkpoint, which are filled once when it is anchored.

-- One row per named log; tree_size is the number of leaves. Appenders lock this row
-- (SELECT ... FOR UPDATE), which makes each log single-writer.
CREATE TABLE audit_log (
    log_id     VARCHAR(64) PRIMARY KEY,
    tree_size  BIGINT      NOT NULL DEFAULT 0 CHECK (tree_size >= 0),
    created_at TIMESTAMPTZ NOT NULL
);

-- The leaves: the canonical leaf data (AuditLeaf encoding) and its RFC 9162 leaf hash
-- SHA-256(0x00 || data). kind and reference repeat what the data says, for lookups.
CREATE TABLE audit_leaf (
    log_id     VARCHAR(64) NOT NULL REFERENCES audit_log (log_id),
    leaf_index BIGINT      NOT NULL CHECK (leaf_index >= 0),
    leaf_hash  BYTEA       NOT NULL CHECK (octet_length(leaf_hash) = 32),
    kind       VARCHAR(32) NOT NULL,
    reference  BIGINT      NOT NULL,
    data       BYTEA       NOT NULL,
    PRIMARY KEY (log_id, leaf_index)
);

-- A reading batch or a domain event enters a log at most once.
CREATE UNIQUE INDEX audit_leaf_by_reference ON audit_leaf (log_id, kind, reference);

-- Perfect subtrees of two or more leaves: node (level, node_index) covers leaves
-- [node_index * 2^level, (node_index + 1) * 2^level). Level 0 is audit_leaf.leaf_hash.
CREATE TABLE audit_node (
    log_id     VARCHAR(64) NOT NULL REFERENCES audit_log (log_id),
    level      SMALLINT    NOT NULL CHECK (level BETWEEN 1 AND 62),
    node_index BIGINT      NOT NULL CHECK (node_index >= 0),
    hash       BYTEA       NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (log_id, level, node_index)
);

-- Signed checkpoints. signature is over Checkpoint.signedContent() (SHA256withECDSA, DER);
-- signer_certificate is the signer's X.509 certificate (DER). anchor_tx_id and anchor_block are
-- null until the checkpoint is recorded on the ledger.
CREATE TABLE audit_checkpoint (
    log_id             VARCHAR(64)  NOT NULL REFERENCES audit_log (log_id),
    tree_size          BIGINT       NOT NULL CHECK (tree_size > 0),
    root               BYTEA        NOT NULL CHECK (octet_length(root) = 32),
    taken_at           TIMESTAMPTZ  NOT NULL,
    signer             VARCHAR(500) NOT NULL,
    signer_certificate BYTEA        NOT NULL,
    signature          BYTEA        NOT NULL,
    anchor_tx_id       VARCHAR(128),
    anchor_block       BIGINT,
    anchored_at        TIMESTAMPTZ,
    PRIMARY KEY (log_id, tree_size),
    CHECK ((anchor_tx_id IS NULL) = (anchor_block IS NULL))
);

-- How far each feed has appended into a log: for the domain-event feed, the global_index of the
-- last event appended. Written in the same transaction as the leaves.
CREATE TABLE audit_feed (
    log_id   VARCHAR(64) NOT NULL REFERENCES audit_log (log_id),
    feed     VARCHAR(64) NOT NULL,
    position BIGINT      NOT NULL,
    PRIMARY KEY (log_id, feed)
);
