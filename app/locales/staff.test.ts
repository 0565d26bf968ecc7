// The staff's messages reach a browser only with the staff's pages (app/locales/staff.ts): no
// module that a resident's or vendor's page loads may use one, and every staff page loads them.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { enStaff } from "./staff.en";
import { zhCNStaff } from "./staff.zh-CN";
import { zhCN } from "./zh-CN";

const ROOT = path.resolve(__dirname, "../..");
const ROUTES = path.join(ROOT, "app/routes");
const isStaffRoute = (file: string) => /^(manage|counter)/.test(path.basename(file));
const isModule = (file: string) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file);

/** The app's own modules a file imports (not types: they never reach the browser). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const found: string[] = [];
  const pattern =
    /(?:^|\n)\s*(?:import|export)\s+(?!type\s)(?:[^;]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (const match of text.matchAll(pattern)) {
    const spec = match[1] ?? match[2]!;
    const base = spec.startsWith("~/")
      ? path.join(ROOT, "app", spec.slice(2))
      : spec.startsWith("#db/")
        ? path.join(ROOT, "db", spec.slice(4))
        : spec.startsWith(".")
          ? path.resolve(path.dirname(file), spec)
          : null;
    if (!base) continue;
    const resolved = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]
      .map((ext) => base + ext)
      .find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
    if (resolved) found.push(resolved);
  }
  return found;
}

/** Every module a resident's or vendor's page loads, on the server or in the browser. */
function publicModules(): Set<string> {
  const starts = fs
    .readdirSync(ROUTES)
    .map((name) => path.join(ROUTES, name))
    .filter((file) => isModule(file) && !isStaffRoute(file));
  starts.push(path.join(ROOT, "app/root.tsx"), path.join(ROOT, "app/entry.client.tsx"));
  const seen = new Set<string>();
  const stack = [...starts];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file) || file.includes(`${path.sep}locales${path.sep}`)) continue;
    seen.add(file);
    stack.push(...importsOf(file));
  }
  return seen;
}

describe("the staff's catalogue", () => {
  const staffKeys = Object.keys(zhCNStaff);

  it("has the same keys in both languages, none of them in the public catalogue", () => {
    expect(Object.keys(enStaff).sort()).toEqual([...staffKeys].sort());
    expect(staffKeys.filter((key) => key in zhCN)).toEqual([]);
  });

  it("is used by no module of a resident's or vendor's page", () => {
    const staff = new Set(staffKeys);
    const misused: string[] = [];
    for (const file of publicModules()) {
      const text = fs.readFileSync(file, "utf8");
      const where = path.relative(ROOT, file);
      for (const [, key] of text.matchAll(/["'`]([A-Za-z]\w*\.[\w.]+)["'`]/g))
        if (staff.has(key!)) misused.push(`${where}: ${key}`);
      // Keys put together at run time: `day.window.${state}`.
      for (const [, prefix] of text.matchAll(/`([A-Za-z]\w*\.[\w.]*)\$\{/g))
        if (staffKeys.some((key) => key.startsWith(prefix!))) misused.push(`${where}: ${prefix}…`);
    }
    expect(misused).toEqual([]);
  });

  it("is loaded by every staff page", () => {
    const missing = fs
      .readdirSync(ROUTES)
      .filter((name) => name.endsWith(".tsx") && isStaffRoute(name) && !name.includes(".test."))
      .filter(
        (name) =>
          !fs.readFileSync(path.join(ROUTES, name), "utf8").includes('import "~/locales/staff";'),
      );
    expect(missing).toEqual([]);
  });
});
