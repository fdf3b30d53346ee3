// PHRCard station: what both pages share (translations, API calls, the holder code's check digit, dates).
"use strict";

const PHR = {
  strings: {},
  rtl: [],
  lang: "en",
  info: null,

  /** Loads the translations and the station's description, picks the language, translates the page. */
  async init() {
    const [i18n, info] = await Promise.all([PHR.get("/api/i18n"), PHR.get("/api/station")]);
    PHR.strings = i18n.strings || {};
    PHR.rtl = i18n.rtl || [];
    PHR.info = info;
    const saved = localStorage.getItem("phrcard.lang");
    const wanted = [saved, ...(navigator.languages || [navigator.language])].filter(Boolean);
    PHR.lang = "en";
    for (const w of wanted) {
      const base = w.toLowerCase().split("-")[0];
      if (PHR.strings[base]) { PHR.lang = base; break; }
    }
    const select = document.getElementById("lang");
    for (const code of i18n.languages || []) {
      const o = document.createElement("option");
      o.value = code;
      o.textContent = (PHR.strings[code] && PHR.strings[code]["language.name"]) || code;
      select.appendChild(o);
    }
    select.value = PHR.lang;
    select.addEventListener("change", () => {
      localStorage.setItem("phrcard.lang", select.value);
      PHR.setLanguage(select.value);
    });
    const nav = document.querySelector("nav a");
    if (nav && ((nav.id === "nav-issue" && info.issues) || (nav.id === "nav-check" && info.checks))) nav.hidden = false;
    PHR.setLanguage(PHR.lang);
  },

  setLanguage(lang) {
    PHR.lang = lang;
    document.documentElement.lang = lang;
    document.documentElement.dir = PHR.rtl.includes(lang) ? "rtl" : "ltr";
    for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = PHR.t(el.dataset.i18n);
    document.dispatchEvent(new CustomEvent("phr-language"));
  },

  /** The text of `key` in the current language (English, then the key itself, as fallbacks). */
  t(key, values) {
    let s = (PHR.strings[PHR.lang] || {})[key] || (PHR.strings.en || {})[key] || key;
    for (const [k, v] of Object.entries(values || {})) s = s.split("{" + k + "}").join(v);
    return s;
  },

  async get(path) {
    const r = await fetch(path, { credentials: "same-origin" });
    const body = await r.json();
    if (!r.ok) throw Object.assign(new Error(body.error ? body.error.message : r.statusText), { status: r.status, body });
    return body;
  },

  /** POSTs JSON (or a Blob as is); resolves with {ok, status, body}. */
  async post(path, data) {
    const blob = data instanceof Blob;
    const r = await fetch(path, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": blob ? (data.type || "application/octet-stream") : "application/json" },
      body: blob ? data : JSON.stringify(data),
    });
    let body = {};
    try { body = await r.json(); } catch (e) { body = { error: { code: "request.failed", message: r.statusText } }; }
    return { ok: r.ok, status: r.status, body };
  },

  /** A date (YYYY, YYYY-MM, YYYY-MM-DD or a date-time) in the current language. */
  date(text) {
    if (!text) return "";
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(text);
    if (!m) return text;
    const d = new Date(Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1));
    const opts = { timeZone: "UTC", year: "numeric" };
    if (m[2]) opts.month = "long";
    if (m[3]) opts.day = "numeric";
    try { return new Intl.DateTimeFormat(PHR.lang, opts).format(d); } catch (e) { return text; }
  },

  el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else if (k === "text") e.textContent = v; else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  },
};

/** The Verhoeff check digit scheme (the holder code's 20th digit), as in Sources/PHRCardCore/HolderCode. */
const Verhoeff = {
  d: [[0,1,2,3,4,5,6,7,8,9],[1,2,3,4,0,6,7,8,9,5],[2,3,4,0,1,7,8,9,5,6],[3,4,0,1,2,8,9,5,6,7],[4,0,1,2,3,9,5,6,7,8],
      [5,9,8,7,6,0,4,3,2,1],[6,5,9,8,7,1,0,4,3,2],[7,6,5,9,8,2,1,0,4,3],[8,7,6,5,9,3,2,1,0,4],[9,8,7,6,5,4,3,2,1,0]],
  p: [[0,1,2,3,4,5,6,7,8,9],[1,5,7,6,2,8,3,0,9,4],[5,8,0,3,7,9,6,1,4,2],[8,9,1,6,0,4,3,5,2,7],[9,4,5,3,1,2,6,8,7,0],
      [4,2,8,6,5,7,3,9,0,1],[2,7,9,3,8,0,6,4,1,5],[7,0,4,6,9,1,3,2,5,8]],
  valid(digits) {
    let c = 0;
    const a = digits.split("").map(Number).reverse();
    for (let i = 0; i < a.length; i++) c = Verhoeff.d[c][Verhoeff.p[i % 8][a[i]]];
    return c === 0;
  },
};

/**
 * Checks a typed holder code before any request: "format" (not 20 digits), "mistyped" (check digit wrong),
 * or the 20 digits.
 */
function checkHolderCode(text) {
  if (/[^0-9\s-]/.test(text)) return { error: "format" };
  const digits = text.replace(/[\s-]/g, "");
  if (digits.length !== 20) return { error: "format" };
  if (!Verhoeff.valid(digits)) return { error: "mistyped" };
  return { digits };
}
