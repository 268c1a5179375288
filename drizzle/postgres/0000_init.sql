CREATE TABLE "favourites" (
	"user_id" text NOT NULL,
	"restaurant_id" text NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "favourites_user_id_restaurant_id_pk" PRIMARY KEY("user_id","restaurant_id")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"api_key_name" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"state" text NOT NULL,
	"response_status" integer,
	"response_headers" jsonb,
	"response_body" text,
	"resource_id" text,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	CONSTRAINT "idempotency_keys_api_key_name_key_pk" PRIMARY KEY("api_key_name","key")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"dedupe_key" text NOT NULL,
	"reservation_id" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"subscriber" text,
	"payload" jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" bigint NOT NULL,
	"last_error" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"reset_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reservations" (
	"id" text PRIMARY KEY NOT NULL,
	"restaurant_id" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"phone" text NOT NULL,
	"email" text,
	"receive_email_updates" boolean NOT NULL,
	"receive_phone_call" boolean NOT NULL,
	"receive_text_notification" boolean NOT NULL,
	"occasion" text,
	"starts_at" bigint NOT NULL,
	"ends_at" bigint NOT NULL,
	"guest_count" integer NOT NULL,
	"status" integer DEFAULT 0 NOT NULL,
	"status_changed_at" bigint NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"owner_user_id" text,
	"guest_link_hash" text
);
--> statement-breakpoint
CREATE TABLE "restaurants" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"cuisine" text NOT NULL,
	"address" text NOT NULL,
	"time_zone" text NOT NULL,
	"opening_hours" jsonb NOT NULL,
	"slot_minutes" integer DEFAULT 15 NOT NULL,
	"dining_minutes" integer DEFAULT 90 NOT NULL,
	"capacity" integer NOT NULL,
	"max_party_size" integer NOT NULL,
	"rating" double precision DEFAULT 0 NOT NULL,
	"review_count" integer DEFAULT 0 NOT NULL,
	"price_level" integer NOT NULL,
	"external_id" text,
	"data_checked_at" bigint,
	"data_error" text,
	"data_failures" integer DEFAULT 0 NOT NULL,
	"data_retry_at" bigint,
	"archived_at" bigint
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "special_days" (
	"restaurant_id" text NOT NULL,
	"date" text NOT NULL,
	"hours" jsonb NOT NULL,
	CONSTRAINT "special_days_restaurant_id_date_pk" PRIMARY KEY("restaurant_id","date")
);
--> statement-breakpoint
CREATE TABLE "status_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "status_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"reservation_id" text NOT NULL,
	"from_status" integer,
	"to_status" integer NOT NULL,
	"at" bigint NOT NULL,
	"actor_kind" text DEFAULT 'api_key' NOT NULL,
	"actor" text NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"phone" text NOT NULL,
	"receive_email_updates" boolean DEFAULT true NOT NULL,
	"receive_phone_call" boolean DEFAULT true NOT NULL,
	"receive_text_notification" boolean DEFAULT false NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"last_login_at" bigint
);
--> statement-breakpoint
ALTER TABLE "favourites" ADD CONSTRAINT "favourites_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favourites" ADD CONSTRAINT "favourites_restaurant_id_restaurants_id_fk" FOREIGN KEY ("restaurant_id") REFERENCES "public"."restaurants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_restaurant_id_restaurants_id_fk" FOREIGN KEY ("restaurant_id") REFERENCES "public"."restaurants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "special_days" ADD CONSTRAINT "special_days_restaurant_id_restaurants_id_fk" FOREIGN KEY ("restaurant_id") REFERENCES "public"."restaurants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_log" ADD CONSTRAINT "status_log_reservation_id_reservations_id_fk" FOREIGN KEY ("reservation_id") REFERENCES "public"."reservations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idempotency_keys_expires" ON "idempotency_keys" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedupe_key" ON "outbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "outbox_due" ON "outbox" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbox_state_id" ON "outbox" USING btree ("state","id");--> statement-breakpoint
CREATE INDEX "reservations_restaurant_starts" ON "reservations" USING btree ("restaurant_id","starts_at");--> statement-breakpoint
CREATE INDEX "reservations_restaurant_stay" ON "reservations" USING btree ("restaurant_id",(ends_at - starts_at));--> statement-breakpoint
CREATE INDEX "reservations_starts_id" ON "reservations" USING btree ("starts_at","id");--> statement-breakpoint
CREATE INDEX "reservations_phone" ON "reservations" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "reservations_status_starts" ON "reservations" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "reservations_owner_starts" ON "reservations" USING btree ("owner_user_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reservations_guest_link" ON "reservations" USING btree ("guest_link_hash");--> statement-breakpoint
CREATE INDEX "reservations_restaurant_created" ON "reservations" USING btree ("restaurant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "restaurants_name_id" ON "restaurants" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "restaurants_cuisine" ON "restaurants" USING btree ("cuisine");--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "status_log_reservation" ON "status_log" USING btree ("reservation_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email" ON "users" USING btree ("email");