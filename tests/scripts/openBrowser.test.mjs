// Where `npm start` opens a browser (scripts/open-browser.mjs), decided without spawning anything.
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { browserOpener, isOnPath, openBrowser } from "../../scripts/open-browser.mjs";

const everywhere = () => true;
const nowhere = () => false;
const decide = (platform, env, onPath = everywhere) =>
  browserOpener({ platform, env, onPath, nodePath: "/usr/bin/node" });

describe("browserOpener", () => {
  it("opens with the system opener on macOS and Windows", () => {
    assert.deepEqual(decide("darwin", {}), { open: true, command: "open", args: [] });
    assert.deepEqual(decide("win32", {}), {
      open: true,
      command: "cmd",
      args: ["/c", "start", '""'],
    });
  });

  it("on Linux, opens with xdg-open only in a graphical session with xdg-open on PATH", () => {
    assert.deepEqual(decide("linux", { DISPLAY: ":0" }), {
      open: true,
      command: "xdg-open",
      args: [],
    });
    assert.equal(decide("linux", { WAYLAND_DISPLAY: "wayland-0" }).open, true);
    assert.equal(decide("freebsd", { DISPLAY: ":1" }).open, true);
    const headless = decide("linux", { DISPLAY: "" });
    assert.equal(headless.open, false);
    assert.match(headless.reason, /no graphical display/);
    assert.equal(decide("linux", {}).open, false);
    const noOpener = decide("linux", { DISPLAY: ":0" }, nowhere);
    assert.equal(noOpener.open, false);
    assert.match(noOpener.reason, /xdg-open is not on PATH/);
  });

  it("never opens under BROWSER=none (any case, or false/0) or in CI", () => {
    for (const platform of ["darwin", "win32", "linux"]) {
      for (const value of ["none", "NONE", "false", "0"])
        assert.deepEqual(decide(platform, { BROWSER: value, DISPLAY: ":0" }), {
          open: false,
          reason: `BROWSER=${value}`,
        });
      assert.deepEqual(decide(platform, { CI: "true", DISPLAY: ":0" }), {
        open: false,
        reason: "CI is set",
      });
    }
  });

  it("uses BROWSER as the browser, or runs BROWSER=*.js with node", () => {
    assert.deepEqual(decide("linux", { BROWSER: "firefox", DISPLAY: ":0" }), {
      open: true,
      command: "firefox",
      args: [],
    });
    assert.equal(decide("linux", { BROWSER: "firefox", DISPLAY: ":0" }, nowhere).open, false);
    assert.equal(decide("linux", { BROWSER: "firefox" }).open, false);
    assert.deepEqual(decide("darwin", { BROWSER: "Safari" }), {
      open: true,
      command: "open",
      args: ["-a", "Safari"],
    });
    assert.deepEqual(decide("linux", { BROWSER: "./open.js" }), {
      open: true,
      command: "/usr/bin/node",
      args: ["./open.js"],
    });
  });
});

describe("isOnPath", () => {
  const dir = mkdtempSync(join(tmpdir(), "open-browser-"));
  const opener = join(dir, "my-opener");
  writeFileSync(opener, "#!/bin/sh\nexit 0\n");
  chmodSync(opener, 0o755);
  writeFileSync(join(dir, "not-executable"), "");

  it("finds executables along PATH or by path, and nothing else", () => {
    assert.equal(isOnPath("my-opener", { PATH: `/nonexistent:${dir}` }), true);
    assert.equal(isOnPath(opener, { PATH: "" }), true);
    assert.equal(isOnPath("my-opener", { PATH: "/nonexistent" }), false);
    assert.equal(isOnPath("not-executable", { PATH: dir }), false);
    assert.equal(isOnPath("my-opener", {}), false);
  });
});

describe("openBrowser", () => {
  it("reports an opener that fails as one short line, without a stack trace", async () => {
    const lines = [];
    const logged = new Promise((resolve) => {
      const decision = openBrowser("http://127.0.0.1:1", {
        platform: "linux",
        env: { DISPLAY: ":0", BROWSER: "/nonexistent/browser" },
        onPath: everywhere,
        log: (line) => resolve(lines.push(line)),
      });
      assert.equal(decision.open, true);
      decision.child.ref(); // the opener is unreferenced; the test waits for it
    });
    await logged;
    assert.deepEqual(lines, [
      "start: could not open a browser (/nonexistent/browser was not found); open http://127.0.0.1:1 yourself.",
    ]);
  });

  it("reports a non-zero exit the same way", async () => {
    const failing = join(mkdtempSync(join(tmpdir(), "open-browser-")), "failing-opener");
    writeFileSync(failing, "#!/bin/sh\nexit 3\n");
    chmodSync(failing, 0o755);
    const lines = [];
    await new Promise((resolve) =>
      openBrowser("http://127.0.0.1:1", {
        platform: "linux",
        env: { DISPLAY: ":0", BROWSER: failing },
        log: (line) => resolve(lines.push(line)),
      }).child.ref(),
    );
    assert.deepEqual(lines, [
      `start: could not open a browser (${failing} exited with 3); open http://127.0.0.1:1 yourself.`,
    ]);
  });

  it("spawns nothing when no browser can be opened", () => {
    const decision = openBrowser("http://127.0.0.1:1", {
      platform: "linux",
      env: {},
      log: () => assert.fail("nothing to report"),
    });
    assert.equal(decision.open, false);
  });
});
