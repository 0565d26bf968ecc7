import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const timeZoneRules = [
  {
    selector: "Literal[value='Asia/Shanghai']",
    message: "Use the zone's time_zone, or DEFAULT_TIME_ZONE from ~/domain/market-hours.",
  },
  {
    selector: "CallExpression[callee.property.name='toLocaleString']",
    message: "Show instants with formatInstant(locale, instant, timeZone) from ~/utils/i18n.",
  },
];
const clockRules = [
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: "Take `now: Date` as a parameter instead of reading the clock.",
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: "Take `now: Date` as a parameter instead of reading the clock.",
  },
];

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      "node_modules/**",
      "data/**",
      "playwright-report/**",
      "test-results/**",
      ".cache/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-explicit-any": ["error", { ignoreRestArgs: true }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // One path for time (docs/decisions/011-time-is-an-input.md): instants are shown through
    // formatInstant with the zone's own time zone; the county's default is named once.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "app/domain/market-hours.ts"],
    rules: { "no-restricted-syntax": ["error", ...timeZoneRules] },
  },
  {
    // Time is an input: models and domain rules take `now` from their caller, so a test can
    // fix it and a route passes the request's instant.
    files: ["app/models/**", "app/domain/**"],
    ignores: ["**/*.test.ts", "app/domain/market-hours.ts"],
    rules: { "no-restricted-syntax": ["error", ...timeZoneRules, ...clockRules] },
  },
  {
    // Playwright fixtures call `use`, which is not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Migrations and the dialect helper take Kysely<any>, as Kysely's docs ask: they must not
    // depend on today's schema types.
    files: ["db/migrations/**", "db/portable.ts", "db/migrate.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
