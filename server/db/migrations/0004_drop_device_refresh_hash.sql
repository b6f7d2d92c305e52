DROP INDEX `devices_refresh_idx`;--> statement-breakpoint
ALTER TABLE `devices` DROP COLUMN `refresh_hash`;