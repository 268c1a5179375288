CREATE TABLE `special_days` (
	`restaurant_id` text NOT NULL,
	`date` text NOT NULL,
	`hours` text NOT NULL,
	PRIMARY KEY(`restaurant_id`, `date`),
	FOREIGN KEY (`restaurant_id`) REFERENCES `restaurants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `restaurants` ADD `archived_at` integer;