CREATE TABLE `favourites` (
	`user_id` text NOT NULL,
	`restaurant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `restaurant_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`restaurant_id`) REFERENCES `restaurants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`phone` text NOT NULL,
	`receive_email_updates` integer DEFAULT true NOT NULL,
	`receive_phone_call` integer DEFAULT true NOT NULL,
	`receive_text_notification` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`last_login_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email` ON `users` (`email`);--> statement-breakpoint
ALTER TABLE `reservations` ADD `owner_user_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `reservations` ADD `guest_link_hash` text;--> statement-breakpoint
CREATE INDEX `reservations_owner_starts` ON `reservations` (`owner_user_id`,`starts_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `reservations_guest_link` ON `reservations` (`guest_link_hash`);--> statement-breakpoint
CREATE INDEX `reservations_restaurant_created` ON `reservations` (`restaurant_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `status_log` ADD `actor_kind` text DEFAULT 'api_key' NOT NULL;--> statement-breakpoint
-- Entries written before actor kinds existed came from API keys, or from the clock as 'system'.
UPDATE `status_log` SET `actor_kind` = 'system' WHERE `actor` = 'system';
