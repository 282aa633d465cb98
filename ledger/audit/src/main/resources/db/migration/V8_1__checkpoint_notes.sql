-- Witnessed checkpoints (ledger, io.twinledger.ledger.audit): each ECDSA checkpoint of the audit
-- log also as a C2SP tlog-checkpoint signed note, the witnesses' cosignatures on it, and the state
-- of the witnesses this deployment runs (io.twinledger.ledger.audit.witness).

-- The log's own note for each stored checkpoint: the encoded signed note (text, blank line, the
-- log key's signature line), signed with the log's Ed25519 note key. Inserted once, never updated.
CREATE TABLE audit_checkpoint_note (
    log_id    VARCHAR(64)  NOT NULL,
    tree_size BIGINT       NOT NULL,
    origin    VARCHAR(255) NOT NULL,
    note      TEXT         NOT NULL,
    signed_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (log_id, tree_size),
    FOREIGN KEY (log_id, tree_size) REFERENCES audit_checkpoint (log_id, tree_size)
);

-- Cosignatures as they arrive, verified against the witness's key before they are stored: one
-- line per witness key (name and key ID) and checkpoint; a later cosignature of the same witness
-- on the same checkpoint is not kept.
CREATE TABLE audit_checkpoint_cosignature (
    log_id      VARCHAR(64)  NOT NULL,
    tree_size   BIGINT       NOT NULL,
    key_name    VARCHAR(255) NOT NULL,
    key_id      CHAR(8)      NOT NULL,
    line        TEXT         NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL,
    arrival     BIGSERIAL    NOT NULL,
    PRIMARY KEY (log_id, tree_size, key_name, key_id),
    FOREIGN KEY (log_id, tree_size) REFERENCES audit_checkpoint_note (log_id, tree_size)
);

-- A witness's latest cosigned checkpoint per log origin (C2SP tlog-witness). tree_size 0 with no
-- note: the witness knows the log and has cosigned nothing yet. A request locks the row
-- (SELECT ... FOR UPDATE) from the old-size check to the update, so two requests never both advance
-- it.
CREATE TABLE witness_checkpoint (
    witness     VARCHAR(255) NOT NULL,
    origin      VARCHAR(255) NOT NULL,
    tree_size   BIGINT       NOT NULL CHECK (tree_size >= 0),
    root        BYTEA        CHECK (octet_length(root) = 32),
    note        TEXT,
    cosigned_at TIMESTAMPTZ,
    PRIMARY KEY (witness, origin),
    CHECK ((note IS NULL) = (root IS NULL)),
    CHECK (note IS NOT NULL OR tree_size = 0)
);

-- Forks a witness refused: a log-signed checkpoint of the size it cosigned with another root, or one
-- whose consistency proof from the cosigned checkpoint does not verify. Both notes are kept as
-- evidence (each carries the log's signature), with the request's old size and proof lines.
CREATE TABLE witness_fork (
    id               BIGSERIAL    PRIMARY KEY,
    witness          VARCHAR(255) NOT NULL,
    origin           VARCHAR(255) NOT NULL,
    kind             VARCHAR(32)  NOT NULL,
    cosigned_note    TEXT         NOT NULL,
    conflicting_note TEXT         NOT NULL,
    old_size         BIGINT       NOT NULL,
    proof            TEXT         NOT NULL,
    reason           TEXT         NOT NULL,
    detected_at      TIMESTAMPTZ  NOT NULL
);
