DROP INDEX `form_packs_activated_idx`;--> statement-breakpoint
ALTER TABLE `form_packs` ADD `activation_seq` integer;--> statement-breakpoint
CREATE INDEX `form_packs_activation_idx` ON `form_packs` (`activation_seq`);--> statement-breakpoint
-- Packs put in force before this migration keep their order (by when they came into force).
UPDATE `form_packs` SET `activation_seq` = (SELECT COUNT(*) FROM `form_packs` AS p WHERE p.`activated_at` IS NOT NULL AND p.`activated_at` <= `form_packs`.`activated_at`) WHERE `activated_at` IS NOT NULL;