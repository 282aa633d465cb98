-- Blocks are stored as they are, like a Fabric peer's block files: compressing a block of 500
-- transactions (about 1.5 MB) with pglz cost the commit thread 10-20 ms per block, most of a
-- block's storage time, to save disk space that Fabric does not save either.
ALTER TABLE peer_block ALTER COLUMN bytes SET STORAGE EXTERNAL;
