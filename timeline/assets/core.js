/* core.js — the page's data, time units, state, filters and the URL fragment.
 * Data is read from the JSON block and goes into the DOM with textContent only (no HTML
 * parsing of data, ever). Days are counted since 1970-01-01 (UTC). */
var D = JSON.parse(document.getElementById("tl-data").textContent);
var META = D.meta, EV = D.ev, ENTS = D.ents, DOCS = D.docs, TYPES = D.types;
var NE = EV.t.length, NENT = ENTS.l.length, NDOC = DOCS.l.length, NT = TYPES.length;
var DAY = 86400000;
var K_POINT = 0, K_INTERVAL = 1, K_OPEN_END = 2, K_OPEN_START = 3, K_INFERRED = 4, K_UNDATED = 5;

function $(id) { return document.getElementById(id); }
function el(tag, opts, kids) {
  var node = document.createElement(tag);
  if (opts) {
    if (opts.cls) node.className = opts.cls;
    if (opts.text != null) node.textContent = String(opts.text);
    if (opts.style) for (var k in opts.style) node.style[k] = opts.style[k];
    if (opts.attrs) for (var a in opts.attrs) node.setAttribute(a, opts.attrs[a]);
    if (opts.onclick) node.addEventListener("click", opts.onclick);
  }
  (kids || []).forEach(function (kid) {
    if (kid == null || kid === "") return;
    node.appendChild(typeof kid === "string" ? document.createTextNode(kid) : kid);
  });
  return node;
}
function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
function num(n) { return Number(n).toLocaleString("en-US"); }
function iso(day) { return new Date(Math.floor(day) * DAY).toISOString().slice(0, 10); }
function dayOfIso(text) {
  var m = /^(-?\d{4,})-(\d{2})-(\d{2})/.exec(text || "");
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY : null;
}
var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
function monthStart(m) { var y = Math.floor(m / 12); return Date.UTC(y, m - 12 * y, 1) / DAY; }

/* ---- columns -------------------------------------------------------------------------- */
var TYPE = Int16Array.from(EV.t), KIND = Uint8Array.from(EV.k), LANE_ACTOR = Int16Array.from(EV.la);
var START = new Float64Array(NE), END = new Float64Array(NE), MID = new Float64Array(NE), MON = new Int32Array(NE);
var DATED = [], UNDATED = [];
(function columns() {
  for (var i = 0; i < NE; i++) {
    if (KIND[i] === K_UNDATED) { START[i] = END[i] = MID[i] = NaN; UNDATED.push(i); continue; }
    START[i] = EV.s[i]; END[i] = EV.e[i] + 1;  // END is exclusive: the day after the last day
    MID[i] = (START[i] + END[i]) / 2;
    var d = new Date(MID[i] * DAY);
    MON[i] = d.getUTCFullYear() * 12 + d.getUTCMonth();
    DATED.push(i);
  }
  DATED.sort(function (a, b) { return MID[a] - MID[b] || a - b; });
  UNDATED.sort(function (a, b) { return TYPE[a] - TYPE[b] || (EV.l[a] < EV.l[b] ? -1 : EV.l[a] > EV.l[b] ? 1 : a - b); });
})();
var ORDER = Int32Array.from(DATED);
var ID_INDEX = null;  // event id → index, built when first needed
function eventByKey(key) {
  if (!ID_INDEX) { ID_INDEX = new Map(); for (var i = 0; i < NE; i++) ID_INDEX.set(EV.id[i], i); }
  var i2 = ID_INDEX.get(key);
  return i2 == null ? -1 : i2;
}
function keyIndex(keys, key) { var i = keys.indexOf(key); return i; }

/* relations between events: [other, kind] with kind denies | denied by | claimed in | claims */
var REL = new Array(NE);
(function relations() {
  function add(i, j, kind) { (REL[i] || (REL[i] = [])).push([j, kind]); }
  D.links.denies.forEach(function (p) { add(p[0], p[1], "denies"); add(p[1], p[0], "denied by"); });
  D.links.claimedIn.forEach(function (p) { add(p[0], p[1], "claimed in"); add(p[1], p[0], "claims"); });
})();

/* ---- evidence blocks, parsed on demand ------------------------------------------------- */
var DETAIL = new Array(META.chunks);
function detail(i) {
  var k = Math.floor(i / META.chunk);
  if (!DETAIL[k]) {
    var node = $("tl-detail-" + k);
    if (!node) return null;  // not parsed by the browser yet
    DETAIL[k] = JSON.parse(node.textContent);
    searchAddChunk(k);
  }
  return DETAIL[k][i - k * META.chunk];
}

/* ---- time units: buckets for counting, ticks for the axis ----------------------------- */
var UNITS = [
  { u: "day", n: 1, d: 1 }, { u: "week", n: 1, d: 7 }, { u: "month", n: 1, d: 30.44 },
  { u: "month", n: 3, d: 91.3 }, { u: "year", n: 1, d: 365.25 }, { u: "year", n: 2, d: 730.5 },
  { u: "year", n: 5, d: 1826 }, { u: "year", n: 10, d: 3652 }, { u: "year", n: 25, d: 9131 },
  { u: "year", n: 50, d: 18262 }, { u: "year", n: 100, d: 36525 }
];
function unitFor(ppd, minPx) {
  for (var k = 0; k < UNITS.length; k++) if (UNITS[k].d * ppd >= minPx) return UNITS[k];
  return UNITS[UNITS.length - 1];
}
function bucketKey(unit, i, day) {
  // the bucket of event i, or of a day when given (a clamped mid-point)
  var m;
  if (unit.u === "day") return Math.floor(day);
  if (unit.u === "week") return Math.floor((day + 3) / 7);  // weeks from Monday
  if (day === MID[i]) m = MON[i]; else { var d = new Date(day * DAY); m = d.getUTCFullYear() * 12 + d.getUTCMonth(); }
  if (unit.u === "month") return Math.floor(m / unit.n);
  return Math.floor(m / (12 * unit.n));
}
function bucketRange(unit, key) {
  if (unit.u === "day") return [key, key + 1];
  if (unit.u === "week") return [key * 7 - 3, key * 7 + 4];
  var months = unit.u === "month" ? unit.n : 12 * unit.n;
  return [monthStart(key * months), monthStart((key + 1) * months)];
}
function bucketName(unit, key) {
  var r = bucketRange(unit, key), a = new Date(r[0] * DAY);
  if (unit.u === "day") return iso(r[0]);
  if (unit.u === "week") return "week of " + iso(r[0]);
  if (unit.u === "month" && unit.n === 1) return MONTHS[a.getUTCMonth()] + " " + a.getUTCFullYear();
  if (unit.u === "month") return "Q" + (Math.floor(a.getUTCMonth() / 3) + 1) + " " + a.getUTCFullYear();
  if (unit.n === 1) return String(a.getUTCFullYear());
  return a.getUTCFullYear() + "\u2013" + (new Date((r[1] - 1) * DAY).getUTCFullYear());
}

/* ---- state ---------------------------------------------------------------------------- */
var SPAN_MIN = 7;
var EXTENT = (function () {
  var lo = META.lo, hi = META.hi + 1, span = Math.max(hi - lo, 60), pad = span * 0.03;
  return [lo - pad, hi + pad];
})();
var state = {
  lanes: "type", hidden: new Uint8Array(NT), from: null, to: null, text: "", actor: -1, place: -1, doc: -1,
  d0: EXTENT[0], d1: EXTENT[1], top: 0, sel: -1, ent: -1
};
var pass = new Uint8Array(NE);
var passCount = 0;

/* search text: label, type and names at once; quotes and stated times as evidence blocks load */
var SEARCH = null;
function searchBase() {
  if (SEARCH) return;
  SEARCH = new Array(NE);
  for (var i = 0; i < NE; i++) {
    var parts = [EV.l[i], TYPES[TYPE[i]].label, TYPES[TYPE[i]].name], a = EV.a[i], p = EV.p[i];
    for (var k = 0; k < a.length; k++) parts.push(ENTS.l[a[k]]);
    for (k = 0; k < p.length; k++) parts.push(ENTS.l[p[k]]);
    SEARCH[i] = parts.join("\n").toLowerCase();
  }
  for (var c = 0; c < DETAIL.length; c++) if (DETAIL[c]) searchAddChunk(c);
}
function searchAddChunk(k) {
  if (!SEARCH) return;
  var rows = DETAIL[k], base = k * META.chunk;
  for (var j = 0; j < rows.length; j++) {
    var r = rows[j], extra = [r.ex || ""];
    (r.q || []).forEach(function (q) { extra.push(q.t); });
    // one flat string per event (a concatenated string would be flattened by the first search)
    SEARCH[base + j] = (SEARCH[base + j] + "\n" + extra.join("\n").toLowerCase()).split("").join("");
  }
}
var searchLoaded = 0;
function loadEvidenceWhenIdle() {
  // parse the evidence blocks one by one between frames, so a search also finds quotes
  var idle = window.requestIdleCallback || function (f) { return setTimeout(f, 30); };
  function next() {
    if (!SEARCH) { searchBase(); idle(next); return; }
    while (searchLoaded < DETAIL.length && DETAIL[searchLoaded]) searchLoaded++;
    if (searchLoaded >= DETAIL.length) { window.__tlEvidenceRead = true; if (state.text) apply(); return; }
    detail(searchLoaded * META.chunk);
    idle(next);
  }
  idle(next);
}

function eventPasses(i) {
  if (state.hidden[TYPE[i]]) return false;
  if (state.from != null || state.to != null) {
    if (KIND[i] === K_UNDATED) return false;
    if (state.from != null && END[i] <= state.from) return false;
    if (state.to != null && START[i] > state.to) return false;
  }
  if (state.actor >= 0 && EV.a[i].indexOf(state.actor) < 0) return false;
  if (state.place >= 0 && EV.p[i].indexOf(state.place) < 0) return false;
  if (state.doc >= 0 && EV.d[i].indexOf(state.doc) < 0) return false;
  if (state.text && SEARCH[i].indexOf(state.text) < 0) return false;
  return true;
}
function filterEvents() {
  if (state.text) searchBase();
  var n = 0;
  for (var i = 0; i < NE; i++) { var ok = eventPasses(i); pass[i] = ok ? 1 : 0; if (ok) n++; }
  passCount = n;
  return n;
}

/* ---- the URL fragment: filters, lanes, zoom and selection ------------------------------ */
function stateToHash() {
  var p = [];
  function put(k, v) { p.push(k + "=" + encodeURIComponent(v)); }
  if (state.lanes !== "type") put("lanes", state.lanes);
  var hidden = [];
  for (var t = 0; t < NT; t++) if (state.hidden[t]) hidden.push(TYPES[t].name);
  if (hidden.length) put("hide", hidden.join(","));
  if (state.from != null) put("from", iso(state.from));
  if (state.to != null) put("to", iso(state.to));
  if (state.text) put("q", state.text);
  if (state.actor >= 0) put("actor", ENTS.key[state.actor]);
  if (state.place >= 0) put("place", ENTS.key[state.place]);
  if (state.doc >= 0) put("doc", DOCS.key[state.doc]);
  put("view", state.d0.toFixed(2) + "," + state.d1.toFixed(2));
  if (state.top) put("y", Math.round(state.top));
  if (state.sel >= 0) put("sel", EV.id[state.sel]);
  if (state.ent >= 0) put("ent", state.ent < NENT ? ENTS.k[state.ent] + ":" + ENTS.key[state.ent] : "doc:" + DOCS.key[state.ent - NENT]);
  return p.join("&");
}
function hashToState(hash) {
  var params = {};
  String(hash || "").replace(/^#/, "").split("&").forEach(function (kv) {
    if (!kv) return;
    var at = kv.indexOf("="), k = at < 0 ? kv : kv.slice(0, at), v = at < 0 ? "" : kv.slice(at + 1);
    try { params[k] = decodeURIComponent(v.replace(/\+/g, " ")); } catch (e) { params[k] = v; }
  });
  state.lanes = params.lanes === "actor" ? "actor" : "type";
  state.hidden = new Uint8Array(NT);
  if (params.hide) params.hide.split(",").forEach(function (name) {
    for (var t = 0; t < NT; t++) if (TYPES[t].name === name) state.hidden[t] = 1;
  });
  state.from = params.from ? dayOfIso(params.from) : null;
  state.to = params.to ? dayOfIso(params.to) : null;
  state.text = (params.q || "").toLowerCase();
  function entity(kind, key) {
    if (!key) return -1;
    for (var j = 0; j < NENT; j++) if (ENTS.key[j] === key && ENTS.k[j] === kind) return j;
    return -1;
  }
  state.actor = entity("actor", params.actor);
  state.place = entity("place", params.place);
  state.doc = params.doc ? DOCS.key.indexOf(params.doc) : -1;
  var view = (params.view || "").split(",").map(Number);
  if (view.length === 2 && isFinite(view[0]) && isFinite(view[1]) && view[1] - view[0] >= SPAN_MIN / 2) {
    state.d0 = view[0]; state.d1 = view[1];
  } else { state.d0 = EXTENT[0]; state.d1 = EXTENT[1]; }
  state.top = +params.y || 0;
  state.sel = params.sel ? eventByKey(params.sel) : -1;
  state.ent = -1;
  if (params.ent) {
    var at = params.ent.indexOf(":"), kind = params.ent.slice(0, at), key = params.ent.slice(at + 1);
    if (kind === "doc") { var j = DOCS.key.indexOf(key); state.ent = j >= 0 ? NENT + j : -1; }
    else state.ent = entity(kind, key);
  }
  return params;
}
var hashTimer = null, lastHash = null;
function saveHash() {
  clearTimeout(hashTimer);
  hashTimer = setTimeout(function () {
    var h = stateToHash();
    if (h === lastHash) return;
    lastHash = h;
    try { history.replaceState(null, "", "#" + h); } catch (e) { location.hash = h; }
  }, 120);
}
