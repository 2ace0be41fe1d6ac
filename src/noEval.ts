// The designer's CSP refuses eval (scripts/csp.mjs). zod compiles object parsers with
// `new Function` when it may, and otherwise probes for it, which the browser reports as a CSP
// violation even though zod catches the refusal. `jitless` skips both: zod interprets, as it
// would after a failed probe. Imported first by every browser entry that bundles zod (main.tsx,
// the script-check worker), before any schema parses.
import { config } from "zod";

config({ jitless: true });
