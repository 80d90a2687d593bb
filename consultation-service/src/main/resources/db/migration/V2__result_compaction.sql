-- After closing, the counter shards of result_cell are folded into shard -1 (written only by the
-- compaction), so reads of a closed consultation touch one row per counter. This marks it done.
ALTER TABLE consultation ADD COLUMN results_compacted BOOLEAN NOT NULL DEFAULT false;
