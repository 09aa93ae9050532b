CREATE TABLE "slack_installations" (
	"space_id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"team_name" text,
	"enterprise_id" text,
	"app_id" text,
	"bot_token" text NOT NULL,
	"bot_user_id" text NOT NULL,
	"bot_id" text,
	"scopes" text NOT NULL,
	"installed_by" text,
	"installed_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
