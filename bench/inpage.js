// Measurement helpers installed in both pages before they load (plain JS: it runs as written,
// with no transpiler helpers). Every time is read on the page's own clock.
(() => {
  const NEW_NODE = '.react-flow__node[data-id^="c"]';
  let recording = null;

  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const transform = () => document.querySelector(".react-flow__viewport")?.style.transform ?? "";
  const shownNewNode = () => {
    for (const node of document.querySelectorAll(NEW_NODE))
      if (node.style.visibility !== "hidden") return true;
    return false;
  };

  window.__bench = {
    /**
     * Runs `load` and resolves with the milliseconds until the first frame in which nodes of the
     * new design are measured and shown and the view has been fitted to it (its transform moved).
     */
    async timeLoad(load) {
      const before = transform();
      await nextFrame();
      const start = performance.now();
      load();
      for (;;) {
        const frame = await nextFrame();
        if (shownNewNode() && transform() !== before) return frame - start;
        if (frame - start > 60_000) throw new Error("the new design was not shown within 60 s");
      }
    },

    /** Records requestAnimationFrame deltas until `stopFrames`. */
    startFrames() {
      const deltas = [];
      let last = null;
      recording = { deltas, live: true };
      const state = recording;
      const tick = (time) => {
        if (!state.live) return;
        if (last !== null) deltas.push(time - last);
        last = time;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    },
    stopFrames() {
      recording.live = false;
      return recording.deltas;
    },

    /** A point on the empty pane (not on a node, edge or panel) near the canvas centre. */
    emptyPanePoint() {
      const pane = document.querySelector(".react-flow__pane").getBoundingClientRect();
      for (let ring = 0; ring < 40; ring++)
        for (let turn = 0; turn < 16; turn++) {
          const angle = (turn / 16) * 2 * Math.PI;
          const x = pane.left + pane.width / 2 + Math.cos(angle) * ring * 8;
          const y = pane.top + pane.height / 2 + Math.sin(angle) * ring * 8;
          if (document.elementFromPoint(x, y)?.classList.contains("react-flow__pane"))
            return { x, y };
        }
      return null;
    },

    /** The centre of the shown node of the new design closest to the canvas centre. */
    centralNode() {
      const pane = document.querySelector(".react-flow__pane").getBoundingClientRect();
      const cx = pane.left + pane.width / 2;
      const cy = pane.top + pane.height / 2;
      let best = null;
      for (const node of document.querySelectorAll(NEW_NODE)) {
        const box = node.getBoundingClientRect();
        const point = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
        const distance = Math.hypot(point.x - cx, point.y - cy);
        if (!best || distance < best.distance) best = { ...point, distance, id: node.dataset.id };
      }
      return best;
    },

    /**
     * Arms a timer for the next Enter in a text field: resolves with the milliseconds from that
     * keydown's timestamp to the first DOM mutation after which `selector` matches an element
     * whose text includes `text` (checked on every mutation, so the figure is the DOM update,
     * not the next frame).
     */
    timeEdit(selector, text) {
      return new Promise((resolve, reject) => {
        const timeout = setTimeout(
          () => reject(new Error(`no "${text}" in ${selector} 10 s after Enter`)),
          10_000,
        );
        let start = null;
        const matches = () =>
          [...document.querySelectorAll(selector)].some((el) => el.textContent.includes(text));
        const observer = new MutationObserver(() => {
          if (start === null || !matches()) return;
          observer.disconnect();
          clearTimeout(timeout);
          resolve(performance.now() - start);
        });
        const onKey = (event) => {
          if (event.key !== "Enter") return;
          window.removeEventListener("keydown", onKey, true);
          start = event.timeStamp;
          observer.observe(document.body, {
            subtree: true,
            childList: true,
            characterData: true,
            attributes: true,
          });
        };
        window.addEventListener("keydown", onKey, true);
      });
    },
  };
})();
