-- Which enterprises changed since the in-memory directory index (electron/main/services/
-- directory-index.ts) last looked: the index answers lists, filters and search over 100,000
-- enterprises in milliseconds, and re-reads only the rows named here. Triggers rather than
-- calls in every writer, so no write path (services, sync, import) can forget it. The derived
-- flags (enterprise_flags) have one writer, directory-flags.ts, which tells the index itself.
CREATE TABLE `enterprise_dirty` (`id` text PRIMARY KEY NOT NULL);
--> statement-breakpoint
CREATE TRIGGER `enterprises_dirty_insert` AFTER INSERT ON `enterprises` BEGIN
  INSERT OR IGNORE INTO `enterprise_dirty` (`id`) VALUES (new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `enterprises_dirty_update` AFTER UPDATE ON `enterprises` BEGIN
  INSERT OR IGNORE INTO `enterprise_dirty` (`id`) VALUES (new.`id`);
  INSERT OR IGNORE INTO `enterprise_dirty` (`id`) VALUES (old.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `enterprises_dirty_delete` AFTER DELETE ON `enterprises` BEGIN
  INSERT OR IGNORE INTO `enterprise_dirty` (`id`) VALUES (old.`id`);
END;
