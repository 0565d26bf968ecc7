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
/** Query builders and raw SQL outside app/models and db/. */
const queryRules = [
  {
    selector:
      "CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)$/]",
    message: "Queries live in app/models: call a model function.",
  },
  { selector: "TaggedTemplateExpression[tag.name='sql']", message: "Queries live in app/models." },
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
      "public/sw.js",
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
    // Layers (README, How it is built): routes, components and utils reach the database only
    // through models; a component imports no server module. Types from db/schema are fine.
    files: ["app/routes/**", "app/components/**", "app/utils/**", "app/root.tsx"],
    ignores: [
      "**/*.test.ts",
      // The one Kysely instance, and the URL helpers the environment and sessions read.
      "app/utils/db.server.ts",
      "app/utils/env.server.ts",
      "app/utils/session.server.ts",
    ],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              // db/errors only tells what a failure means; it runs no query.
              group: ["\\#db/*", "!\\#db/schema", "!\\#db/errors"],
              message: "Routes, components and utils reach the database through app/models.",
            },
            {
              group: ["\\#db/schema"],
              allowTypeImports: true,
              message: "Only types come from db/schema here.",
            },
            { group: ["kysely"], allowTypeImports: true, message: "Queries live in app/models." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/components/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["\\#db/*"],
              allowTypeImports: true,
              message: "Components get data as props.",
            },
            {
              group: ["~/**/*.server", "~/models/*"],
              allowTypeImports: true,
              message: "A component imports no server module.",
            },
          ],
        },
      ],
    },
  },
  {
    // The domain is pure rules: no models, no database, no messages (it returns codes).
    files: ["app/domain/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["~/models/*", "~/utils/*", "~/locales/*", "~/routes/*", "kysely"],
              message: "Domain rules are pure: no models, I/O or messages.",
            },
            { group: ["\\#db/*", "!\\#db/schema"], message: "Domain rules are pure: no database." },
            {
              group: ["\\#db/schema"],
              allowTypeImports: true,
              message: "Only types from db/schema.",
            },
          ],
        },
      ],
    },
  },
  {
    // One path for time (docs/decisions/011-time-is-an-input.md): instants are shown through
    // formatInstant with the zone's own time zone; the county's default is named once.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "app/domain/market-hours.ts"],
    rules: { "no-restricted-syntax": ["error", ...timeZoneRules, ...queryRules] },
  },
  {
    // Time is an input: models and domain rules take `now` from their caller, so a test can
    // fix it and a route passes the request's instant.
    files: ["app/domain/**"],
    ignores: ["**/*.test.ts", "app/domain/market-hours.ts"],
    rules: { "no-restricted-syntax": ["error", ...timeZoneRules, ...queryRules, ...clockRules] },
  },
  {
    // Models are where queries live.
    files: ["app/models/**"],
    ignores: ["**/*.test.ts"],
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
