// PHRCard station, issue page: a record from a file or the form → size check → card PDF and holder code.
"use strict";

const Issue = {
  extra: {},          // sections and fields of a loaded record that the form does not show (kept, never lost)
  fhir: null,         // a loaded IPS Bundle (issued as is)
  paths: new Map(),   // JSON path → the form element it came from (for validation messages)

  columns: {
    allergies: [["code", "form.code", "code"], ["text", "form.description"], ["criticality", "station.field.criticality", ["", "low", "high", "unable-to-assess"]], ["reaction", "station.field.reaction"]],
    immunizations: [["code", "form.code", "code"], ["text", "form.description"], ["date", "form.date", "date"], ["dose", "station.field.dose", "number"]],
    conditions: [["code", "form.code", "code"], ["text", "form.description"], ["status", "form.status", ["", "active", "resolved", "inactive", "remission"]], ["onset", "station.field.since", "date"]],
    medications: [["code", "form.code", "code"], ["text", "form.description"], ["dosage", "form.dosage"], ["since", "station.field.since", "date"]],
  },
  systems: { allergies: "snomed,atc", immunizations: "cvx", conditions: "icd10,icd11,snomed", medications: "atc" },
  examples: { allergies: "snomed:764146007", immunizations: "cvx:03", conditions: "icd10:E11.9", medications: "atc:A10BA02" },

  async start() {
    await PHR.init();
    for (const fs of document.querySelectorAll("fieldset.list")) {
      fs.querySelector(".add").addEventListener("click", () => Issue.addRow(fs.dataset.section));
    }
    document.getElementById("load").addEventListener("change", (e) => { if (e.target.files[0]) Issue.load(e.target.files[0]); });
    document.getElementById("preview").addEventListener("click", () => Issue.send(true));
    document.getElementById("record-form").addEventListener("submit", (e) => { e.preventDefault(); Issue.send(false); });
    document.getElementById("print-stub").addEventListener("click", () => {
      document.body.classList.add("printing-stub");
      window.print();
      document.body.classList.remove("printing-stub");
    });
    document.getElementById("new-card").addEventListener("click", Issue.reset);
    Issue.readers();
  },

  readers() {
    const box = document.getElementById("readers");
    box.replaceChildren();
    for (const r of PHR.info.readers || []) {
      const row = PHR.el("div", { class: "reader", "data-kid": r.kid });
      const on = PHR.el("input", { type: "checkbox", class: "reader-on", checked: "" });
      row.append(PHR.el("label", {}, on, " " + r.name + (r.country ? " (" + r.country + ")" : "") + " "), PHR.el("code", { text: r.kid }));
      for (const tier of ["essential", "clinical"]) {
        const cb = PHR.el("input", { type: "checkbox", class: "tier", value: tier });
        cb.checked = (r.tiers || []).includes(tier);
        row.append(PHR.el("label", { class: "tier-label" }, cb, " ", PHR.el("span", { "data-i18n": "tier." + tier, text: PHR.t("tier." + tier) })));
      }
      box.append(row);
    }
    if (!(PHR.info.readers || []).length) box.append(PHR.el("p", { class: "hint", "data-i18n": "station.issue.no-readers", text: PHR.t("station.issue.no-readers") }));
  },

  addRow(section, values) {
    const fs = document.querySelector('fieldset[data-section="' + section + '"] .rows');
    const row = PHR.el("div", { class: "entry" });
    for (const [name, label, kind] of Issue.columns[section]) {
      let input;
      if (Array.isArray(kind)) {
        input = PHR.el("select", {});
        for (const v of kind) input.append(PHR.el("option", { value: v, text: v }));
      } else {
        input = PHR.el("input", { type: kind === "number" ? "number" : "text" });
        if (kind === "date") input.placeholder = "YYYY-MM-DD";
        if (kind === "code") {
          input.setAttribute("list", "codes");
          input.placeholder = Issue.examples[section];
          input.addEventListener("input", () => Issue.searchCodes(section, input, row));
        }
      }
      input.dataset.field = name;
      if (values && values[name] !== undefined) input.value = values[name];
      row.append(PHR.el("label", {}, PHR.el("span", { "data-i18n": label, text: PHR.t(label) }), input, PHR.el("span", { class: "field-error" })));
    }
    const remove = PHR.el("button", { type: "button", class: "remove", "aria-label": "remove", text: "×" });
    remove.addEventListener("click", () => row.remove());
    row.append(remove);
    fs.append(row);
    return row;
  },

  /** Code search over the dictionary's codes and displays; choosing one fills the text when empty. */
  async searchCodes(section, input, row) {
    const q = input.value.trim();
    const list = document.getElementById("codes");
    const chosen = Array.from(list.options).find((o) => o.value === q);
    if (chosen) {
      const text = row.querySelector('[data-field="text"]');
      if (text && !text.value) text.value = chosen.dataset.display;
      return;
    }
    if (q.length < 2) return;
    const r = await PHR.get("/api/codes?q=" + encodeURIComponent(q) + "&system=" + Issue.systems[section]).catch(() => null);
    if (!r || input.value.trim() !== q) return;
    list.replaceChildren(...r.codes.map((c) => PHR.el("option", { value: c.code, label: c.display + " — " + c.code, "data-display": c.display })));
  },

  async load(file) {
    const loaded = document.getElementById("loaded");
    let json;
    try { json = JSON.parse(await file.text()); } catch (e) {
      loaded.textContent = PHR.t("station.issue.not-json");
      return;
    }
    if (json && json.resourceType === "Bundle") {
      Issue.fhir = json;
      loaded.textContent = PHR.t("station.issue.bundle-loaded", { name: file.name, entries: (json.entry || []).length });
      document.getElementById("record-form").classList.add("from-bundle");
      return Issue.send(true);
    }
    Issue.fhir = null;
    document.getElementById("record-form").classList.remove("from-bundle");
    Issue.fill(json || {});
    loaded.textContent = PHR.t("station.issue.record-loaded", { name: file.name });
    return Issue.send(true);
  },

  /** Puts a record into the form; whatever the form has no field for is kept aside and issued with it. */
  fill(rec) {
    const h = Object.assign({}, rec.holder || {});
    for (const k of ["given", "family", "birthDate", "sex", "nationality"]) {
      document.getElementById(k).value = h[k] === undefined ? "" : h[k];
      delete h[k];
    }
    document.getElementById("languages").value = (h.languages || []).join(", ");
    delete h.languages;
    document.getElementById("notes").value = rec.notes || "";
    for (const fs of document.querySelectorAll("fieldset.list .rows")) fs.replaceChildren();
    const extra = {};
    for (const [k, v] of Object.entries(rec)) {
      if (k === "holder" || k === "notes") continue;
      if (Issue.columns[k]) {
        for (const item of v || []) {
          const shown = {}, rest = {};
          for (const [key, val] of Object.entries(item)) (Issue.columns[k].some((c) => c[0] === key) ? shown : rest)[key] = val;
          const row = Issue.addRow(k, shown);
          row.dataset.extra = JSON.stringify(rest);
        }
        if (Array.isArray(v) && v.length === 0) extra["empty:" + k] = true;
      } else extra[k] = v;
    }
    extra.holderRest = h;
    Issue.extra = extra;
  },

  /** The record the form describes, and the map from JSON paths to its fields. */
  record() {
    const paths = new Map();
    const holder = Object.assign({}, Issue.extra.holderRest || {});
    for (const k of ["given", "family", "birthDate", "sex", "nationality"]) {
      const el = document.getElementById(k);
      if (el.value.trim()) holder[k] = el.value.trim();
      paths.set("holder." + k, el);
    }
    const langs = document.getElementById("languages");
    const list = langs.value.split(/[,\s]+/).filter(Boolean);
    if (list.length) holder.languages = list;
    paths.set("holder.languages", langs);
    list.forEach((_, i) => paths.set("holder.languages[" + i + "]", langs));
    paths.set("holder", document.getElementById("given"));
    const rec = { holder };
    for (const [k, v] of Object.entries(Issue.extra)) if (k !== "holderRest" && !k.startsWith("empty:")) rec[k] = v;
    for (const section of Object.keys(Issue.columns)) {
      const rows = Array.from(document.querySelectorAll('fieldset[data-section="' + section + '"] .entry'));
      const items = [];
      for (const row of rows) {
        const item = JSON.parse(row.dataset.extra || "{}");
        let any = false;
        for (const input of row.querySelectorAll("[data-field]")) {
          const v = input.value.trim();
          if (!v) continue;
          any = true;
          item[input.dataset.field] = input.type === "number" ? Number(v) : v;
        }
        if (!any) continue;
        const i = items.length;
        for (const input of row.querySelectorAll("[data-field]")) paths.set(section + "[" + i + "]." + input.dataset.field, input);
        paths.set(section + "[" + i + "]", row.querySelector("[data-field]"));
        items.push(item);
      }
      if (items.length || Issue.extra["empty:" + section]) rec[section] = items;
    }
    const notes = document.getElementById("notes");
    if (notes.value.trim()) rec.notes = notes.value;
    paths.set("notes", notes);
    Issue.paths = paths;
    return rec;
  },

  request() {
    const body = Issue.fhir ? { fhir: Issue.fhir } : { record: Issue.record() };
    body.readers = Array.from(document.querySelectorAll("#readers .reader"))
      .filter((r) => r.querySelector(".reader-on").checked)
      .map((r) => ({ kid: r.dataset.kid, tiers: Array.from(r.querySelectorAll(".tier:checked")).map((c) => c.value) }))
      .filter((r) => r.tiers.length);
    body.ecc = document.getElementById("ecc").value;
    body.moduleMm = Number(document.getElementById("module").value) || 0.4;
    body.format = "pdf";
    return body;
  },

  clearErrors() {
    for (const e of document.querySelectorAll(".field-error")) e.textContent = "";
    for (const e of document.querySelectorAll(".invalid")) e.classList.remove("invalid");
    for (const e of document.querySelectorAll(".field-message")) e.remove();
    document.getElementById("errors").replaceChildren();
  },

  /** Shows each problem next to its field (the CLI's messages); the rest above the buttons. */
  showErrors(body) {
    const list = document.getElementById("errors");
    const issues = body.issues || [{ path: "", code: body.error.code, message: body.error.message }];
    for (const issue of issues) {
      const el = Issue.paths.get(issue.path) || Issue.paths.get(issue.path.replace(/\.[^.\[]+$/, ""));
      if (el && !Issue.fhir) {
        el.classList.add("invalid");
        const msg = PHR.el("span", { class: "field-message", "data-path": issue.path, text: issue.message });
        el.insertAdjacentElement("afterend", msg);
      } else {
        list.append(PHR.el("li", { text: (issue.path ? issue.path + ": " : "") + issue.message + " [" + (issue.code || body.error.code) + "]" }));
      }
    }
  },

  async send(previewOnly) {
    Issue.clearErrors();
    const size = document.getElementById("size");
    const r = await PHR.post(previewOnly ? "/api/issue/preview" : "/api/issue", Issue.request());
    if (!r.ok) {
      size.textContent = "";
      Issue.showErrors(r.body);
      return;
    }
    const b = r.body;
    size.textContent = PHR.t("station.issue.size", { bytes: b.cardBytes, version: b.qrVersion, ecc: b.errorCorrection,
      mm: b.qrSizeMm.toFixed(1), layout: PHR.t("station.layout." + (b.layout || "id1")) })
      + (b.fhirDropped ? " · " + PHR.t("station.issue.dropped", { count: b.fhirDropped.length }) : "");
    if (previewOnly) return;
    const bytes = Uint8Array.from(atob(b.file), (c) => c.charCodeAt(0));
    const link = document.getElementById("download");
    if (link.href) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([bytes], { type: b.mime }));
    link.download = b.fileName;
    document.getElementById("holder-code").textContent = b.holderCode;
    document.getElementById("issued").hidden = false;
    document.getElementById("record-form").hidden = true;
    link.click();
  },

  reset() {
    document.getElementById("holder-code").textContent = "";
    document.getElementById("issued").hidden = true;
    document.getElementById("record-form").hidden = false;
    document.getElementById("record-form").reset();
    for (const fs of document.querySelectorAll("fieldset.list .rows")) fs.replaceChildren();
    Issue.extra = {};
    Issue.fhir = null;
    document.getElementById("loaded").textContent = "";
    document.getElementById("size").textContent = "";
    Issue.readers();
  },
};

document.addEventListener("DOMContentLoaded", Issue.start);
