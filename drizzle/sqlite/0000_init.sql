CREATE TABLE `idempotency_keys` (
	`api_key_name` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`state` text NOT NULL,
	`response_status` integer,
	`response_headers` text,
	`response_body` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`api_key_name`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_expires` ON `idempotency_keys` (`expires_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`reservation_id` text NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`reservation_id`) REFERENCES `reservations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`hits` integer NOT NULL,
	`reset_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reservations` (
	`id` text PRIMARY KEY NOT NULL,
	`restaurant_id` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`phone` text NOT NULL,
	`email` text,
	`receive_email_updates` integer NOT NULL,
	`receive_phone_call` integer NOT NULL,
	`receive_text_notification` integer NOT NULL,
	`occasion` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`guest_count` integer NOT NULL,
	`status` integer DEFAULT 0 NOT NULL,
	`status_changed_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`restaurant_id`) REFERENCES `restaurants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reservations_restaurant_starts` ON `reservations` (`restaurant_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `reservations_starts_id` ON `reservations` (`starts_at`,`id`);--> statement-breakpoint
CREATE INDEX `reservations_phone` ON `reservations` (`phone`);--> statement-breakpoint
CREATE INDEX `reservations_status_starts` ON `reservations` (`status`,`starts_at`);--> statement-breakpoint
CREATE TABLE `restaurants` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`cuisine` text NOT NULL,
	`address` text NOT NULL,
	`time_zone` text NOT NULL,
	`opening_hours` text NOT NULL,
	`slot_minutes` integer DEFAULT 15 NOT NULL,
	`dining_minutes` integer DEFAULT 90 NOT NULL,
	`capacity` integer NOT NULL,
	`max_party_size` integer NOT NULL,
	`rating` real DEFAULT 0 NOT NULL,
	`review_count` integer DEFAULT 0 NOT NULL,
	`price_level` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `restaurants_name_id` ON `restaurants` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `restaurants_cuisine` ON `restaurants` (`cuisine`);--> statement-breakpoint
CREATE TABLE `status_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reservation_id` text NOT NULL,
	`from_status` integer,
	`to_status` integer NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`reason` text NOT NULL,
	FOREIGN KEY (`reservation_id`) REFERENCES `reservations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `status_log_reservation` ON `status_log` (`reservation_id`,`id`);