-- Why a period revision after the first was recorded: the corrections behind it, or late readings
-- (issue 14). Null for first closes and for revisions recorded before causes existed.
ALTER TABLE kpi_period_view ADD COLUMN cause TEXT;
