import { fetchDefinitionObjects } from "../aws";
import type { ObjectReader } from "../compiler";
import { describeLoadFailure, readDesignFile } from "../io";
import type { Account } from "./aws/account";
import type { CommandContext } from "./commands";

/** Opens a design file; a refused file leaves the current design as it is and says why. */
export async function importDesignFile(
  stores: CommandContext["stores"],
  account: Account,
  file: File,
): Promise<void> {
  const result = await readDesignFile(file, (text) => definitionObjects(stores, account, text));
  if (result.kind === "imported") {
    stores.session.openDocument(result.design);
    stores.ui.getState().setImportNotes(result.notes.length > 0 ? result.notes : null);
    stores.ui
      .getState()
      .announce(
        `Imported the pipeline definition ${file.name}: ${result.design.steps.length} steps, ${result.notes.length} note(s).`,
      );
    return;
  }
  if (result.kind !== "ok") {
    stores.ui.getState().setImportProblems(describeLoadFailure(result));
    stores.ui.getState().announce(`Import refused: ${file.name}.`);
    return;
  }
  stores.session.openDocument(result.design);
  stores.ui.getState().announce(`Imported ${file.name}.`);
}

/**
 * Signed in, an imported definition's S3 objects are read with the user's credentials, so its code
 * and hyperparameter files come back into the design; signed out, the import keeps their URIs.
 */
async function definitionObjects(
  stores: CommandContext["stores"],
  account: Account,
  definitionText: string,
): Promise<ObjectReader | undefined> {
  const connection = account.getState().connection;
  if (!connection?.getState().user) return undefined;
  stores.ui.getState().announce("Reading the definition's code and hyperparameter files from S3…");
  const { objects } = await fetchDefinitionObjects(
    await connection.pipelineClient(),
    definitionText,
  );
  return (uri) => objects.get(uri);
}
