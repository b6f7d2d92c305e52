-- Groups of the analysis rollup (analysis_rollup, electron/main/analysis/rollup.ts) that must be
-- recomputed. A group is (year, township = first 9 digits of division_code, 2-digit industry
-- division, scale). Any write of a ledger month marks its enterprise's group for that year; an
-- enterprise whose township, industry, scale or deletion changes marks its old and its new group
-- for every year it has a ledger row, so its figures leave the one and join the other. Triggers
-- rather than calls in every writer, so no write path (services, import, sync materialisation,
-- repair) can leave the analysis stale. A mark never conflicts (NOT EXISTS rather than OR
-- IGNORE): a trigger takes the conflict policy of the statement that fired it, and ledger rows
-- are written with upserts (see 0012).
CREATE TRIGGER `ledger_months_analysis_insert` AFTER INSERT ON `ledger_months` BEGIN
  INSERT INTO `analysis_rollup_dirty` (`year`, `township`, `division`, `scale`)
    SELECT new.`year`, substr(e.`division_code`, 1, 9), substr(e.`industry_code`, 1, 2), e.`scale` FROM `enterprises` e
    WHERE e.`id` = new.`enterprise_id` AND NOT EXISTS (SELECT 1 FROM `analysis_rollup_dirty` d WHERE d.`year` = new.`year`
      AND d.`township` = substr(e.`division_code`, 1, 9) AND d.`division` = substr(e.`industry_code`, 1, 2) AND d.`scale` = e.`scale`);
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_months_analysis_update` AFTER UPDATE ON `ledger_months` BEGIN
  INSERT INTO `analysis_rollup_dirty` (`year`, `township`, `division`, `scale`)
    SELECT new.`year`, substr(e.`division_code`, 1, 9), substr(e.`industry_code`, 1, 2), e.`scale` FROM `enterprises` e
    WHERE e.`id` = new.`enterprise_id` AND NOT EXISTS (SELECT 1 FROM `analysis_rollup_dirty` d WHERE d.`year` = new.`year`
      AND d.`township` = substr(e.`division_code`, 1, 9) AND d.`division` = substr(e.`industry_code`, 1, 2) AND d.`scale` = e.`scale`);
  INSERT INTO `analysis_rollup_dirty` (`year`, `township`, `division`, `scale`)
    SELECT old.`year`, substr(e.`division_code`, 1, 9), substr(e.`industry_code`, 1, 2), e.`scale` FROM `enterprises` e
    WHERE e.`id` = old.`enterprise_id` AND NOT EXISTS (SELECT 1 FROM `analysis_rollup_dirty` d WHERE d.`year` = old.`year`
      AND d.`township` = substr(e.`division_code`, 1, 9) AND d.`division` = substr(e.`industry_code`, 1, 2) AND d.`scale` = e.`scale`);
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_months_analysis_delete` AFTER DELETE ON `ledger_months` BEGIN
  INSERT INTO `analysis_rollup_dirty` (`year`, `township`, `division`, `scale`)
    SELECT old.`year`, substr(e.`division_code`, 1, 9), substr(e.`industry_code`, 1, 2), e.`scale` FROM `enterprises` e
    WHERE e.`id` = old.`enterprise_id` AND NOT EXISTS (SELECT 1 FROM `analysis_rollup_dirty` d WHERE d.`year` = old.`year`
      AND d.`township` = substr(e.`division_code`, 1, 9) AND d.`division` = substr(e.`industry_code`, 1, 2) AND d.`scale` = e.`scale`);
END;
--> statement-breakpoint
CREATE TRIGGER `enterprises_analysis_move` AFTER UPDATE OF `division_code`, `industry_code`, `scale`, `deleted_at` ON `enterprises`
WHEN substr(old.`division_code`, 1, 9) IS NOT substr(new.`division_code`, 1, 9) OR substr(old.`industry_code`, 1, 4) IS NOT substr(new.`industry_code`, 1, 4)
  OR old.`scale` IS NOT new.`scale` OR (old.`deleted_at` IS NULL) <> (new.`deleted_at` IS NULL)
BEGIN
  INSERT INTO `analysis_rollup_dirty` (`year`, `township`, `division`, `scale`)
    SELECT DISTINCT l.`year`, substr(old.`division_code`, 1, 9), substr(old.`industry_code`, 1, 2), old.`scale` FROM `ledger_months` l
    WHERE l.`enterprise_id` = old.`id` AND NOT EXISTS (SELECT 1 FROM `analysis_rollup_dirty` d WHERE d.`year` = l.`year`
      AND d.`township` = substr(old.`division_code`, 1, 9) AND d.`division` = substr(old.`industry_code`, 1, 2) AND d.`scale` = old.`scale`);
  INSERT INTO `analysis_rollup_dirty` (`year`, `township`, `division`, `scale`)
    SELECT DISTINCT l.`year`, substr(new.`division_code`, 1, 9), substr(new.`industry_code`, 1, 2), new.`scale` FROM `ledger_months` l
    WHERE l.`enterprise_id` = new.`id` AND NOT EXISTS (SELECT 1 FROM `analysis_rollup_dirty` d WHERE d.`year` = l.`year`
      AND d.`township` = substr(new.`division_code`, 1, 9) AND d.`division` = substr(new.`industry_code`, 1, 2) AND d.`scale` = new.`scale`);
END;
--> statement-breakpoint
CREATE TRIGGER `enterprises_analysis_delete` AFTER DELETE ON `enterprises` BEGIN
  INSERT INTO `analysis_rollup_dirty` (`year`, `township`, `division`, `scale`)
    SELECT DISTINCT l.`year`, substr(old.`division_code`, 1, 9), substr(old.`industry_code`, 1, 2), old.`scale` FROM `ledger_months` l
    WHERE l.`enterprise_id` = old.`id` AND NOT EXISTS (SELECT 1 FROM `analysis_rollup_dirty` d WHERE d.`year` = l.`year`
      AND d.`township` = substr(old.`division_code`, 1, 9) AND d.`division` = substr(old.`industry_code`, 1, 2) AND d.`scale` = old.`scale`);
END;
--> statement-breakpoint
-- Existing stores: every group with a ledger row, computed at the first analysis.
INSERT OR IGNORE INTO `analysis_rollup_dirty` (`year`, `township`, `division`, `scale`)
  SELECT DISTINCT l.`year`, substr(e.`division_code`, 1, 9), substr(e.`industry_code`, 1, 2), e.`scale`
  FROM `ledger_months` l JOIN `enterprises` e ON e.`id` = l.`enterprise_id`;
