-- Compliance reports as issued (service/.../report/ReportStore): the canonical JSON whose digest
-- the issuer signed, the ReportIssued event logged and the report contract recorded. A row is
-- never updated but for replaced_by; the ledger and the audit log stay the record.
CREATE TABLE compliance_report (
    report_id          text        PRIMARY KEY,
    report_type        text        NOT NULL,
    subject            text        NOT NULL,
    period_start       date        NOT NULL,
    period_end         date        NOT NULL,
    sha256             text        NOT NULL,
    document           bytea       NOT NULL,
    signature          text        NOT NULL,
    signer_msp         text        NOT NULL,
    signer_certificate text        NOT NULL,
    issued_by          text        NOT NULL,
    issued_at          timestamptz NOT NULL,
    ledger_tx          text,
    replaces           text        REFERENCES compliance_report (report_id),
    replacement_reason text,
    replaced_by        text
);

CREATE INDEX compliance_report_subject ON compliance_report (subject, period_start);

CREATE TABLE compliance_report_attestation (
    report_id   text        NOT NULL REFERENCES compliance_report (report_id),
    attester_msp text       NOT NULL,
    attester    text        NOT NULL,
    verdict     text        NOT NULL,
    comments    text        NOT NULL,
    ledger_tx   text        NOT NULL,
    attested_at timestamptz NOT NULL,
    PRIMARY KEY (report_id, attester_msp)
);
