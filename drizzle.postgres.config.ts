import { defineConfig } from "drizzle-kit";

/** PostgreSQL's migrations; `drizzle.config.ts` keeps SQLite's. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/postgres/schema.ts",
  out: "./drizzle/postgres",
});
