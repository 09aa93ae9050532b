import { defineConfig } from "drizzle-kit";

/** The PostgreSQL store (issue 21): `npm run db:generate:pg`. The SQLite migrations stay in ./migrations. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/storage/pg/schema.ts",
  out: "./migrations/pg",
});
