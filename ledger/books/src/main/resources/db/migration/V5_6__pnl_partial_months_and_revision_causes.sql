-- Partial months (issue 14, item 3) and the KPI period behind a P&L revision (item 1).

-- The share of its month a KPI period's readings cover, 0 to 100. Rows recorded before this
-- migration have none and count as complete until the projection is replayed.
ALTER TABLE pnl_observation ADD COLUMN coverage_percent numeric;

-- Why a line's month is partial (the KPI periods under the model's complete coverage, and whether
-- its monthly baselines were prorated); empty for a line computed from complete months.
ALTER TABLE pnl_line ADD COLUMN partial text[] NOT NULL DEFAULT '{}';

-- The KPI period revision that caused a P&L revision; null when a model change caused it.
ALTER TABLE pnl_revision ADD COLUMN kpi_id text;
ALTER TABLE pnl_revision ADD COLUMN kpi_month date;
ALTER TABLE pnl_revision ADD COLUMN kpi_revision integer;

-- A model's revisions across its assets, for GET /api/v1/pnl/models/{modelId}/revisions.
CREATE INDEX pnl_revision_model ON pnl_revision (model_id, month);
