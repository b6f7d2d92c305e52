-- Enterprises whose ledger summaries (ledger_summaries, electron/main/services/
-- ledger-summaries.ts) must be recomputed: any write of a ledger month or of an evidence
-- reference marks its enterprise. Triggers rather than calls in every writer, so no write path
-- (services, import, sync materialisation, repair) can leave the township and bureau views
-- stale. Every enterprise that already has a ledger or evidence is marked once here, so the
-- first statistics after this migration compute the summaries of existing stores. A mark never
-- conflicts (NOT EXISTS rather than OR IGNORE): a trigger takes the conflict policy of the
-- statement that fired it, and ledger and evidence rows are written with upserts (see 0009).
CREATE TRIGGER `ledger_months_summary_insert` AFTER INSERT ON `ledger_months` BEGIN
  INSERT INTO `ledger_summary_dirty` (`enterprise_id`) SELECT new.`enterprise_id` WHERE NOT EXISTS (SELECT 1 FROM `ledger_summary_dirty` WHERE `enterprise_id` = new.`enterprise_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_months_summary_update` AFTER UPDATE ON `ledger_months` BEGIN
  INSERT INTO `ledger_summary_dirty` (`enterprise_id`) SELECT new.`enterprise_id` WHERE NOT EXISTS (SELECT 1 FROM `ledger_summary_dirty` WHERE `enterprise_id` = new.`enterprise_id`);
  INSERT INTO `ledger_summary_dirty` (`enterprise_id`) SELECT old.`enterprise_id` WHERE NOT EXISTS (SELECT 1 FROM `ledger_summary_dirty` WHERE `enterprise_id` = old.`enterprise_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_months_summary_delete` AFTER DELETE ON `ledger_months` BEGIN
  INSERT INTO `ledger_summary_dirty` (`enterprise_id`) SELECT old.`enterprise_id` WHERE NOT EXISTS (SELECT 1 FROM `ledger_summary_dirty` WHERE `enterprise_id` = old.`enterprise_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `evidence_summary_insert` AFTER INSERT ON `evidence` BEGIN
  INSERT INTO `ledger_summary_dirty` (`enterprise_id`) SELECT new.`enterprise_id` WHERE NOT EXISTS (SELECT 1 FROM `ledger_summary_dirty` WHERE `enterprise_id` = new.`enterprise_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `evidence_summary_update` AFTER UPDATE ON `evidence` BEGIN
  INSERT INTO `ledger_summary_dirty` (`enterprise_id`) SELECT new.`enterprise_id` WHERE NOT EXISTS (SELECT 1 FROM `ledger_summary_dirty` WHERE `enterprise_id` = new.`enterprise_id`);
  INSERT INTO `ledger_summary_dirty` (`enterprise_id`) SELECT old.`enterprise_id` WHERE NOT EXISTS (SELECT 1 FROM `ledger_summary_dirty` WHERE `enterprise_id` = old.`enterprise_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `evidence_summary_delete` AFTER DELETE ON `evidence` BEGIN
  INSERT INTO `ledger_summary_dirty` (`enterprise_id`) SELECT old.`enterprise_id` WHERE NOT EXISTS (SELECT 1 FROM `ledger_summary_dirty` WHERE `enterprise_id` = old.`enterprise_id`);
END;
--> statement-breakpoint
INSERT OR IGNORE INTO `ledger_summary_dirty` (`enterprise_id`) SELECT DISTINCT `enterprise_id` FROM `ledger_months`;
--> statement-breakpoint
INSERT OR IGNORE INTO `ledger_summary_dirty` (`enterprise_id`) SELECT DISTINCT `enterprise_id` FROM `evidence`;
