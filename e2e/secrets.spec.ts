import { expect, test, type Page } from "@playwright/test";
import { EMULATOR_URL, executionsOf, resetControls } from "./support/emulator";
import { openUniqueExample } from "./support/uniqueDesign";

test.describe.configure({ timeout: 60_000 });
test.beforeEach(() => resetControls());

/** Everything the browser keeps or shows outside the tab's memory, as one text to search. */
async function persistedText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const stores: unknown[] = [{ ...localStorage }, { ...sessionStorage }, document.cookie];
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const storeName of db.objectStoreNames) {
        const all = db.transaction(storeName).objectStore(storeName).getAll();
        stores.push(
          await new Promise((resolve, reject) => {
            all.onsuccess = () => resolve(all.result);
            all.onerror = () => reject(all.error);
          }),
        );
      }
      db.close();
    }
    return JSON.stringify(stores);
  });
}

test("no token or AWS credential reaches storage, an export, the console or a URL; sign-out forgets them", async ({
  context,
  page,
}) => {
  // The secrets as Cognito handed them to the page.
  const secrets = new Map<string, string>();
  page.on("response", async (response) => {
    if (!response.url().startsWith(EMULATOR_URL) || response.request().method() !== "POST") return;
    const target = response.request().headers()["x-amz-target"] ?? "";
    if (!/InitiateAuth|RespondToAuthChallenge|GetCredentialsForIdentity/.test(target)) return;
    const body = (await response.json().catch(() => ({}))) as {
      AuthenticationResult?: Record<string, string>;
      Credentials?: Record<string, string>;
    };
    for (const [key, value] of Object.entries({
      ...body.AuthenticationResult,
      ...body.Credentials,
    }))
      if (/Token|Key/.test(key) && typeof value === "string") secrets.set(`${key} ${value}`, value);
  });
  const logged: string[] = [];
  page.on("console", (message) => logged.push(message.text()));
  const urls: string[] = [];
  context.on("request", (request) => urls.push(request.url()));

  const { designer, aws, name } = await openUniqueExample(page, "secrets");
  await aws.signInAndReview();
  await aws.confirmButton.click();
  await expect(aws.startedArn).toBeVisible();
  await aws.closeSubmit();
  await expect(aws.runs.getByRole("status", { name: "Run status" })).toContainText("Succeeded", {
    timeout: 30_000,
  });
  expect(await executionsOf(name)).toHaveLength(1);
  await page.evaluate(() => window.__designer!.flush());

  const kinds = [...secrets.keys()].map((key) => key.split(" ")[0]);
  for (const kind of [
    "IdToken",
    "AccessToken",
    "RefreshToken",
    "AccessKeyId",
    "SecretKey",
    "SessionToken",
  ])
    expect(kinds, `Cognito gave the page a ${kind}`).toContain(kind);

  const download = page.waitForEvent("download");
  await designer.button("Export").click();
  const exported = Buffer.concat(await (await (await download).createReadStream()).toArray());
  const places = {
    storage: await persistedText(page),
    export: exported.toString("utf8"),
    console: logged.join("\n"),
    urls: [page.url(), ...urls].join("\n"),
  };
  for (const [key, value] of secrets)
    for (const [place, text] of Object.entries(places))
      expect(text.includes(value), `${key.split(" ")[0]} in ${place}`).toBe(false);

  await aws.toolbar.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(aws.signedInUser).toHaveCount(0);
  await aws.toolbar.getByRole("button", { name: "Submit", exact: true }).click();
  await expect(aws.signInDialog).toBeVisible();
  await expect(aws.submitDialog).toHaveCount(0);
});
