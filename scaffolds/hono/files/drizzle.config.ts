// drizzle-kit reads this: `npm run db:generate` turns changes of src/lib/db/schema.ts
// into a new SQL migration in drizzle/.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./src/lib/db/schema.ts",
  out: "./drizzle",
  strict: true,
  verbose: true,
});
