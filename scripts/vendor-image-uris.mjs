// Copies the training and inference image tables we use from the shared SageMaker image-URI
// data into src/catalog/data. Run by hand when the shared tables change; the app never reads ../shared.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = process.argv[2] ?? join(root, "..", "shared", "data", "sagemaker-image-uris");

for (const framework of ["pytorch", "sklearn", "xgboost"]) {
  const table = JSON.parse(readFileSync(join(source, `${framework}.json`), "utf8"));
  const kept = { training: table.training, inference: table.inference };
  // Graviton (arm64) endpoints need these; only models use them (training on Graviton is refused).
  if (framework !== "sklearn") kept.inference_graviton = table.inference_graviton;
  writeFileSync(
    join(root, "src", "catalog", "data", `${framework}.json`),
    JSON.stringify(kept, null, 1) + "\n",
  );
}
console.log("vendored image URI tables into src/catalog/data");
