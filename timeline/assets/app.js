/* app.js — controls, pointer and keyboard, the page's public handle (window.timeline). */
var drawPending = false;
function redraw() {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(function () { drawPending = false; paint(); });
}
function drawNow() { drawPending = false; return paint(); }
function updateCount() {
  $("tl-count").textContent = "showing " + num(passCount) + " of " + num(NE) + " events";
}
function unitName(u) {
  if (u.u === "month") return u.n === 3 ? "quarter" : "month";
  if (u.u === "year") return u.n === 1 ? "year" : u.n + " years";
  return u.u;
}
function paint() {
  var f = draw();
  $("tl-scale").textContent = iso(state.d0) + " \u2013 " + iso(state.d1) + " \u00b7 counts per " + unitName(f.unit) +
    " \u00b7 " + num(f.markers) + " drawn one by one";
  window.__tlLastDrawMs = f.ms;
  return f;
}

function apply() {
  filterEvents();
  updateCount();
  if (state.ent >= 0) ENT_EVENTS = null;
  drawNow();
  saveHash();
}
function setView(d0, d1) {
  var span = Math.max(SPAN_MIN, Math.min(d1 - d0, (EXTENT[1] - EXTENT[0]) * 1.6));
  var mid = (d0 + d1) / 2;
  state.d0 = mid - span / 2; state.d1 = mid + span / 2;
}
function zoom(factor, atX) {
  var x = atX == null ? (GUTTER + W) / 2 : atX, day = dayAt(x);
  var span = Math.max(SPAN_MIN, Math.min((state.d1 - state.d0) / factor, (EXTENT[1] - EXTENT[0]) * 1.6));
  var k = (day - state.d0) / (state.d1 - state.d0);
  state.d0 = day - k * span; state.d1 = state.d0 + span;
  var f = drawNow();
  saveHash();
  return f;
}
function fit() { state.d0 = EXTENT[0]; state.d1 = EXTENT[1]; state.top = 0; var f = drawNow(); saveHash(); return f; }
function select(i, reveal) {
  state.sel = i;
  if (i < 0) { panelBody.hidden = true; $("tl-panel-empty").hidden = false; drawNow(); saveHash(); return; }
  if (!pass[i]) { resetFilters(false); }
  if (reveal && KIND[i] !== K_UNDATED && (END[i] <= state.d0 || START[i] >= state.d1)) {
    var span = state.d1 - state.d0;
    state.d0 = MID[i] - span / 2; state.d1 = MID[i] + span / 2;
  }
  showEvent(i);
  openPanel();
  drawNow();
  saveHash();
}
function selectEntity(id, open) {
  state.ent = id;
  ENT_EVENTS = null;
  if (open) showTab(id < 0 ? "evidence" : id < NENT ? ENTS.k[id] : "doc");
  else if (tab !== "evidence") renderEntities();
  drawNow();
  saveHash();
}
function resetFilters(draw) {
  state.hidden = new Uint8Array(NT); state.from = state.to = null; state.text = "";
  state.actor = state.place = state.doc = -1;
  syncControls();
  if (draw !== false) apply(); else { filterEvents(); updateCount(); }
}

/* ---- controls ------------------------------------------------------------------------- */
var legend = $("tl-legend");
TYPES.forEach(function (t, k) {
  var li = el("li", { attrs: { "data-type": t.name, title: "show or hide " + t.label } }, [
    el("span", { cls: "sw", style: { background: t.color } }), el("span", { text: t.label }), el("span", { cls: "n", text: num(t.count) })
  ]);
  li.addEventListener("click", function () { state.hidden[k] = state.hidden[k] ? 0 : 1; syncControls(); apply(); });
  legend.appendChild(li);
});
function fillSelect(select, ids, name) {
  var frag = document.createDocumentFragment();
  ids.forEach(function (j) { frag.appendChild(el("option", { text: name(j), attrs: { value: String(j) } })); });
  select.appendChild(frag);
}
var selectsFilled = false;
function fillSelects() {
  if (selectsFilled) return;
  selectsFilled = true;
  function byName(labels) { return function (a, b) { return labels[a] < labels[b] ? -1 : labels[a] > labels[b] ? 1 : a - b; }; }
  var actors = [], places = [], docs = [];
  for (var j = 0; j < NENT; j++) {
    if (ENTS.k[j] === "place") places.push(j);
    else if (ENTS.menu[j]) actors.push(j);  // who acts or speaks, or anyone named
  }
  for (j = 0; j < NDOC; j++) docs.push(j);
  fillSelect($("tl-actor"), actors.sort(byName(ENTS.l)), function (j) { return ENTS.l[j]; });
  fillSelect($("tl-place"), places.sort(byName(ENTS.l)), function (j) { return ENTS.l[j]; });
  fillSelect($("tl-doc"), docs.sort(byName(DOCS.l)), function (j) { return DOCS.l[j] + (DOCS.pub[j] ? " (" + DOCS.pub[j] + ")" : ""); });
  syncControls();
}
function syncControls() {
  Array.prototype.forEach.call(legend.children, function (li, k) { li.classList.toggle("off", !!state.hidden[k]); });
  $("tl-search").value = state.text;
  $("tl-from").value = state.from == null ? "" : iso(state.from);
  $("tl-to").value = state.to == null ? "" : iso(state.to);
  $("tl-lanes").value = state.lanes;
  if (selectsFilled) {
    $("tl-actor").value = state.actor >= 0 ? String(state.actor) : "";
    $("tl-place").value = state.place >= 0 ? String(state.place) : "";
    $("tl-doc").value = state.doc >= 0 ? String(state.doc) : "";
  }
}
$("tl-types-all").addEventListener("click", function () { state.hidden = new Uint8Array(NT); syncControls(); apply(); });
$("tl-types-none").addEventListener("click", function () { state.hidden = new Uint8Array(NT).fill(1); syncControls(); apply(); });
var searchTimer = null;
$("tl-search").addEventListener("input", function () {
  clearTimeout(searchTimer);
  var value = this.value.trim().toLowerCase();
  searchTimer = setTimeout(function () { state.text = value; apply(); }, NE > 20000 ? 150 : 60);
});
$("tl-from").addEventListener("input", function () { state.from = dayOfIso(this.value); apply(); });
$("tl-to").addEventListener("input", function () { state.to = dayOfIso(this.value); apply(); });
$("tl-lanes").addEventListener("change", function () { state.lanes = this.value; state.top = 0; apply(); });
$("tl-actor").addEventListener("change", function () { state.actor = this.value === "" ? -1 : +this.value; apply(); });
$("tl-place").addEventListener("change", function () { state.place = this.value === "" ? -1 : +this.value; apply(); });
$("tl-doc").addEventListener("change", function () { state.doc = this.value === "" ? -1 : +this.value; apply(); });
$("tl-reset").addEventListener("click", function () { resetFilters(); });
$("tl-fit").addEventListener("click", function () { fit(); });
$("tl-zoom-in").addEventListener("click", function () { zoom(2); });
$("tl-zoom-out").addEventListener("click", function () { zoom(0.5); });
$("tl-copy").addEventListener("click", function () {
  var url = location.href.split("#")[0] + "#" + stateToHash();
  try { history.replaceState(null, "", url); } catch (e) { /* file:// in an old browser */ }
  if (navigator.clipboard) navigator.clipboard.writeText(url).catch(function () {});
  this.textContent = "link in the address bar";
});
Array.prototype.forEach.call(document.querySelectorAll("#tl-tabs button"), function (b) {
  b.addEventListener("click", function () { showTab(b.getAttribute("data-tab")); });
});
$("tl-entity-filter").addEventListener("input", function () { renderEntities(); });

/* ---- pointer and keys ----------------------------------------------------------------- */
var drag = null;
function local(e) { var r = canvas.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; }
canvas.addEventListener("wheel", function (e) {
  e.preventDefault();
  var p = local(e);
  if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
    if (e.shiftKey) { state.top += e.deltaY; }
    else { var shift = e.deltaX / ppd(); state.d0 += shift; state.d1 += shift; }
    redraw(); saveHash(); return;
  }
  var factor = Math.exp(-e.deltaY * 0.0015);
  var span = Math.max(SPAN_MIN, Math.min((state.d1 - state.d0) / factor, (EXTENT[1] - EXTENT[0]) * 1.6));
  var day = dayAt(Math.max(GUTTER, p[0])), k = (day - state.d0) / (state.d1 - state.d0);
  state.d0 = day - k * span; state.d1 = state.d0 + span;
  redraw(); saveHash();
}, { passive: false });
canvas.addEventListener("pointerdown", function (e) {
  var p = local(e);
  drag = { x: p[0], y: p[1], d0: state.d0, d1: state.d1, top: state.top, moved: false };
  canvas.setPointerCapture(e.pointerId);
});
canvas.addEventListener("pointermove", function (e) {
  var p = local(e);
  if (drag) {
    var dx = p[0] - drag.x, dy = p[1] - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 4) drag.moved = true;
    if (drag.moved) {
      canvas.classList.add("dragging"); tip.hidden = true;
      var shift = -dx / ppd();
      state.d0 = drag.d0 + shift; state.d1 = drag.d1 + shift; state.top = drag.top - dy;
      redraw();
      return;
    }
  }
  var hit = hitAt(p[0], p[1]), h = hit && hit.ev != null ? hit.ev : -1;
  canvas.classList.toggle("pointing", !!hit);
  if (hit) showTip(hit, p[0], p[1]); else tip.hidden = true;
  if (h !== hover) { hover = h; redraw(); }
});
canvas.addEventListener("pointerup", function (e) {
  var p = local(e), was = drag;
  drag = null;
  canvas.classList.remove("dragging");
  if (was && was.moved) { saveHash(); return; }
  click(p[0], p[1]);
});
function click(x, y) {
  var hit = hitAt(x, y);
  if (!hit) { if (state.sel >= 0) select(-1); return; }
  if (hit.ev != null) { select(hit.ev, false); return; }
  if (hit.box) {  // a count: zoom into its bucket
    var r = bucketRange(frame.unit, hit.box[3]), pad = (r[1] - r[0]) * 0.15;
    setView(r[0] - pad, r[1] + pad);
    tip.hidden = true;
    drawNow(); saveHash();
    return;
  }
  if (hit.span) { showList(num(hit.span.members.length) + " events known only to " + spanName(hit.span) + " \u00b7 " + hit.lane.label, hit.span.members); return; }
  showList(TYPES[hit.undated].label + ": undated events (" + num(hit.members.length) + ")", hit.members);
}
canvas.addEventListener("dblclick", function (e) { var p = local(e); zoom(2, p[0]); });
canvas.addEventListener("mouseleave", function () { tip.hidden = true; if (hover >= 0) { hover = -1; redraw(); } });
canvas.addEventListener("keydown", function (e) {
  var span = state.d1 - state.d0;
  if (e.key === "+" || e.key === "=") zoom(1.5);
  else if (e.key === "-") zoom(1 / 1.5);
  else if (e.key === "ArrowLeft") { state.d0 -= span / 8; state.d1 -= span / 8; drawNow(); saveHash(); }
  else if (e.key === "ArrowRight") { state.d0 += span / 8; state.d1 += span / 8; drawNow(); saveHash(); }
  else if (e.key === "ArrowUp") { state.top -= 40; drawNow(); saveHash(); }
  else if (e.key === "ArrowDown") { state.top += 40; drawNow(); saveHash(); }
  else if (e.key === "0") fit();
  else return;
  e.preventDefault();
});
window.addEventListener("resize", function () { resize(); redraw(); });
window.addEventListener("hashchange", function () {
  if (location.hash.replace(/^#/, "") === lastHash) return;
  restore();
});

/* ---- start ---------------------------------------------------------------------------- */
function restore() {
  hashToState(location.hash);
  lastHash = location.hash.replace(/^#/, "");
  syncControls();
  filterEvents();
  updateCount();
  drawNow();
  if (state.sel >= 0) { showEvent(state.sel); openPanel(); }
  if (state.ent >= 0) showTab(state.ent < NENT ? ENTS.k[state.ent] : "doc");
}
$("tl-title").textContent = META.title;
document.title = META.title;
resize();
restore();
window.__tlDrawnAt = performance.now();
try { performance.mark("tl-drawn"); } catch (e) { /* old browsers */ }
requestAnimationFrame(function () { window.__tlPaintedAt = performance.now(); });
window.timeline = {
  data: D, state: state, apply: apply, drawNow: drawNow, zoom: zoom, fit: fit, select: select,
  selectEntity: selectEntity, setView: function (d0, d1) { setView(d0, d1); drawNow(); saveHash(); },
  frame: function () { return frame; }, hitAt: hitAt, showTab: showTab, hash: stateToHash,
  eventByKey: eventByKey, passCount: function () { return passCount; },
  position: function (i) { return isNaN(posX[i]) ? null : { x: posX[i], y: posY[i] }; }
};
function whenParsed() {
  fillSelects();
  if (state.sel >= 0) { showEvent(state.sel); openPanel(); }
  window.__tlReady = true;
  loadEvidenceWhenIdle();
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", whenParsed);
else whenParsed();
