// The environment, parsed once at start: a wrong value stops the server with a clear message.
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "#db/connect";

const schema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().min(1).default(DEFAULT_DATABASE_URL),
  SESSION_SECRET: z.string().min(16).optional(),
  MAP_TILE_URL: z.string().default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
  MAP_TILE_ATTRIBUTION: z.string().default("&copy; OpenStreetMap contributors"),
});

export type Env = z.infer<typeof schema>;

let parsed: Env | undefined;

export function getEnv(): Env {
  if (!parsed) {
    const result = schema.safeParse(process.env);
    if (!result.success) {
      const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid environment variables:\n  ${problems.join("\n  ")}`);
    }
    parsed = result.data;
  }
  return parsed;
}

/** What the browser may know: nothing secret. */
export function publicEnv() {
  const env = getEnv();
  return { MAP_TILE_URL: env.MAP_TILE_URL, MAP_TILE_ATTRIBUTION: env.MAP_TILE_ATTRIBUTION };
}
