-- Outbox per channel: one row per message and channel (email, sms, voice) or webhook subscriber,
-- each with its own attempts, next try, last error and state. Hand-written data move: a column
-- added NOT NULL needs a default for the rows already there, so every existing row becomes the
-- email row of its message (its dedupe key gains ':email'), and gets an sms and a voice twin in
-- the same state, so that a message already sent (or a reminder already queued) is not queued
-- again under the new per-channel keys. Old payloads carry no snapshot; they are rendered from
-- the current reservation, as before.
ALTER TABLE `outbox` ADD `channel` text NOT NULL DEFAULT 'email';--> statement-breakpoint
ALTER TABLE `outbox` ADD `subscriber` text;--> statement-breakpoint
INSERT INTO `outbox` (`dedupe_key`, `reservation_id`, `kind`, `channel`, `payload`, `state`, `attempts`, `next_attempt_at`, `last_error`, `created_at`, `updated_at`)
  SELECT `dedupe_key` || ':' || `c`.`value`, `reservation_id`, `kind`, `c`.`value`, `payload`, `state`, `attempts`, `next_attempt_at`, `last_error`, `created_at`, `updated_at`
  FROM `outbox`, json_each('["sms","voice"]') AS `c`;--> statement-breakpoint
UPDATE `outbox` SET `dedupe_key` = `dedupe_key` || ':email' WHERE `channel` = 'email';--> statement-breakpoint
CREATE INDEX `outbox_state_id` ON `outbox` (`state`,`id`);--> statement-breakpoint
ALTER TABLE `restaurants` ADD `external_id` text;--> statement-breakpoint
ALTER TABLE `restaurants` ADD `data_checked_at` integer;--> statement-breakpoint
ALTER TABLE `restaurants` ADD `data_error` text;--> statement-breakpoint
ALTER TABLE `restaurants` ADD `data_failures` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `restaurants` ADD `data_retry_at` integer;
