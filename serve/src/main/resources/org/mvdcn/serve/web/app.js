// mvdcn's pages: the worklist and the study view, on the node's JSON API (no build step, no framework).
// The browser is authorised by the cookie the node sets when the page is first opened with ?token=...
"use strict";

const CLASSES = ["BI-RADS 0", "BI-RADS 1", "BI-RADS 2"];
// The worklist's studies, newest first; the study page steps through the same list.
const WORKLIST = "/api/studies?limit=200";
// The study last opened, selected in the worklist on the way back.
const LAST_STUDY = "mvdcn.lastStudy";
// The worklist redraws its rows every few seconds, so its keyboard selection is kept as a UID, not as a row.
let selected = null;

function studyPage(uid) {
  return "/study?uid=" + encodeURIComponent(uid);
}

async function api(path, options) {
  const response = await fetch(path, Object.assign({ credentials: "same-origin" }, options || {}));
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.error || (response.status + " " + response.statusText));
  }
  return body;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c == null ? "" : String(c)));
  return e;
}

function bar(probabilities, big) {
  const b = el("div", { class: "bar" + (big ? " big" : ""), role: "img" });
  if (!probabilities) return b;
  const text = CLASSES.map(c => c + " " + probabilities[c].toFixed(3)).join(", ");
  b.setAttribute("aria-label", text);
  b.title = text;
  CLASSES.forEach((c, k) => {
    const s = el("span", { class: "b" + k });
    s.style.width = (100 * probabilities[c]).toFixed(2) + "%";
    b.append(s);
  });
  return b;
}

function fixed(v, digits) {
  return v == null ? "" : v.toFixed(digits);
}

async function showHealth() {
  try {
    const h = await api("/api/health");
    document.getElementById("health").textContent =
      "model " + h.model.substring(0, 12) + " · " + h.queued + " queued · " + h.running + " running";
  } catch (e) {
    document.getElementById("health").textContent = "node not answering: " + e.message;
  }
}

async function refreshWorklist() {
  const error = document.getElementById("error");
  try {
    const page = await api(WORKLIST);
    const body = document.querySelector("#worklist tbody");
    const rows = page.studies.map(s => el("tr", { "data-uid": s.studyInstanceUid },
      el("td", {}, new Date(s.received).toLocaleString()),
      el("td", { class: "uid" }, el("a", { href: studyPage(s.studyInstanceUid) }, s.studyInstanceUid)),
      el("td", {}, s.accession),
      el("td", {}, el("span", { class: "status " + s.status, title: s.reason || "" }, s.status)),
      el("td", {}, s.assessed === false
        ? el("span", { class: "not-assessed", title: s.notAssessedBecause.join("; ") }, "not assessed")
        : bar(s.probabilities, false)),
      el("td", {}, fixed(s.entropy, 3)),
      el("td", {}, fixed(s.seconds, 1)),
      el("td", { title: s.sendError || "" }, s.sent)));
    body.replaceChildren(...rows);
    markSelected();
    document.getElementById("empty").hidden = rows.length > 0;
    error.hidden = true;
  } catch (e) {
    error.textContent = "Cannot list the studies: " + e.message;
    error.hidden = false;
  }
}

// The right breast on the viewer's left, the left breast on the right: each tile's side of the breast decides
// in style.css where its picture sits and whether it is mirrored.
const HANGING = ["R-CC", "L-CC", "R-MLO", "L-MLO"];

function showViews(study) {
  const withMaps = document.getElementById("saliency").checked;
  const tiles = HANGING.map(v => {
    const view = study.views[v];
    const body = view && view.image
      ? el("img", { src: withMaps ? view.saliency : view.image, alt: v + (withMaps ? " with its saliency map" : "") })
      : el("div", { class: "missing" }, study.status === "done" ? "no picture" : "pictures once the study is done");
    return el("div", { class: "tile " + (v.startsWith("R") ? "right-breast" : "left-breast") },
      el("figure", { "data-view": v }, body, el("figcaption", {}, v)));
  });
  document.getElementById("views").replaceChildren(...tiles);
}

async function refreshStudy(uid) {
  let study;
  try {
    study = await api("/api/studies/" + encodeURIComponent(uid));
  } catch (e) {
    document.getElementById("reason").textContent = "Cannot show study " + uid + ": " + e.message;
    document.getElementById("reason").hidden = false;
    return;
  }
  document.title = "mvdcn · " + uid;
  document.getElementById("uid").textContent = uid;
  const patient = study.patient ? " · patient " + study.patient.name + " (" + study.patient.id + ")" : "";
  document.getElementById("meta").textContent = "status " + study.status + " · received " +
    new Date(study.received).toLocaleString() + " · accession " + study.accession + " · " + study.images +
    " objects · results " + study.sent + patient;
  const prediction = document.getElementById("prediction");
  if (study.probabilities) {
    const probs = el("p", { class: "probs" },
      CLASSES.map(c => "P(" + c + ") " + study.probabilities[c].toFixed(4)).join("   ") +
      "   entropy " + study.entropy.toFixed(4) + " nats (max 1.0986)   " + study.seconds.toFixed(1) + " s   " +
      (study.calibrated ? "calibrated (temperature " + study.temperature.toFixed(3) + ")" : "uncalibrated"));
    if (study.assessed === false) {
      // the reasons first; the probabilities stay for research, below them and said to be so
      prediction.replaceChildren(el("div", { class: "error not-assessed-warning" },
        el("p", {}, "Not assessed, because:"), el("ul", {}, ...study.notAssessedBecause.map(r => el("li", {}, r)))),
        el("p", { class: "muted" }, "For research only, not for reading the exam:"), probs);
    } else {
      prediction.replaceChildren(bar(study.probabilities, true), probs);
    }
  } else {
    prediction.replaceChildren(el("p", { class: "muted" }, "No prediction yet."));
  }
  const reason = document.getElementById("reason");
  reason.hidden = !study.reason;
  reason.textContent = study.reason ? "Failed: " + study.reason : "";
  const setAside = document.getElementById("setaside");
  setAside.hidden = study.setAside.length === 0;
  setAside.querySelector("ul").replaceChildren(...study.setAside.map(n => el("li", {}, n)));
  showViews(study);
  document.getElementById("saliency").onchange = () => showViews(study);
  return study;
}

function startStudyPage() {
  const uid = new URLSearchParams(location.search).get("uid");
  sessionStorage.setItem(LAST_STUDY, uid);
  document.getElementById("reprocess").onclick = async () => {
    const out = document.getElementById("reprocess-result");
    try {
      await api("/api/studies/" + encodeURIComponent(uid) + "/reprocess", { method: "POST" });
      out.textContent = "queued again";
    } catch (e) {
      out.textContent = e.message;
    }
  };
  const tick = async () => {
    const study = await refreshStudy(uid);
    if (study && (study.status === "done" || study.status === "failed")) return;
    setTimeout(tick, 3000);
  };
  tick();
  linkNeighbours(uid);
  onKeys({
    j: followLink("next"), ArrowDown: followLink("next"), k: followLink("previous"), ArrowUp: followLink("previous"),
    s: () => document.getElementById("saliency").click(),
    Escape: () => location.assign("/"),
  });
}

// The studies before and after this one in the worklist's order, as links (the keys follow them).
async function linkNeighbours(uid) {
  const studies = (await api(WORKLIST)).studies.map(s => s.studyInstanceUid);
  const at = studies.indexOf(uid);
  if (at < 0) return;
  for (const [id, neighbour] of [["next", studies[at + 1]], ["previous", studies[at - 1]]]) {
    if (neighbour) document.getElementById(id).href = studyPage(neighbour);
  }
}

function followLink(id) {
  return () => {
    const link = document.getElementById(id);
    if (link.hasAttribute("href")) location.assign(link.href);
  };
}

function startWorklist() {
  selected = sessionStorage.getItem(LAST_STUDY);
  refreshWorklist();
  setInterval(() => { refreshWorklist(); showHealth(); }, 5000);
  onKeys({
    j: () => moveSelection(1), ArrowDown: () => moveSelection(1), k: () => moveSelection(-1), ArrowUp: () => moveSelection(-1),
    Enter: () => {
      if (selected) location.assign(studyPage(selected));
    },
  });
}

function worklistRows() {
  return Array.from(document.querySelectorAll("#worklist tbody tr"));
}

function moveSelection(step) {
  const uids = worklistRows().map(r => r.dataset.uid);
  if (uids.length === 0) return;
  const at = uids.indexOf(selected);
  selected = at < 0 ? uids[0] : uids[Math.min(Math.max(at + step, 0), uids.length - 1)];
  markSelected();
  document.querySelector("#worklist tr.selected").scrollIntoView({ block: "nearest" });
}

function markSelected() {
  for (const row of worklistRows()) {
    row.classList.toggle("selected", row.dataset.uid === selected);
    row.setAttribute("aria-selected", String(row.dataset.uid === selected));
  }
}

// Keys typed into a list or text field belong to it, Enter on a link or button too, and with a modifier to the browser.
function onKeys(actions) {
  document.addEventListener("keydown", e => {
    const action = actions[e.key];
    const theirs = e.target.closest("select, textarea, input[type=text]") || (e.key === "Enter" && e.target.closest("a[href], button"));
    if (!action || theirs || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    action();
  });
}

// CC above MLO (two rows) or CC beside MLO (one row), chosen on either page and remembered by the browser.
const LAYOUTS = { "cc-above-mlo": "CC above MLO", "cc-beside-mlo": "CC beside MLO" };
const LAYOUT_SETTING = "mvdcn.layout";

function layoutSetting() {
  const stored = localStorage.getItem(LAYOUT_SETTING);
  const chosen = stored in LAYOUTS ? stored : "cc-above-mlo";
  const select = el("select", { id: "layout" },
    ...Object.entries(LAYOUTS).map(([value, label]) => el("option", { value }, label)));
  select.value = chosen;
  select.onchange = () => {
    localStorage.setItem(LAYOUT_SETTING, select.value);
    applyLayout(select.value);
  };
  document.getElementById("layout-setting").replaceChildren(el("label", {}, "views ", select));
  applyLayout(chosen);
}

function applyLayout(layout) {
  const views = document.getElementById("views");
  if (views) views.dataset.layout = layout;
}

document.addEventListener("DOMContentLoaded", () => {
  showHealth();
  layoutSetting();
  if (document.body.dataset.page === "worklist") {
    startWorklist();
  } else {
    startStudyPage();
  }
});
