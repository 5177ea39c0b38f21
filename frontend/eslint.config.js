// @ts-check
import { readdirSync } from "node:fs";
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/*
 * Import boundaries, after bulletproof-react's `import/no-restricted-paths` zones:
 *   - a feature never imports another feature (src/app composes them and passes components in);
 *   - features never import src/app;
 *   - shared code (src/lib, src/components, src/api, src/i18n) imports neither features nor app.
 *
 * Why eslint-plugin-import-x: it is the maintained fork of eslint-plugin-import (released monthly,
 * ESLint 10 in its peer range; eslint-plugin-import 2.32 stops at ESLint 9), and its
 * no-restricted-paths checks the *resolved* file of every import, so `../../units/...`,
 * `../../../features/units/...` and any future alias are all caught. ESLint's built-in
 * no-restricted-imports only matches the import string, which relative paths make unreliable.
 * Imports the resolver cannot find are not checked by that rule, so `import-x/no-unresolved`
 * runs too: an import that slips past the resolver is an error of its own.
 */
const FEATURES = readdirSync(new URL("./src/features", import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const SHARED = ["./src/lib", "./src/components", "./src/api", "./src/i18n"];

const boundaries = [
  ...FEATURES.map((feature) => ({
    target: `./src/features/${feature}`,
    from: "./src/features",
    except: [`./${feature}`],
    message: "Features do not import each other: src/app composes them (pass a component or a value in as a prop).",
  })),
  {
    target: "./src/features",
    from: "./src/app",
    message: "Features do not import src/app: the app composes features, not the other way round.",
  },
  {
    target: SHARED,
    from: ["./src/features", "./src/app"],
    message: "Shared code (lib, components, api, i18n) imports neither features nor app: move the shared piece down instead.",
  },
];

/*
 * The level: ESLint's and typescript-eslint's recommended rules (syntax only, fast), plus one
 * type-aware rule worth its cost, no-floating-promises (a dropped `mutateAsync` or `navigate`
 * promise loses its error); react-hooks' recommended-latest (the rules of hooks and the React
 * Compiler's checks). `npm run lint` fails on warnings too (--max-warnings 0).
 */
export default defineConfig(
  { ignores: ["dist", "node_modules", "src/api/schema.gen.ts", "e2e/screenshots"] },
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    plugins: { "import-x": importX },
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      // Types for no-floating-promises from the tsconfig that owns each file (app, e2e, node).
      parserOptions: {
        projectService: { allowDefaultProject: ["*.config.js", "scripts/*.mjs"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    settings: {
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs", ".json"],
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".mjs", ".json", ".d.ts"] })],
    },
    rules: {
      "import-x/no-restricted-paths": ["error", { zones: boundaries }],
      "import-x/no-unresolved": ["error", { ignore: ["\\.(css|svg|png)$"] }],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-self-import": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat["recommended-latest"]],
    languageOptions: { globals: globals.browser },
  },
  {
    // Query keys are built by each feature's api/keys.ts and used through the query-options
    // factories; a literal key anywhere else drifts from the one the query was cached under.
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/features/*/api/keys.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "Property[key.name=/^(queryKey|mutationKey)$/] > ArrayExpression.value",
          message: "Build query keys in the feature's api/keys.ts (or take a factory's .queryKey).",
        },
        {
          selector:
            "CallExpression[callee.property.name=/^(get|set|remove|cancel|invalidate|refetch|reset)Quer(y|ies)(Data)?$/] > ArrayExpression.arguments",
          message: "Build query keys in the feature's api/keys.ts (or take a factory's .queryKey).",
        },
      ],
    },
  },
  {
    files: ["e2e/**", "scripts/**", "*.config.{ts,js}"],
    languageOptions: { globals: globals.node },
  },
);
