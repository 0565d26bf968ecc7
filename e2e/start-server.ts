// Playwright's web server: builds the app and starts it on a fresh, seeded database of its own,
// so that journeys start from the same demo data every run.
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { seed, seedOperations, seedRegulars } from "../db/seed";
import { E2E_DATABASE_URL } from "./settings";

const dir = path.dirname(E2E_DATABASE_URL.slice("file:".length));
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

execSync("npx remix build", { stdio: "inherit" });

const db = createDb(E2E_DATABASE_URL);
await migrateToLatest(db);
await seed(db);
await seedRegulars(db);
await seedOperations(db);
await db.destroy();

await import("../app/entry.express");
