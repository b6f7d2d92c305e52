-- Fresh pulls write 10,000 base documents of ~2 KB each. Stored as text they filled one
-- encrypted 4 KB page each (two did not fit); as SQLite's binary JSON (jsonb, ~15% smaller)
-- two share a page, which halves what the pull encrypts and writes for sync_base. Readers
-- take json(fields), which accepts both forms, so rows written before this stay readable.
DROP INDEX `units_area_status_idx`;
--> statement-breakpoint
DROP TRIGGER `review_base_insert`;
--> statement-breakpoint
DROP TRIGGER `review_base_update`;
--> statement-breakpoint
DROP TRIGGER `review_base_delete`;
--> statement-breakpoint
UPDATE `sync_base` SET `fields` = jsonb(`fields`) WHERE typeof(`fields`) = 'text' AND json_valid(`fields`);
--> statement-breakpoint
-- A unit is marked for the review index only when its base holds (or held) review events:
-- instr finds the field name in text and in jsonb alike (keys are stored as plain UTF-8), so
-- the 10,000 units of a pull without any review no longer each cost a review_dirty row.
CREATE TRIGGER `review_base_insert` AFTER INSERT ON `sync_base`
WHEN new.`entity` = 'unit' AND instr(new.`fields`, 'review.e-') > 0 BEGIN
  INSERT INTO `review_dirty` (`unit_id`) SELECT new.`entity_id` WHERE NOT EXISTS (SELECT 1 FROM `review_dirty` WHERE `unit_id` = new.`entity_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `review_base_update` AFTER UPDATE ON `sync_base`
WHEN new.`entity` = 'unit' AND (instr(new.`fields`, 'review.e-') > 0 OR instr(old.`fields`, 'review.e-') > 0) BEGIN
  INSERT INTO `review_dirty` (`unit_id`) SELECT new.`entity_id` WHERE NOT EXISTS (SELECT 1 FROM `review_dirty` WHERE `unit_id` = new.`entity_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `review_base_delete` AFTER DELETE ON `sync_base`
WHEN old.`entity` = 'unit' AND instr(old.`fields`, 'review.e-') > 0 BEGIN
  INSERT INTO `review_dirty` (`unit_id`) SELECT old.`entity_id` WHERE NOT EXISTS (SELECT 1 FROM `review_dirty` WHERE `unit_id` = old.`entity_id`);
END;
