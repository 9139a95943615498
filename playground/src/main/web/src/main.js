// The playground page: wires the editor, the run controls, the live output, the timeline,
// the input box, the limits form, the examples menu, the share link and the API key.
import "./style.css";
import { createEditor, showErrors, clearErrors } from "./editor.js";
import { IonSocket, keyFitsProtocol, explainRefusal } from "./socket.js";
import { encodeSource, sourceFromHash } from "./share.js";
import { Timeline } from "./timeline.js";

const nonce = document.currentScript ? document.currentScript.nonce : "";
const KEY_STORE = "ion.apiKey";
const DEFAULT_SOURCE = `// A producer task sends squares down a channel; the main task prints them as they arrive.
let (tx, rx) = channel(1);
async {
    spawn {
        for i in 1..=5 {
            sleep(300);
            tx.send(i * i)
        }
        tx.close()
    };
    while let Some(v) = rx.recv() {
        print(f"got {v}")
    }
};
"done"
`;

const $ = (id) => document.getElementById(id);
const ui = {
  examples: $("examples"), run: $("run"), cancel: $("cancel"), share: $("share"),
  shareRow: $("share-row"), shareLink: $("share-link"), limits: $("limits"), key: $("api-key"),
  status: $("status"), output: $("output"), inputForm: $("input-form"), inputValue: $("input-value"),
  send: $("send"), closeInput: $("close-input"), result: $("result"),
};
const timeline = new Timeline($("timeline"));

let current = null; // {ref, id, done}
let refCounter = 0;

const socket = new IonSocket(onFrame, (e) => {
  const why = e.reason ? `: ${e.reason}` : "";
  if (current && !current.done) finish(`The connection to the server closed during the run (code ${e.code}${why}).`, "error");
});

const editor = createEditor($("editor"), sourceFromHash(location.hash) ?? DEFAULT_SOURCE, run, nonce);

ui.key.value = sessionStorage.getItem(KEY_STORE) || "";
ui.key.addEventListener("input", () => {
  const key = ui.key.value.trim();
  if (key) sessionStorage.setItem(KEY_STORE, key);
  else sessionStorage.removeItem(KEY_STORE);
});

function setStatus(text, kind = "") {
  ui.status.textContent = text;
  ui.status.dataset.kind = kind;
}

function setRunning(running) {
  ui.run.disabled = running;
  ui.cancel.disabled = !running;
  ui.inputValue.disabled = !running;
  ui.send.disabled = !running;
  ui.closeInput.disabled = !running;
}

function readLimits() {
  const limits = {};
  for (const input of ui.limits.querySelectorAll("input")) {
    const text = input.value.trim();
    input.removeAttribute("aria-invalid");
    if (!text) continue;
    if (!/^[1-9][0-9]*$/.test(text)) {
      input.setAttribute("aria-invalid", "true");
      throw new Error(`${input.name} must be a positive whole number, got "${text}"`);
    }
    limits[input.name] = Number(text);
  }
  return limits;
}

async function run() {
  if (current && !current.done) return;
  let limits;
  try {
    limits = readLimits();
  } catch (e) {
    $("settings").open = true;
    setStatus(e.message, "error");
    return;
  }
  const key = ui.key.value.trim();
  if (key && !keyFitsProtocol(key)) {
    setStatus("This API key has characters a browser cannot send on a WebSocket; use a key of letters, digits and -._~", "error");
    return;
  }
  ui.output.textContent = "";
  ui.result.textContent = "";
  timeline.clear();
  clearErrors(editor);
  const ref = `r${++refCounter}`;
  current = { ref, id: null, done: false };
  setRunning(true);
  setStatus("Connecting…");
  try {
    await socket.open(key);
  } catch (e) {
    finish(`Cannot connect: ${await explainRefusal(key)}.`, "error");
    return;
  }
  const frame = { type: "run", ref, source: editor.state.doc.toString() };
  if (Object.keys(limits).length) frame.limits = limits;
  sendForRun(frame);
  setStatus("Starting…");
}

/** Sends a frame for the current run; a socket that has just closed is reported by its close handler. */
function sendForRun(frame) {
  try {
    socket.send(frame);
  } catch {
    finish("The connection to the server is closed.", "error");
  }
}

function finish(message, kind = "") {
  if (current) current.done = true;
  setRunning(false);
  setStatus(message, kind);
}

function onFrame(f) {
  if (!current) return;
  if (f.type === "started" && f.ref === current.ref) {
    current.id = f.run;
    const lowered = Object.entries(f.clamped || {}).map(([name, c]) => `${name} lowered to ${c.allowed}`);
    const note = lowered.length ? ` (${lowered.join(", ")}: the key's ceiling)` : "";
    setStatus(`${f.status === "queued" ? `Run ${f.run} is queued…` : `Running ${f.run}…`}${note}`, "running");
    return;
  }
  if (f.type === "error" && f.status === undefined) { // a refused frame
    if (f.ref === current.ref) finish(`The server refused the run: ${f.error.message}`, "error");
    else if (f.run === current.id) setStatus(`Input refused: ${f.error.message}`, "error");
    return;
  }
  if (!current.id || f.run !== current.id) return;
  switch (f.type) {
    case "output":
      ui.output.append(f.text);
      ui.output.scrollTop = ui.output.scrollHeight;
      break;
    case "recv":
    case "select":
      timeline.add(f);
      break;
    case "result":
      showResult(f);
      finish(`Succeeded in ${f.stats.durationMs} ms.`, "ok");
      break;
    case "error":
      showResult(f);
      finish(f.status === "cancelled" ? "Cancelled." : `Failed: ${f.error.kind} error.`, "error");
      break;
    default:
  }
}

function row(list, name, value, cls) {
  const dt = document.createElement("dt");
  dt.textContent = name;
  const dd = document.createElement("dd");
  dd.textContent = value;
  if (cls) dd.className = cls;
  list.append(dt, dd);
}

function showResult(f) {
  const dl = document.createElement("dl");
  if (f.type === "result") {
    row(dl, "value", f.value, "value");
  } else {
    const e = f.error;
    const where = e.line > 0 ? ` at line ${e.line}, column ${e.column}` : "";
    row(dl, "error", `${e.kind}: ${e.message}${where}`, "error");
    const errors = e.errors && e.errors.length ? e.errors : [e];
    if (e.errors && e.errors.length > 1) {
      for (const other of e.errors.slice(1)) {
        row(dl, "also", `${other.kind}: ${other.message} at line ${other.line}, column ${other.column}`, "error");
      }
    }
    for (const t of e.trace || []) row(dl, "in", `${t.function} at line ${t.line}, column ${t.column}`);
    showErrors(editor, errors);
  }
  const s = f.stats || {};
  row(dl, "stats", `fuel ${s.fuel}, ${s.durationMs} ms, peak memory ${s.peakMemoryBytes} bytes, ${s.tasks} task(s)`, "stats");
  ui.result.replaceChildren(dl);
}

ui.run.addEventListener("click", run);
ui.cancel.addEventListener("click", () => {
  if (current && current.id && !current.done) sendForRun({ type: "cancel", run: current.id });
});
ui.inputForm.addEventListener("submit", (e) => {
  e.preventDefault();
  if (!current || !current.id || current.done) return;
  const text = ui.inputValue.value;
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    value = text;
  }
  sendForRun({ type: "send", run: current.id, value });
  ui.inputValue.value = "";
});
ui.closeInput.addEventListener("click", () => {
  if (current && current.id && !current.done) sendForRun({ type: "close-input", run: current.id });
});

ui.share.addEventListener("click", async () => {
  const url = `${location.origin}${location.pathname}#source=${encodeSource(editor.state.doc.toString())}`;
  history.replaceState(null, "", url);
  ui.shareLink.value = url;
  ui.shareRow.hidden = false;
  ui.shareLink.select();
  try {
    await navigator.clipboard.writeText(url);
    setStatus("Link copied to the clipboard.");
  } catch {
    setStatus("Copy the link below.");
  }
});

window.addEventListener("hashchange", () => {
  const source = sourceFromHash(location.hash);
  if (source !== null && source !== editor.state.doc.toString()) {
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: source } });
  }
});

let examples = [];
ui.examples.addEventListener("change", () => {
  const ex = examples.find((x) => x.name === ui.examples.value);
  if (!ex) return;
  editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: ex.source } });
  clearErrors(editor);
  editor.focus();
});
fetch("/playground/examples.json")
  .then((r) => (r.ok ? r.json() : []))
  .then((list) => {
    examples = list;
    for (const ex of list) {
      const option = document.createElement("option");
      option.value = ex.name;
      option.textContent = `${ex.name}: ${ex.title}`;
      ui.examples.append(option);
    }
  })
  .catch(() => {});

editor.focus();
