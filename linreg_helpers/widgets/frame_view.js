// The picture and status line of a dashboard, and the frames this page keeps (frame_view.py).
//
// The kernel sends each frame it draws, with its key (what every control says). While a slider
// moves, a frame this page already has for the controls' new values is shown at once, without waiting
// for the kernel. The kernel's answers name the frame it shows: the page shows the frame of the
// controls' values when it has it (the answer may be to a value the hand has left), else the kernel's.

const MODEL_PREFIX = "IPY_MODEL_";

const pngUrl = (bytes) => URL.createObjectURL(new Blob([bytes], { type: "image/png" }));

/** What a control says, as the kernel writes it in a key (key_part in frame_view.py): an option's
 * index, a number that is not whole to `digits` significant digits, else the value. */
export function keyPart(control, digits) {
  if (control.get("_options_labels") !== undefined) return control.get("index");
  const value = control.get("value");
  if (typeof value !== "number" || Number.isInteger(value)) return value;
  return Number(value.toPrecision(digits));
}

async function render({ model, el }) {
  const image = document.createElement("img");
  image.className = "linreg-frame-image";
  image.alt = "";
  const status = document.createElement("div");
  status.className = "linreg-frame-status";
  el.classList.add("linreg-frame-view");
  el.append(image, status);

  const frames = new Map(); // key -> {url, status}, oldest first
  let shown = null;
  const controls = await Promise.all(
    model.get("controls").map((ref) => model.widget_manager.get_model(ref.slice(MODEL_PREFIX.length))),
  );
  const currentKey = () => JSON.stringify(controls.map((control) => keyPart(control, model.get("key_digits"))));

  /** Show the frame kept under `key`; `by` says who chose it ("page" or "kernel", for tests). */
  function show(key, by) {
    const frame = frames.get(key);
    frames.delete(key); // and back at the end: the most recently shown is evicted last
    frames.set(key, frame);
    if (key === shown) return;
    shown = key;
    image.src = frame.url;
    status.innerHTML = frame.status;
    el.dataset.key = key;
    el.dataset.shownBy = by;
  }

  function keep(key, png, statusHtml) {
    // A key decides the frame: one this page has already is the same picture (drawn again by a kernel
    // that no longer kept it), so the page keeps its own and loads no new image.
    if (frames.has(key)) return;
    frames.set(key, { url: pngUrl(png), status: statusHtml });
  }

  /** Drop the oldest frames beyond the capacity, never the one shown. */
  function evict() {
    for (const [oldest, frame] of frames) {
      if (frames.size <= model.get("capacity")) break;
      if (oldest === shown) continue;
      URL.revokeObjectURL(frame.url);
      frames.delete(oldest);
    }
  }

  /** The kernel shows `key`: show the frame of the controls' values if the page has it, else `key`'s. */
  function kernelShows(key) {
    const current = currentKey();
    if (frames.has(current)) show(current, current === key ? "kernel" : "page");
    else show(key, "kernel");
  }

  const onControl = () => {
    const key = currentKey();
    if (frames.has(key)) show(key, "page");
  };
  for (const control of controls) control.on("change", onControl);

  const onMessage = (message, buffers) => {
    // A key comes as the list of the controls' values; null: a frame not to keep (a control moved
    // while it was drawn, so it may show either value).
    const key = message.key === null ? null : JSON.stringify(message.key);
    if (message.kind === "show" || message.show) el.dataset.kernelKey = key ?? ""; // for tests
    if (message.kind === "frame" && key === null) {
      shown = null;
      delete el.dataset.key;
      el.dataset.shownBy = "kernel";
      const url = pngUrl(buffers[0]);
      image.src = url;
      image.addEventListener("load", () => URL.revokeObjectURL(url), { once: true });
      status.innerHTML = message.status;
    } else if (message.kind === "frame") {
      keep(key, buffers[0], message.status);
      if (message.show) kernelShows(key);
      else if (key === currentKey()) show(key, "page"); // the frame the controls ask for came
      evict();
    } else if (message.kind === "show") {
      if (frames.has(key)) kernelShows(key);
      else model.send({ kind: "need", key: message.key });
    } else if (message.kind === "clear") {
      for (const [key, frame] of frames) {
        if (key !== shown) URL.revokeObjectURL(frame.url);
        // The image on screen may still be loading: its URL goes once the next one has loaded.
        else image.addEventListener("load", () => URL.revokeObjectURL(frame.url), { once: true });
      }
      frames.clear();
      shown = null;
    }
  };
  model.on("msg:custom", onMessage);
  model.send({ kind: "need", key: null }); // the frame shown now

  return () => {
    model.off("msg:custom", onMessage);
    for (const control of controls) control.off("change", onControl);
    for (const frame of frames.values()) URL.revokeObjectURL(frame.url);
  };
}

export default { render };
