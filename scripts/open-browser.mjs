// Opens the designer in a browser only where one can be opened: macOS and Windows, or a Linux/BSD
// desktop (DISPLAY or WAYLAND_DISPLAY set) with xdg-open on PATH. BROWSER=none (or CI) opens
// nothing; BROWSER=<command> or BROWSER=<script>.js chooses the opener. A failure is one short
// line, never a stack trace: a new user on a server just copies the printed URL.
import { spawn } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";

/** Whether `name` is an executable file: a path as given, else looked up along `env.PATH`. */
export function isOnPath(name, env = process.env) {
  const executable = (file) => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  };
  if (isAbsolute(name) || name.includes("/")) return executable(name);
  return (env.PATH ?? "")
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => executable(join(dir, name)));
}

const OFF = new Set(["none", "false", "0"]);

/**
 * The decision, with nothing spawned: `{ open: true, command, args }` (the URL goes after `args`)
 * or `{ open: false, reason }`. `platform`, `env` and `onPath` are parameters so tests can ask
 * about any machine.
 */
export function browserOpener({
  platform = process.platform,
  env = process.env,
  onPath = (name) => isOnPath(name, env),
  nodePath = process.execPath,
} = {}) {
  const browser = (env.BROWSER ?? "").trim();
  if (OFF.has(browser.toLowerCase())) return { open: false, reason: `BROWSER=${browser}` };
  if (env.CI) return { open: false, reason: "CI is set" };
  if (browser.toLowerCase().endsWith(".js"))
    return { open: true, command: nodePath, args: [browser] };
  if (platform === "darwin")
    return { open: true, command: "open", args: browser ? ["-a", browser] : [] };
  if (platform === "win32")
    return {
      open: true,
      command: "cmd",
      args: ["/c", "start", '""', ...(browser ? [browser] : [])],
    };
  // Linux, the BSDs, WSL: only with a graphical session, or the opener has nowhere to show it.
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY)
    return { open: false, reason: "no graphical display: DISPLAY and WAYLAND_DISPLAY are unset" };
  const command = browser || "xdg-open";
  if (!onPath(command)) return { open: false, reason: `${command} is not on PATH` };
  return { open: true, command, args: [] };
}

/**
 * Opens `url` if `browserOpener` says one can be opened, and returns the decision (with the
 * opener's `child`, unreferenced: it never keeps the server's process alive). A spawn error or a
 * non-zero exit is reported through `log` as one line; the server keeps running either way.
 */
export function openBrowser(url, { log = (line) => console.error(line), ...machine } = {}) {
  const decision = browserOpener(machine);
  if (!decision.open) return decision;
  const failed = (why) => log(`start: could not open a browser (${why}); open ${url} yourself.`);
  let child;
  try {
    child = spawn(decision.command, [...decision.args, url], {
      stdio: "ignore",
      detached: true,
      windowsVerbatimArguments: decision.command === "cmd",
    });
  } catch (error) {
    failed(error.code === "ENOENT" ? `${decision.command} was not found` : String(error.message));
    return decision;
  }
  child.on("error", (error) =>
    failed(
      error.code === "ENOENT"
        ? `${decision.command} was not found`
        : `${decision.command}: ${error.message}`,
    ),
  );
  child.on("exit", (code) => {
    if (code) failed(`${decision.command} exited with ${code}`);
  });
  child.unref();
  return { ...decision, child };
}
