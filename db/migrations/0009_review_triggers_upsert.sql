-- 0008's triggers marked units with INSERT OR IGNORE, but a trigger takes the conflict policy
-- of the statement that fired it, and the sync engine writes sync_base with an upsert
-- (INSERT … ON CONFLICT DO UPDATE): a second mark of the same unit then failed the whole pull
-- with a UNIQUE error. The marks now never conflict: they insert only what is not there yet.
DROP TRIGGER `review_base_insert`;
--> statement-breakpoint
DROP TRIGGER `review_base_update`;
--> statement-breakpoint
DROP TRIGGER `review_base_delete`;
--> statement-breakpoint
DROP TRIGGER `review_outbox_insert`;
--> statement-breakpoint
DROP TRIGGER `review_outbox_delete`;
--> statement-breakpoint
CREATE TRIGGER `review_base_insert` AFTER INSERT ON `sync_base` WHEN new.`entity` = 'unit' BEGIN
  INSERT INTO `review_dirty` (`unit_id`) SELECT new.`entity_id` WHERE NOT EXISTS (SELECT 1 FROM `review_dirty` WHERE `unit_id` = new.`entity_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `review_base_update` AFTER UPDATE ON `sync_base` WHEN new.`entity` = 'unit' BEGIN
  INSERT INTO `review_dirty` (`unit_id`) SELECT new.`entity_id` WHERE NOT EXISTS (SELECT 1 FROM `review_dirty` WHERE `unit_id` = new.`entity_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `review_base_delete` AFTER DELETE ON `sync_base` WHEN old.`entity` = 'unit' BEGIN
  INSERT INTO `review_dirty` (`unit_id`) SELECT old.`entity_id` WHERE NOT EXISTS (SELECT 1 FROM `review_dirty` WHERE `unit_id` = old.`entity_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `review_outbox_insert` AFTER INSERT ON `sync_outbox`
WHEN new.`entity` = 'unit' AND new.`field` LIKE 'review.e-%' BEGIN
  INSERT INTO `review_dirty` (`unit_id`) SELECT new.`entity_id` WHERE NOT EXISTS (SELECT 1 FROM `review_dirty` WHERE `unit_id` = new.`entity_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `review_outbox_delete` AFTER DELETE ON `sync_outbox`
WHEN old.`entity` = 'unit' AND old.`field` LIKE 'review.e-%' BEGIN
  INSERT INTO `review_dirty` (`unit_id`) SELECT old.`entity_id` WHERE NOT EXISTS (SELECT 1 FROM `review_dirty` WHERE `unit_id` = old.`entity_id`);
END;
