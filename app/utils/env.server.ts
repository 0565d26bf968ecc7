// The environment, parsed once at start: a wrong value stops the server with a clear message.
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "#db/connect";
import { parseTemplateCodes, SMS_KINDS } from "~/domain/sms-templates";
import { tileSettings, type TileSettings } from "~/domain/tile-sources";

const schema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().min(1).default(DEFAULT_DATABASE_URL),
  SESSION_SECRET: z.string().min(16).optional(),
  /** The base map (docs/decisions/021-base-maps.md): Tianditu when TIANDITU_KEY is given. */
  MAP_TILES: z.enum(["tianditu", "tianditu-imagery", "custom", "none"]).optional(),
  TIANDITU_KEY: z.string().min(1).optional(),
  /** For MAP_TILES=custom: a tile URL template; empty, no base map. */
  MAP_TILE_URL: z.string().default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
  MAP_TILE_SUBDOMAINS: z.string().optional(),
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
  /** Where SMS go (docs/decisions/018-sms.md): "log" keeps them in the outbox and the log. */
  SMS_PROVIDER: z.enum(["log", "aliyun", "tencent"]).default("log"),
  /** The approved sign name (签名) the provider puts before each message. */
  SMS_SIGN_NAME: z.string().min(1).default("集市"),
  /** Approved templates: `verify_code=SMS_123,verify_code.en=SMS_124,…` (docs/sms-templates.md). */
  SMS_TEMPLATE_CODES: z.string().default(""),
  /** The provider's address, for a proxy or a local stand-in; each provider's own by default. */
  SMS_ENDPOINT: z.string().url().optional(),
  SMS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Codes (sign-up, reset) everyone together may be sent in 24 hours: a brake on SMS pumping. */
  SMS_CODES_PER_DAY: z.coerce.number().int().min(1).default(1000),
  ALIYUN_ACCESS_KEY_ID: z.string().min(1).optional(),
  ALIYUN_ACCESS_KEY_SECRET: z.string().min(1).optional(),
  TENCENT_SECRET_ID: z.string().min(1).optional(),
  TENCENT_SECRET_KEY: z.string().min(1).optional(),
  TENCENT_SMS_SDK_APP_ID: z.string().min(1).optional(),
  TENCENT_SMS_REGION: z.string().min(1).default("ap-guangzhou"),
});

export type Env = z.infer<typeof schema>;

const REQUIRED_SMS_SETTINGS = {
  log: [],
  aliyun: ["ALIYUN_ACCESS_KEY_ID", "ALIYUN_ACCESS_KEY_SECRET"],
  tencent: ["TENCENT_SECRET_ID", "TENCENT_SECRET_KEY", "TENCENT_SMS_SDK_APP_ID"],
} as const;

/** A real provider needs its keys and an approved template for every kind of message. */
function checkSmsSettings(env: Env, ctx: z.RefinementCtx) {
  if (env.SMS_PROVIDER === "log") return;
  for (const name of REQUIRED_SMS_SETTINGS[env.SMS_PROVIDER]) {
    if (!env[name])
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: `needed for SMS_PROVIDER=${env.SMS_PROVIDER}`,
      });
  }
  const { codes, problems } = parseTemplateCodes(env.SMS_TEMPLATE_CODES);
  for (const pair of problems)
    ctx.addIssue({
      code: "custom",
      path: ["SMS_TEMPLATE_CODES"],
      message: `not kind=code: ${pair}`,
    });
  const missing = SMS_KINDS.filter((kind) => !codes[kind]);
  if (missing.length > 0)
    ctx.addIssue({
      code: "custom",
      path: ["SMS_TEMPLATE_CODES"],
      message: `no template code for ${missing.join(", ")} (docs/sms-templates.md)`,
    });
}

/** A base map that cannot be drawn, or would draw markets in the wrong place, stops the start. */
function checkTileSettings(env: Env, ctx: z.RefinementCtx) {
  const tiles = tileSettings(env);
  if (!tiles.ok) ctx.addIssue({ code: "custom", path: ["MAP_TILES"], message: tiles.problem });
}

let parsed: Env | undefined;

export function getEnv(): Env {
  if (!parsed) {
    const result = schema
      .superRefine(checkSmsSettings)
      .superRefine(checkTileSettings)
      .safeParse(process.env);
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
  tiles = undefined;
}

/**
 * This site's address on a page answering `request`: APP_URL when set, else the address the
 * page was asked at (a poster or a QR code never says "localhost" to a phone).
 */
export function siteUrl(request: Request): string {
  const env = getEnv();
  return env.APP_URL ? env.APP_URL.replace(/\/$/, "") : new URL(request.url).origin;
}

/** This site's address in what is sent away (SMS, e-mail), where there is no request to ask. */
export function appUrl(): string {
  const env = getEnv();
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}

let tiles: TileSettings | undefined;

/** The base map's layers (checked at start), worked out once: every map page sends them. */
export function mapTiles(): TileSettings {
  if (!tiles) {
    const result = tileSettings(getEnv());
    tiles = result.ok ? result.settings : { layers: [] };
  }
  return tiles;
}

/** What the browser may know: nothing secret (a Tianditu key is a browser key, bound to our domain). */
export function publicEnv() {
  return { MAP_TILES: mapTiles() };
}
