// polycorpus review: row selection, keyboard shortcuts (read from the buttons' aria-keyshortcuts),
// and actions as POSTs carrying the token and the versions this page saw. No dialogs: undo instead.
"use strict";
(function () {
  const page = document.getElementById("grid-page");
  if (!page) return;
  const token = document.querySelector('meta[name="review-token"]').content;
  const pid = page.dataset.pid;
  const message = document.getElementById("message");
  const rows = () => Array.from(document.querySelectorAll("tr.bead"));
  let selected = null;
  let busy = false;

  function select(row) {
    if (!row) return;
    if (selected) selected.classList.remove("selected");
    selected = row;
    row.classList.add("selected");
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
  }

  function show(text, kind) {
    message.textContent = text;
    message.className = "banner " + kind;
    message.hidden = false;
  }

  function reloadAt(key) {
    const url = new URL(location.href);
    url.search = "";
    if (key) url.searchParams.set("focus", key);
    else url.searchParams.set("start", page.dataset.start);
    location.assign(url.toString());
  }

  async function post(body) {
    if (busy) return null;
    busy = true;
    try {
      const response = await fetch(`/pair/${pid}/action`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Review-Token": token },
        body: JSON.stringify({ version: Number(page.dataset.version), ...body }),
      });
      const data = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
      if (response.status === 409) {
        show("Conflict: " + data.conflict, "conflict");
        if (selected) selected.classList.add("conflicted");
        return null;
      }
      if (!response.ok) {
        show(data.error || `HTTP ${response.status}`, "error");
        return null;
      }
      return data;
    } finally {
      busy = false;
    }
  }

  function seenFor(row, direction) {
    const seen = { [row.dataset.key]: Number(row.dataset.version) };
    const other = direction === "down" ? row.nextElementSibling : direction === "up" ? row.previousElementSibling : null;
    if (other) seen[other.dataset.key] = Number(other.dataset.version);
    return seen;
  }

  async function act(button) {
    const id = button.dataset.id;
    if (button.dataset.jump) {
      const from = selected ? selected.dataset.index : -1;
      location.assign(`/pair/${pid}/jump?kind=${button.dataset.jump}&from=${from}`);
      return;
    }
    if (id === "help") return toggleHelp();
    if (id === "down" || id === "up") {
      const next = selected ? (id === "down" ? selected.nextElementSibling : selected.previousElementSibling) : rows()[0];
      return select(next);
    }
    if (id === "undo" || id === "redo") {
      const data = await post({ action: id, key: "", seen: {} });
      if (data) reloadAt(data.focus);
      return;
    }
    if (!selected) return show("Select a bead first (click a row, or J / K).", "error");
    if (id === "edit-src" || id === "edit-tgt") return startEdit(selected, id === "edit-src" ? "src" : "tgt");
    if (id === "split") return startSplit(selected);
    const data = await post({
      action: button.dataset.action, key: selected.dataset.key,
      seen: seenFor(selected, button.dataset.action === "merge" || button.dataset.action === "move" ? button.dataset.direction : ""),
      side: button.dataset.side, direction: button.dataset.direction,
    });
    if (!data) return;
    if (button.dataset.action === "confirm-page") {
      if (data.next !== null && data.next !== undefined) location.assign(`/pair/${data.next}`);
      else location.assign("/");
      return;
    }
    reloadAt(data.focus);
  }

  function startEdit(row, side) {
    const cell = row.querySelector(`td.text.${side}`);
    if (cell.querySelector("textarea")) return;
    const original = cell.textContent;
    cell.textContent = "";
    const box = document.createElement("textarea");
    box.value = original;
    box.rows = Math.max(2, original.split("\n").length + 1);
    box.setAttribute("aria-label", side === "src" ? "Source text" : "Target text");
    const save = document.createElement("button");
    save.type = "button";
    save.textContent = "Save";
    save.setAttribute("aria-keyshortcuts", "Control+Enter");
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.textContent = "Cancel";
    cancel.setAttribute("aria-keyshortcuts", "Escape");
    cell.append(box, save, cancel);
    box.focus();
    const stop = () => { cell.textContent = original; row.focus(); };
    const submit = async () => {
      const data = await post({ action: "edit", key: row.dataset.key, seen: seenFor(row, ""), side, text: box.value });
      if (data) reloadAt(data.focus);
    };
    save.addEventListener("click", submit);
    cancel.addEventListener("click", stop);
    box.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); submit(); }
      if (e.key === "Escape") { e.preventDefault(); stop(); }
      e.stopPropagation();
    });
  }

  function startSplit(row) {
    if (row.nextElementSibling && row.nextElementSibling.classList.contains("split-form")) return;
    const nsrc = Number(row.dataset.nsrc), ntgt = Number(row.dataset.ntgt);
    const form = document.createElement("tr");
    form.className = "split-form";
    const cell = document.createElement("td");
    cell.colSpan = 8;
    const field = (label, max) => {
      const l = document.createElement("label");
      l.textContent = label + " ";
      const input = document.createElement("input");
      input.type = "number"; input.min = "0"; input.max = String(max); input.value = String(Math.min(1, max));
      l.append(input, ` of ${max}`);
      return [l, input];
    };
    const [ls, src] = field("Source paragraphs in the first part:", nsrc);
    const [lt, tgt] = field("Target paragraphs in the first part:", ntgt);
    const go = document.createElement("button");
    go.type = "button"; go.textContent = "Split here";
    const cancel = document.createElement("button");
    cancel.type = "button"; cancel.textContent = "Cancel";
    cell.append(ls, " ", lt, " ", go, " ", cancel);
    form.append(cell);
    row.after(form);
    src.focus();
    cancel.addEventListener("click", () => { form.remove(); row.focus(); });
    go.addEventListener("click", async () => {
      const data = await post({ action: "split", key: row.dataset.key, seen: seenFor(row, ""),
                                src_cut: Number(src.value), tgt_cut: Number(tgt.value) });
      if (data) reloadAt(data.focus);
    });
    form.addEventListener("keydown", (e) => {
      if (e.key === "Enter") { e.preventDefault(); go.click(); }
      if (e.key === "Escape") { e.preventDefault(); cancel.click(); }
      e.stopPropagation();
    });
  }

  const help = document.getElementById("help");
  function toggleHelp() {
    help.hidden = !help.hidden;
    if (!help.hidden) { document.getElementById("help-close").focus({ preventScroll: true }); help.scrollTop = 0; }
    else if (selected) selected.focus();
  }
  document.getElementById("help-close").addEventListener("click", toggleHelp);

  // "Shift+M", "Alt+ArrowDown", "]", "?" ... as typed: the same spelling as aria-keyshortcuts
  function keyName(e) {
    let key = e.key;
    if (e.code === "BracketRight") key = "]";
    else if (e.code === "BracketLeft") key = "[";
    else if (key === "?") return "?";
    else if (key.length === 1) key = key.toUpperCase();
    const mods = [e.ctrlKey && "Control", e.altKey && "Alt", e.shiftKey && "Shift"].filter(Boolean);
    return [...mods, key].join("+");
  }
  const byKey = new Map();
  document.querySelectorAll("button[aria-keyshortcuts][data-id]").forEach((b) =>
    b.getAttribute("aria-keyshortcuts").split(" ").forEach((k) => byKey.set(k, b)));

  document.addEventListener("keydown", (e) => {
    if (e.target.closest("textarea, input, select")) return;
    if (e.key === "Escape" && !help.hidden) return toggleHelp();
    const button = byKey.get(keyName(e));
    if (!button || button.disabled) return;
    e.preventDefault();
    act(button);
  });
  document.querySelectorAll(".toolbar button").forEach((b) => b.addEventListener("click", () => act(b)));
  document.querySelector("table.grid tbody").addEventListener("click", (e) => {
    const row = e.target.closest("tr.bead");
    if (row && !e.target.closest("a, textarea, button")) select(row);
  });

  const focus = page.dataset.focus && rows().find((r) => r.dataset.key === page.dataset.focus);
  select(focus || rows()[0]);
  const none = new URL(location.href).searchParams.get("none");
  if (none) show(`No further bead of that kind (${none}) on this page.`, "info");
})();
