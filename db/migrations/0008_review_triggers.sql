-- Units whose review events (unit fields 'review.e-…') may have changed since the review index
-- (review_events, db/queries/review.ts) last read them. Triggers rather than calls in every
-- writer, so no write path (pull, snapshot, verify repair, scope removal, local ops, acks,
-- rejections) can leave the index stale. Any write of a unit's server fields marks it: checking
-- the text for events here would cost every sync a scan of every unit's fields, whereas the
-- index reads only marked units, and only those holding events.
CREATE TRIGGER `review_base_insert` AFTER INSERT ON `sync_base` WHEN new.`entity` = 'unit' BEGIN
  INSERT OR IGNORE INTO `review_dirty` (`unit_id`) VALUES (new.`entity_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `review_base_update` AFTER UPDATE ON `sync_base` WHEN new.`entity` = 'unit' BEGIN
  INSERT OR IGNORE INTO `review_dirty` (`unit_id`) VALUES (new.`entity_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `review_base_delete` AFTER DELETE ON `sync_base` WHEN old.`entity` = 'unit' BEGIN
  INSERT OR IGNORE INTO `review_dirty` (`unit_id`) VALUES (old.`entity_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `review_outbox_insert` AFTER INSERT ON `sync_outbox`
WHEN new.`entity` = 'unit' AND new.`field` LIKE 'review.e-%' BEGIN
  INSERT OR IGNORE INTO `review_dirty` (`unit_id`) VALUES (new.`entity_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `review_outbox_delete` AFTER DELETE ON `sync_outbox`
WHEN old.`entity` = 'unit' AND old.`field` LIKE 'review.e-%' BEGIN
  INSERT OR IGNORE INTO `review_dirty` (`unit_id`) VALUES (old.`entity_id`);
END;
