/* panel.js — the evidence panel (event time, claim time and publication time side by side),
 * the tooltip, and the actors, places and sources panels ordered by their first event. */
var panelBody = $("tl-panel-body");
var SOURCE_TEXT = {
  clause: "stated in the event's own clause", sentence: "stated in its sentence",
  heading: "stated in a dated heading or list label above it", narrative: "the last date stated earlier in the same story",
  dateline: "the document's dateline"
};
var KIND_TEXT = ["stated", "stated interval", "open interval", "open interval", "inferred", "undated"];

function eventName(i) { return EV.l[i]; }
function whenText(i) {
  if (KIND[i] === K_UNDATED) return "undated";
  var a = EV.s[i], b = EV.e[i];
  return a === b ? iso(a) : iso(a) + " \u2026 " + iso(b);
}
function timeLine(i) {
  if (KIND[i] === K_INFERRED) return "inferred " + whenText(i);
  return whenText(i);
}
function linkTo(i, text) {
  return el("button", { cls: "tl-link", text: text || eventName(i), attrs: { type: "button" },
                        onclick: function () { select(i, true); } });
}
function linkEntity(id, text) {
  var name = text || (id < NENT ? ENTS.l[id] : DOCS.l[id - NENT]);
  return el("button", { cls: "tl-link", text: name, attrs: { type: "button" }, onclick: function () { selectEntity(id, true); } });
}
function dl(rows, cls) {
  var list = el("dl", cls ? { cls: cls } : null);
  rows.forEach(function (r) {
    if (r[1] == null || r[1] === "") return;
    list.appendChild(el("dt", { text: r[0] }));
    list.appendChild(el("dd", {}, Array.isArray(r[1]) ? r[1] : [r[1]]));
  });
  return list;
}
function squash(text) { return String(text || "").replace(/\s+/g, " ").trim(); }
function quoteBlock(q) {
  var claim = [];
  if (q.c && q.c !== "certain") claim.push(q.c);
  if (q.p === "negative") claim.push("denied");
  var src = el("span", { cls: "src" }, [
    "\u2014 ", q.d != null ? linkEntity(NENT + q.d) : "unknown source",
    q.d != null && DOCS.pub[q.d] ? ", published " + DOCS.pub[q.d] : "",
    q.by != null ? ", according to " + ENTS.l[q.by] : "",
    claim.length ? " (" + claim.join(", ") + ")" : ""
  ]);
  return el("blockquote", { cls: "tl-quote" }, [
    el("span", { cls: "ctx", text: squash(q.pre) ? "\u2026" + squash(q.pre) + " " : "" }), el("span", { cls: "q", text: q.t }),
    el("span", { cls: "ctx", text: squash(q.suf) ? " " + squash(q.suf) + "\u2026" : "" }), src
  ]);
}
function eventTime(i, r) {
  // [what, how it is known]
  var k = KIND[i];
  if (k === K_UNDATED) return ["no time stated, none inferred", "kept in the undated lane, off the time axis"];
  if (k === K_INFERRED) {
    var window = r.iw ? r.iw.replace(/^P(\d+)D$/, "$1 days") : null;
    return ["not stated \u2014 inferred " + whenText(i),
            "inferred from the publication date" + (window ? ": within " + window + " before it" : "") +
            "; the text gives no time of its own"];
  }
  var stated = r.ex ? "\u201c" + r.ex + "\u201d \u2192 " : "";
  var how = r.src ? SOURCE_TEXT[r.src] || r.src : "stated in the text";
  if (k === K_OPEN_END || k === K_OPEN_START) how += "; an open interval" + (r.ed ? " (EDTF " + r.ed + ")" : "");
  if (r.an && r.an !== "absolute") how += "; resolved against the " + r.an + (r.an === "publication" ? " date" : "");
  return [stated + whenText(i) + (r.pr ? " (" + r.pr + ")" : ""), how];
}
function showEvent(i) {
  var r = detail(i);
  clear(panelBody);
  if (!r) { panelBody.appendChild(el("p", { text: "Loading the evidence\u2026" })); return; }
  var t = TYPES[TYPE[i]], kids = [
    el("span", { cls: "tl-type", text: t.label, style: { background: t.color } }),
    EV.ct[i] ? el("span", { cls: "tl-flag", text: "contested" }) : null,
    KIND[i] === K_INFERRED ? el("span", { cls: "tl-flag inferred", text: "time inferred" }) : null,
    el("h2", { text: EV.l[i] })
  ];
  // event time, claim time and publication time side by side
  var et = eventTime(i, r), rows = [["event", [el("span", { cls: KIND[i] === K_INFERRED ? "inferred" : "", text: et[0] }),
                                                el("span", { cls: "how", text: et[1] })]]];
  (REL[i] || []).forEach(function (rel) {
    if (rel[1] !== "claimed in") return;
    rows.push(["claimed in", [linkTo(rel[0]), el("span", { cls: "how", text: TYPES[TYPE[rel[0]]].label + ", " + timeLine(rel[0]) })]]);
  });
  EV.d[i].forEach(function (d) {
    rows.push(["published", [DOCS.pub[d] || "date unknown", el("span", { cls: "how" }, ["in ", linkEntity(NENT + d)])]]);
  });
  kids.push(el("h3", { text: "time" }), dl(rows, "tl-times"));
  kids.push(dl([
    ["certainty", r.c], ["polarity", r.pol], ["quantities", r.qty ? r.qty.join(", ") : null]
  ]));
  var claims = (REL[i] || []).filter(function (rel) { return rel[1] === "claims"; });
  if (claims.length) {
    kids.push(el("h3", { text: "claims made here (" + claims.length + ")" }));
    var list = el("ul", { cls: "tl-list" });
    claims.slice(0, 100).forEach(function (rel) { list.appendChild(el("li", {}, [timeLine(rel[0]) + " \u2014 ", linkTo(rel[0])])); });
    kids.push(list);
  }
  var roles = [];
  (r.roles || []).forEach(function (a) { roles.push([a[1], linkEntity(a[0])]); });
  EV.p[i].forEach(function (p) { roles.push(["place", linkEntity(p)]); });
  (r.by || []).forEach(function (b) { roles.push(["according to", linkEntity(b)]); });
  if (roles.length) { kids.push(el("h3", { text: "participants" })); kids.push(dl(roles)); }
  var qs = r.q || [];
  kids.push(el("h3", { text: qs.length === 1 ? "1 quote" : qs.length + " quotes" }));
  qs.forEach(function (q) { kids.push(quoteBlock(q)); });
  var others = (REL[i] || []).filter(function (rel) { return rel[1] === "denies" || rel[1] === "denied by"; });
  if (others.length) {
    kids.push(el("h3", { text: "contested" }));
    others.forEach(function (o) {
      var j = o[0], rj = detail(j) || {};
      var left = el("div", { cls: "tl-side" }, [el("h4", { text: "this event" })]);
      qs.forEach(function (q) { left.appendChild(quoteBlock(q)); });
      var right = el("div", { cls: "tl-side" }, [el("h4", {}, [o[1] + ": ", linkTo(j)])]);
      right.appendChild(el("div", { text: TYPES[TYPE[j]].label + ", " + timeLine(j) }));
      (rj.q || []).forEach(function (q) { right.appendChild(quoteBlock(q)); });
      kids.push(el("div", { cls: "tl-sides" }, [left, right]));
    });
  }
  kids.forEach(function (k) { if (k) panelBody.appendChild(k); });
}
function showList(title, members) {
  clear(panelBody);
  panelBody.appendChild(el("h2", { text: title }));
  var list = el("ul", { cls: "tl-list" });
  members.slice(0, 300).forEach(function (i) { list.appendChild(el("li", {}, [linkTo(i)])); });
  if (members.length > 300) list.appendChild(el("li", { text: "\u2026 and " + num(members.length - 300) + " more" }));
  panelBody.appendChild(list);
  openPanel();
}
function openPanel() {
  showTab("evidence");
  panelBody.hidden = false;
  $("tl-panel-empty").hidden = true;
  $("tl-tab-evidence").scrollTop = 0;
}

/* ---- tabs and entity lists ------------------------------------------------------------ */
var tab = "evidence";
function showTab(name) {
  tab = name;
  Array.prototype.forEach.call(document.querySelectorAll("#tl-tabs button"), function (b) {
    b.setAttribute("aria-selected", b.getAttribute("data-tab") === name ? "true" : "false");
  });
  $("tl-tab-evidence").hidden = name !== "evidence";
  $("tl-tab-entities").hidden = name === "evidence";
  if (name !== "evidence") renderEntities();
}
function entityIds(kind) {
  var ids = [], j;
  if (kind === "doc") for (j = 0; j < NDOC; j++) ids.push(NENT + j);
  else for (j = 0; j < NENT; j++) if (ENTS.k[j] === kind) ids.push(j);
  function first(id) { var v = id < NENT ? ENTS.first[id] : DOCS.first[id - NENT]; return v == null ? 1e12 : v; }
  function name(id) { return id < NENT ? ENTS.l[id] : DOCS.l[id - NENT]; }
  ids.sort(function (a, b) { return first(a) - first(b) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : a - b); });
  return ids;
}
var ENTITY_LIMIT = 1500;
function renderEntities() {
  var list = $("tl-entity-list"), filter = $("tl-entity-filter").value.trim().toLowerCase();
  clear(list);
  var card = $("tl-entity-card");
  if (card) card.parentNode.removeChild(card);
  if (state.ent >= 0 && (state.ent < NENT ? ENTS.k[state.ent] : "doc") === tab) {
    $("tl-tab-entities").insertBefore(entityCard(state.ent), $("tl-entity-filter"));
  }
  var ids = entityIds(tab).filter(function (id) {
    return !filter || (id < NENT ? ENTS.l[id] : DOCS.l[id - NENT]).toLowerCase().indexOf(filter) >= 0;
  });
  var what = { actor: "actors", place: "places", doc: "sources" }[tab];
  $("tl-entity-note").textContent = num(ids.length) + " " + what + ", in the order of their first event" +
    (ids.length > ENTITY_LIMIT ? " (the first " + num(ENTITY_LIMIT) + " listed; filter to find others)" : "");
  var frag = document.createDocumentFragment();
  ids.slice(0, ENTITY_LIMIT).forEach(function (id) {
    var isDoc = id >= NENT, first = isDoc ? DOCS.first[id - NENT] : ENTS.first[id];
    var li = el("li", { cls: id === state.ent ? "on" : "", attrs: { "data-id": String(id) },
                        onclick: function () { selectEntity(id === state.ent ? -1 : id, false); } }, [
      el("span", { cls: "nm", text: isDoc ? DOCS.l[id - NENT] : ENTS.l[id] }),
      el("span", { cls: "first", text: first == null ? "undated" : iso(first).slice(0, 7) }),
      el("span", { cls: "n", text: num(isDoc ? DOCS.n[id - NENT] : ENTS.n[id]) })
    ]);
    frag.appendChild(li);
  });
  list.appendChild(frag);
}
function entityCard(id) {
  var isDoc = id >= NENT, j = isDoc ? id - NENT : id, events = entityEvents(id);
  var card = el("div", { attrs: { id: "tl-entity-card" }, style: { marginBottom: "10px" } });
  card.appendChild(el("span", { cls: "tl-type", text: isDoc ? "source" : ENTS.k[j], style: { background: "#506070" } }));
  card.appendChild(el("h2", { text: isDoc ? DOCS.l[j] : ENTS.l[j] }));
  var first = isDoc ? DOCS.first[j] : ENTS.first[j];
  card.appendChild(dl(isDoc
    ? [["published", DOCS.pub[j] || "unknown"], ["file", DOCS.src[j]], ["first event", first == null ? null : iso(first)], ["events", num(events.length)]]
    : [["category", ENTS.cat[j]], ["Wikidata", ENTS.wd[j]], ["first event", first == null ? null : iso(first)], ["events", num(events.length)]]));
  var filterKind = isDoc ? "doc" : ENTS.k[j];
  card.appendChild(el("button", { text: "show only its events", attrs: { type: "button" }, onclick: function () {
    if (filterKind === "doc") state.doc = j; else if (filterKind === "place") state.place = j; else state.actor = j;
    syncControls(); apply();
  } }));
  card.appendChild(el("h3", { text: "its events, joined on the timeline in time order" }));
  var list = el("ul", { cls: "tl-list" });
  events.slice(0, 200).forEach(function (i) { list.appendChild(el("li", {}, [timeLine(i) + " \u2014 ", linkTo(i)])); });
  if (events.length > 200) list.appendChild(el("li", { text: "\u2026 and " + num(events.length - 200) + " more" }));
  card.appendChild(list);
  return card;
}

/* ---- tooltip -------------------------------------------------------------------------- */
var tip = $("tl-tooltip");
function showTip(hit, x, y) {
  clear(tip);
  var lines;
  if (hit.ev != null) {
    var i = hit.ev;
    lines = [EV.l[i], TYPES[TYPE[i]].label + " \u00b7 " + (KIND[i] === K_INFERRED ? "time inferred from the publication date: " : KIND_TEXT[KIND[i]] + ": ") + whenText(i)];
  } else if (hit.box) {
    var b = hit.box, byType = {};
    b[4].forEach(function (i) { byType[TYPE[i]] = (byType[TYPE[i]] || 0) + 1; });
    var parts = Object.keys(byType).sort(function (a, c) { return byType[c] - byType[a]; }).slice(0, 4)
      .map(function (t) { return TYPES[t].label + " " + num(byType[t]); });
    var inferred = b[4].filter(function (i) { return KIND[i] === K_INFERRED; }).length;
    lines = [num(b[2]) + " events \u00b7 " + bucketName(frame.unit, b[3]) + " \u00b7 " + hit.lane.label,
             parts.join(", ") + (inferred ? " \u00b7 " + num(inferred) + " with inferred time" : "") + " \u2014 click to zoom in"];
  } else if (hit.span) {
    var g = hit.span, inf = g.members.filter(function (i) { return KIND[i] === K_INFERRED; }).length;
    lines = [num(g.members.length) + " events known only to " + spanName(g) + " \u00b7 " + hit.lane.label,
             (inf ? num(inf) + " with time inferred from the publication date \u00b7 " : "") + "click to list them"];
  } else {
    lines = [TYPES[hit.undated].label + ": " + num(hit.members.length) + " undated events", "click to list them"];
  }
  tip.appendChild(el("div", { text: lines[0], style: { fontWeight: "600" } }));
  tip.appendChild(el("div", { cls: "muted", text: lines[1] }));
  tip.hidden = false;
  var stage = $("tl-stage");
  tip.style.left = Math.max(4, Math.min(x + 14, stage.clientWidth - tip.offsetWidth - 4)) + "px";
  tip.style.top = Math.max(4, Math.min(y + 14, stage.clientHeight - tip.offsetHeight - 4)) + "px";
}
