// Lint is where the layer rules of DESIGN.md §1 live: each folder may import only the layers below it.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

const layers = [
  "model",
  "catalog",
  "resolver",
  "compiler",
  "checks",
  "store",
  "ui",
  "aws",
  "io",
  "cli",
];

/** Import patterns that forbid reaching the given sibling layers from inside src/<layer>. */
function forbidLayers(names) {
  return names.flatMap((name) => [`**/${name}`, `**/${name}/**`, `../${name}`, `../${name}/**`]);
}

const uiAndIo = ["react", "react-dom", "react-dom/*", "@xyflow/*", "zustand", "zustand/*"];
const outside = ["@aws-sdk/*", "node:*"];
// Bare Node built-ins as exact names: a pattern would also catch relative files such as ./path.
const nodeBuiltins = ["fs", "path", "child_process", "http", "https", "crypto"].map((name) => ({
  name,
  message: "The pure core does no Node I/O.",
}));

/** The pure core: no React, no AWS, no I/O, no clock, no randomness. */
function pureLayer(layer, allowed) {
  const forbidden = layers.filter((name) => name !== layer && !allowed.includes(name));
  return {
    files: [`src/${layer}/**/*.ts`],
    ignores: [`src/${layer}/**/*.test.ts`],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: nodeBuiltins,
          patterns: [
            {
              group: forbidLayers(forbidden),
              message: `src/${layer} may import only: ${allowed.join(", ") || "nothing"} (DESIGN.md §1).`,
            },
            {
              group: [...uiAndIo, ...outside],
              message: "The pure core imports no React, store, AWS or Node I/O.",
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "fetch", message: "No I/O in the pure core." },
        { name: "setTimeout", message: "No clock in the pure core." },
        { name: "localStorage", message: "No storage in the pure core." },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: "No clock in the pure core.",
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "No clock in the pure core.",
        },
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: "No randomness in the pure core.",
        },
      ],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      "dist",
      "**/.venv",
      "dist-e2e*",
      "node_modules",
      "playwright-report",
      "test-results*",
      "coverage",
      "bin",
      "examples/scripts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["src/ui/**/*.{ts,tsx}", "src/main.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  // Generic first: the per-layer blocks below replace this rule with stricter lists.
  {
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/aws/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@aws-sdk/*"], message: "Only src/aws talks to AWS." }] },
      ],
    },
  },
  pureLayer("model", []),
  pureLayer("catalog", ["model"]),
  pureLayer("resolver", ["model", "catalog"]),
  pureLayer("compiler", ["model", "catalog", "resolver"]),
  pureLayer("checks", ["model", "catalog", "resolver", "compiler"]),
  {
    files: ["src/store/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: forbidLayers(["ui", "cli"]),
              message: "The store sits below the UI (DESIGN.md §1).",
            },
            {
              group: ["react", "react-dom", "@xyflow/*", "@aws-sdk/*"],
              message: "The store imports no React and no AWS SDK.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/cli/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: forbidLayers(["ui", "store", "aws", "io"]),
              message: "The CLI uses the pure core only.",
            },
            {
              group: ["react", "react-dom", "@xyflow/*", "zustand", "@aws-sdk/*"],
              message: "The CLI runs in Node without the UI.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.test.ts", "tests/**/*.ts", "e2e/**/*.ts"],
    rules: { "no-restricted-syntax": "off", "no-restricted-globals": "off" },
  },
);
