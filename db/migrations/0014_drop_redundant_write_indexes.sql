-- A fresh pull inserts 10,000 units and their base rows; every index on those tables is
-- another B-tree each insert updates. These three serve no statement: the unit reads by area
-- all state deleted_at IS NULL and use units_list_idx / units_progress_idx, no query reads
-- units by USCC alone (duplicates use units_uscc_area_idx), and nothing reads sync_base by
-- area_code. Only indexes go: no row is touched.
DROP INDEX `units_area_idx`;--> statement-breakpoint
DROP INDEX `units_uscc_idx`;--> statement-breakpoint
DROP INDEX `sync_base_area_idx`;