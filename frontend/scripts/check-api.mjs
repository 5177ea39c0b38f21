// Fails when src/api/schema.gen.ts is stale relative to ../openapi.yaml.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "qcdc-api-"));
const out = join(dir, "schema.gen.ts");
try {
  execFileSync("npx", ["openapi-typescript", "../openapi.yaml", "-o", out], { stdio: "inherit" });
  if (readFileSync(out, "utf8") !== readFileSync("src/api/schema.gen.ts", "utf8")) {
    console.error("src/api/schema.gen.ts is stale: run `npm run gen:api`.");
    process.exit(1);
  }
  console.log("src/api/schema.gen.ts is up to date.");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
