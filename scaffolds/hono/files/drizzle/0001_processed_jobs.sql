CREATE TABLE "processed_jobs" (
	"job_id" text PRIMARY KEY NOT NULL,
	"queue" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL
);
