// The designer's CSP refuses eval (scripts/csp.mjs). zod compiles object parsers with
// `new Function` when it may, and otherwise probes for it, which the browser reports as a CSP
// violation even though zod catches the refusal. `jitless` skips both: zod interprets, as it
// would after a failed probe. index.html runs it as a module of its own before main.tsx (an
// import at the top of main.tsx is not enough: chunks it shares with the worker are evaluated
// before main's own code, and the catalog parses schemas as it loads); the script-check worker
// imports it first.
import { config } from "zod";

config({ jitless: true });
