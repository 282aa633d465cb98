-- Derived KPI periods: the figures a value was computed from, remarks and a band where defined.

ALTER TABLE kpi_period_view
    ADD COLUMN components     JSONB   NOT NULL DEFAULT '{}',
    ADD COLUMN remarks        TEXT[]  NOT NULL DEFAULT '{}',
    ADD COLUMN classification VARCHAR(64);
