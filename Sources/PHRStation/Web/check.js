// PHRCard station, check page: webcam frames, a handheld scanner typing "PHR1:…" + Enter, or a photo → one verdict.
"use strict";

const Check = {
  card: null,         // the QR text of the card on screen
  result: null,       // the last decode answer
  paused: false,      // true while a result is shown: one card read = one result
  busy: false,
  typed: "",          // keystrokes of a handheld scanner
  lastKey: 0,

  async start() {
    await PHR.init();
    document.addEventListener("phr-language", () => { if (Check.result) Check.render(Check.result); });
    document.addEventListener("keydown", Check.onKey);
    document.getElementById("paste").addEventListener("submit", (e) => {
      e.preventDefault();
      const v = document.getElementById("card-text").value.trim();
      if (v) Check.read(v);
    });
    document.getElementById("photo").addEventListener("change", (e) => { if (e.target.files[0]) Check.photo(e.target.files[0]); });
    const drop = document.getElementById("drop");
    drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      if (e.dataTransfer.files[0]) Check.photo(e.dataTransfer.files[0]);
    });
    document.getElementById("next").addEventListener("click", Check.next);
    document.getElementById("ask-code").addEventListener("click", () => {
      document.getElementById("code-form").hidden = false;
      document.getElementById("ask-code").hidden = true;
      document.getElementById("code").focus();
    });
    document.getElementById("code-form").addEventListener("submit", Check.openWithCode);
    Check.camera();
  },

  /** Keystrokes outside a field: a 2D scanner types the QR text and Enter. */
  onKey(e) {
    const t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT")) return;
    const now = Date.now();
    if (now - Check.lastKey > 2000) Check.typed = "";
    Check.lastKey = now;
    if (e.key === "Enter") {
      const text = Check.typed.trim();
      Check.typed = "";
      if (text.toUpperCase().startsWith("PHR1:")) { e.preventDefault(); Check.read(text); }
      return;
    }
    if (e.key === "Escape" && Check.result) { Check.next(); return; }
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) Check.typed += e.key;
  },

  async camera() {
    const status = document.getElementById("camera-status");
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      status.textContent = PHR.t("station.camera.unavailable");
      return;
    }
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment", width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false });
    } catch (e) {
      status.dataset.i18n = "station.camera.unavailable";
      status.textContent = PHR.t("station.camera.unavailable");
      return;
    }
    const video = document.getElementById("video");
    video.srcObject = stream;
    await video.play().catch(() => {});
    status.dataset.i18n = "station.camera.scanning";
    status.textContent = PHR.t("station.camera.scanning");
    setInterval(Check.grab, 300);
  },

  /** Sends one camera frame to the station's QR reader. */
  async grab() {
    const video = document.getElementById("video");
    if (Check.paused || Check.busy || !video.videoWidth) return;
    Check.busy = true;
    try {
      const canvas = document.getElementById("frame");
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      canvas.getContext("2d").drawImage(video, 0, 0);
      const blob = await new Promise((ok) => canvas.toBlob(ok, "image/jpeg", 0.9));
      const r = await PHR.post("/api/scan", blob);
      if (r.ok && !Check.paused) await Check.read(r.body.card);
    } finally {
      Check.busy = false;
    }
  },

  async photo(file) {
    Check.status(PHR.t("station.photo.reading"));
    const r = await PHR.post("/api/scan", file);
    if (r.ok) return Check.read(r.body.card);
    Check.status(PHR.t("station.photo.none") + " (" + r.body.error.code + ")", true);
  },

  status(text, error) {
    const s = document.getElementById("status");
    s.textContent = text;
    s.classList.toggle("error", !!error);
  },

  /** Verifies the card and reads what this station's reader key may read. */
  async read(text) {
    Check.paused = true;
    Check.card = text;
    const r = await PHR.post("/api/decode", { card: text });
    let result;
    if (r.ok) result = r.body;
    else if (r.body.verdict) result = r.body.verdict;
    else if (r.body.error && r.body.error.code === "usage.missing-key") {
      const v = await PHR.post("/api/verify", { card: text });
      result = v.body;
    } else result = { status: "invalid", verdict: "INVALID", error: r.body.error };
    Check.result = result;
    Check.render(result);
  },

  async openWithCode(e) {
    e.preventDefault();
    const err = document.getElementById("code-error");
    const checked = checkHolderCode(document.getElementById("code").value);
    if (checked.error) {   // caught here, before any request
      err.textContent = PHR.t("station.code." + checked.error);
      return;
    }
    err.textContent = "";
    const r = await PHR.post("/api/decode", { card: Check.card, code: checked.digits });
    if (!r.ok) {
      const code = r.body.error.code;
      err.textContent = code === "holder-code.throttled" ? PHR.t("station.code.throttled", { seconds: r.body.retryAfter })
        : code === "holder-code.wrong" ? PHR.t("station.code.wrong") : r.body.error.message;
      return;
    }
    document.getElementById("code").value = "";
    Check.result = r.body;
    Check.render(r.body);
  },

  next() {
    Check.result = null;
    Check.card = null;
    document.getElementById("result").hidden = true;
    document.getElementById("input").hidden = false;
    document.getElementById("card-text").value = "";
    document.getElementById("code-form").hidden = true;
    document.getElementById("code-error").textContent = "";
    Check.status("");
    setTimeout(() => { Check.paused = false; }, 800);
  },

  /** The full-screen verdict, then the sections that could be opened. */
  render(r) {
    document.getElementById("input").hidden = true;
    const section = document.getElementById("result");
    section.hidden = false;
    const verdict = document.getElementById("verdict");
    verdict.className = "verdict status-" + (r.status || "invalid");
    verdict.dataset.status = r.status || "invalid";
    const word = document.getElementById("verdict-word");
    const reason = document.getElementById("verdict-reason");
    word.textContent = PHR.t("verdict." + (r.status || "invalid"));
    reason.textContent = "";
    if (r.status === "invalid") {
      const code = r.error && r.error.code;
      const translated = code ? PHR.t("station.reason." + code) : "";
      reason.textContent = code && translated !== "station.reason." + code ? translated : (r.reason || (r.error && r.error.message) || "");
    } else if (r.status === "revoked") {
      reason.textContent = PHR.t("station.verdict.revoked-since", { date: PHR.date(r.revokedAt) }) + (r.reason ? " (" + r.reason + ")" : "");
    } else if (r.status === "expired") {
      reason.textContent = PHR.t("station.verdict.expired-on", { date: PHR.date(r.expiresAt) });
    } else if (r.status === "not-yet-valid") {
      reason.textContent = PHR.t("station.verdict.valid-from", { date: PHR.date(r.issuedAt) });
    }
    const issuer = document.getElementById("verdict-issuer");
    issuer.textContent = r.issuer ? PHR.t("station.verdict.issuer", { issuer: r.issuerName ? r.issuerName + " (" + r.issuer + ")" : r.issuer })
      + (r.valid ? " · " + PHR.t("station.verdict.expires", { date: PHR.date(r.expiresAt) }) : "") : "";
    const record = document.getElementById("record");
    record.replaceChildren();
    document.getElementById("code-box").hidden = !r.valid || r.openedWith === "holder-code";
    document.getElementById("ask-code").hidden = false;
    if (!r.valid) return;
    if (r.note) record.append(PHR.el("p", { class: "hint", text: PHR.t("station.record.not-for-this-station") }));
    Records.render(record, r);
  },
};

/** Laying out an opened record for a glance. */
const Records = {
  order: ["holder", "alerts", "allergies", "immunizations", "conditions", "medications", "results", "vitals",
          "pregnancy", "procedures", "devices", "notes"],

  render(into, r) {
    const rec = r.record || {};
    const readable = new Set(r.readable || []);
    for (const s of Records.order) {
      if (!readable.has(s)) continue;
      const box = PHR.el("section", { class: "sec sec-" + s, "data-section": s }, PHR.el("h2", { text: PHR.t("section." + s) }));
      const value = rec[s];
      if (value === undefined || value === null) box.append(PHR.el("p", { class: "none", text: PHR.t("station.record.not-recorded") }));
      else if (Array.isArray(value) && value.length === 0) box.append(PHR.el("p", { class: "none", text: PHR.t("station.record.none-recorded") }));
      else box.append(Records[s] ? Records[s](value) : Records.generic(value));
      into.append(box);
    }
    const closed = Records.order.filter((s) => !readable.has(s));
    if (closed.length && r.openedWith !== "holder-code") {
      into.append(PHR.el("p", { class: "closed", text: PHR.t("station.record.closed") + " " + closed.map((s) => PHR.t("section." + s)).join(", ") }));
    }
  },

  fields(pairs) {
    const dl = PHR.el("dl");
    for (const [k, v] of pairs) if (v !== undefined && v !== null && v !== "") dl.append(PHR.el("dt", { text: PHR.t(k) }), PHR.el("dd", { text: v }));
    return dl;
  },

  name(c) { return c.text || c.code || ""; },

  list(items, line) {
    const ul = PHR.el("ul");
    for (const i of items) ul.append(PHR.el("li", {}, ...line(i)));
    return ul;
  },

  small(text) { return text ? PHR.el("span", { class: "detail", text: " " + text }) : null; },

  holder(h) {
    return Records.fields([
      ["station.field.name", [h.given, h.family].filter(Boolean).join(" ")], ["station.field.birth-date", PHR.date(h.birthDate)],
      ["station.field.sex", h.sex && PHR.t("value.sex." + h.sex)], ["station.field.nationality", h.nationality],
      ["station.field.languages", (h.languages || []).join(", ")],
      ["station.field.identifiers", (h.identifiers || []).map((i) => i.system + " " + i.value).join(", ")],
    ]);
  },
  alerts(items) {
    return Records.list(items, (a) => [PHR.el("strong", { text: Records.name(a) }), Records.small(a.severity && PHR.t("station.field.severity") + ": " + a.severity)]);
  },
  allergies(items) {
    return Records.list(items, (a) => [PHR.el("strong", { text: Records.name(a) }),
      Records.small([a.criticality && PHR.t("station.field.criticality") + ": " + a.criticality, a.reaction && PHR.t("station.field.reaction") + ": " + a.reaction].filter(Boolean).join(" · "))]);
  },
  immunizations(items) {
    return Records.list(items, (i) => [PHR.el("strong", { text: Records.name(i) }),
      Records.small([i.date ? PHR.date(i.date) : PHR.t("station.record.date-unknown"), i.dose && PHR.t("station.field.dose") + " " + i.dose, i.country].filter(Boolean).join(" · "))]);
  },
  conditions(items) {
    return Records.list(items, (c) => [PHR.el("strong", { text: Records.name(c) }),
      Records.small([c.status, c.onset && PHR.t("station.field.since") + " " + PHR.date(c.onset)].filter(Boolean).join(" · "))]);
  },
  medications(items) {
    return Records.list(items, (m) => [PHR.el("strong", { text: Records.name(m) }),
      Records.small([m.dosage, m.since && PHR.t("station.field.since") + " " + PHR.date(m.since)].filter(Boolean).join(" · "))]);
  },
  results(items) {
    return Records.list(items, (r) => [PHR.el("strong", { text: Records.name(r) }),
      Records.small([r.value && "= " + r.value, r.date ? PHR.date(r.date) : PHR.t("station.record.date-unknown")].filter(Boolean).join(" · "))]);
  },
  vitals(items) {
    return Records.list(items, (v) => [PHR.el("strong", { text: v.date ? PHR.date(v.date) : PHR.t("station.record.date-unknown") }),
      Records.small([v.heightCm && v.heightCm + " cm", v.weightKg && v.weightKg + " kg",
        (v.bpSystolic || v.bpDiastolic) && (v.bpSystolic || "?") + "/" + (v.bpDiastolic || "?") + " mmHg"].filter(Boolean).join(" · "))]);
  },
  pregnancy(p) {
    return Records.fields([["form.status", p.status], ["form.date", p.dueDate && PHR.date(p.dueDate)]]);
  },
  procedures(items) {
    return Records.list(items, (p) => [PHR.el("strong", { text: Records.name(p) }),
      Records.small([p.date ? PHR.date(p.date) : PHR.t("station.record.date-unknown"), p.status].filter(Boolean).join(" · "))]);
  },
  devices(items) {
    return Records.list(items, (x) => [PHR.el("strong", { text: Records.name(x) }),
      Records.small(x.since && PHR.t("station.field.since") + " " + PHR.date(x.since))]);
  },
  notes(text) { return PHR.el("p", { class: "notes", text }); },
  generic(value) { return PHR.el("pre", { text: JSON.stringify(value, null, 1) }); },
};

document.addEventListener("DOMContentLoaded", Check.start);
