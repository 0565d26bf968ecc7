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
  /** Where vendors' papers are kept: outside public/, shared by all instances. */
  UPLOAD_DIR: z.string().min(1).default("data/uploads"),
  /** The address people reach the app at, for links in e-mails. */
  APP_URL: z.string().url().optional(),
  /** smtp://user:pass@host:587 — when set, e-mail is really sent; otherwise only the outbox. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("集市 Jishi <no-reply@jishi.example>"),
  /** Set to the number of proxies in front of the app, so that rate limits see real addresses. */
  TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  /** "off" only for load tests and journeys that sign up many times from one address. */
  RATE_LIMITS: z.enum(["on", "off"]).default("on"),
  PAGE_CACHE: z.enum(["on", "off"]).default("on"),
  /** Upload quotas (docs/decisions/014-upload-quotas.md): per person in 24 hours… */
  UPLOAD_FILES_PER_DAY: z.coerce.number().int().min(1).default(20),
  UPLOAD_MB_PER_DAY: z.coerce.number().int().min(1).default(40),
  /** …everyone's together in 24 hours, and the free disk below which uploads are refused. */
  UPLOAD_TOTAL_MB_PER_DAY: z.coerce.number().int().min(1).default(2000),
  UPLOAD_MIN_FREE_MB: z.coerce.number().int().min(0).default(500),
  /** Server processes (app/server.ts): one per core unless told. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).optional(),
  /** The JavaScript heap of each server process under the cluster, MB; 0 leaves Node's own. */
  SERVER_HEAP_MB: z.coerce.number().int().min(0).default(192),
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
/** Tests that change the environment read it afresh. */
export function resetEnvForTests() {
  parsed = undefined;
}

export function appUrl(): string {
  const env = getEnv();
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}

export function publicEnv() {
  const env = getEnv();
  return { MAP_TILE_URL: env.MAP_TILE_URL, MAP_TILE_ATTRIBUTION: env.MAP_TILE_ATTRIBUTION };
}
