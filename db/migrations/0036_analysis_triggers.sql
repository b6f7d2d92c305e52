-- Enterprises whose part in the analysis rollup (analysis_rollup, electron/main/analysis/
-- rollup.ts) must be recomputed: any write of a ledger month marks its enterprise, and so does a
-- change of an enterprise's township, industry, scale or deletion (its part moves to another
-- group). Triggers rather than calls in every writer, so no write path (services, import, sync
-- materialisation, repair) can leave the analysis stale. A mark never conflicts (NOT EXISTS
-- rather than OR IGNORE): a trigger takes the conflict policy of the statement that fired it,
-- and ledger rows are written with upserts (see 0012).
CREATE TRIGGER `ledger_months_analysis_insert` AFTER INSERT ON `ledger_months` BEGIN
  INSERT INTO `analysis_dirty` (`enterprise_id`) SELECT new.`enterprise_id` WHERE NOT EXISTS (SELECT 1 FROM `analysis_dirty` WHERE `enterprise_id` = new.`enterprise_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_months_analysis_update` AFTER UPDATE ON `ledger_months` BEGIN
  INSERT INTO `analysis_dirty` (`enterprise_id`) SELECT new.`enterprise_id` WHERE NOT EXISTS (SELECT 1 FROM `analysis_dirty` WHERE `enterprise_id` = new.`enterprise_id`);
  INSERT INTO `analysis_dirty` (`enterprise_id`) SELECT old.`enterprise_id` WHERE NOT EXISTS (SELECT 1 FROM `analysis_dirty` WHERE `enterprise_id` = old.`enterprise_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_months_analysis_delete` AFTER DELETE ON `ledger_months` BEGIN
  INSERT INTO `analysis_dirty` (`enterprise_id`) SELECT old.`enterprise_id` WHERE NOT EXISTS (SELECT 1 FROM `analysis_dirty` WHERE `enterprise_id` = old.`enterprise_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `enterprises_analysis_move` AFTER UPDATE OF `division_code`, `industry_code`, `scale`, `deleted_at` ON `enterprises`
WHEN substr(old.`division_code`, 1, 9) IS NOT substr(new.`division_code`, 1, 9) OR old.`industry_code` IS NOT new.`industry_code`
  OR old.`scale` IS NOT new.`scale` OR (old.`deleted_at` IS NULL) <> (new.`deleted_at` IS NULL)
BEGIN
  INSERT INTO `analysis_dirty` (`enterprise_id`) SELECT new.`id` WHERE NOT EXISTS (SELECT 1 FROM `analysis_dirty` WHERE `enterprise_id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `enterprises_analysis_delete` AFTER DELETE ON `enterprises` BEGIN
  INSERT INTO `analysis_dirty` (`enterprise_id`) SELECT old.`id` WHERE NOT EXISTS (SELECT 1 FROM `analysis_dirty` WHERE `enterprise_id` = old.`id`);
END;
--> statement-breakpoint
-- Existing stores: every enterprise with a ledger, computed at the first analysis.
INSERT OR IGNORE INTO `analysis_dirty` (`enterprise_id`) SELECT DISTINCT `enterprise_id` FROM `ledger_months`;
