/* timeline view: vis-network draws the nodes (positions come from Python, physics off);
 * this script draws the time axis, lanes and uncertainty bars on the network's canvas and runs
 * filters, search and the evidence panel. Data is read from the JSON block and goes into the
 * DOM with textContent only (no HTML parsing of data, ever). */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("tl-data").textContent);
  var META = D.meta;
  var NE = D.events.length;
  var NENT = D.entities.length;
  var NDOC = D.docs.length;
  var AGG = !!META.aggregated;
  var DAY = 86400000;

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
      if (kid == null) return;
      node.appendChild(typeof kid === "string" ? document.createTextNode(kid) : kid);
    });
    return node;
  }
  function short(text, n) { text = String(text || ""); return text.length <= n ? text : text.slice(0, n - 1) + "\u2026"; }
  function num(n) { return Number(n).toLocaleString("en-US"); }
  function dayOf(iso) { if (!iso) return null; var p = iso.split("-"); return Date.UTC(+p[0], +p[1] - 1, +(p[2] || 1)) / DAY; }
  var ORIGIN = dayOf(META.origin);
  // Small timelines: stretch x so the whole span fills the canvas at zoom 1 (labels readable).
  (function stretch() {
    if (!META.labelled || AGG || !META.width) return;
    var avail = $("tl-network").clientWidth || 1000;
    var k = Math.max(1, Math.min(2.5, (avail - 24) / META.width));
    if (Math.abs(k - 1) < 0.02) return;
    META.ppd *= k; META.width *= k;
    D.x = D.x.map(function (x) { return x * k; });
    D.events.forEach(function (ev) { if (ev.x0 != null) { ev.x0 *= k; ev.x1 *= k; } });
  })();
  function xOfDay(d) { return (d - ORIGIN) * META.ppd; }
  function dayOfX(x) { return x / META.ppd + ORIGIN; }

  /* ---- nodes and edges ---------------------------------------------------------------- */
  var state = {
    lanes: "type", types: D.types.map(function () { return true; }), actor: -1, place: -1, doc: -1,
    from: null, to: null, text: "", showActors: true, showPlaces: true, showDocs: true,
    showLinks: false, selected: null
  };
  var layout = D.layouts[state.lanes];
  var visible = new Uint8Array(NE + NENT + NDOC);
  var typeColor = D.types.map(function (t) { return t.color; });
  var searchText = new Array(NE);
  var links = []; // per node: list of linked node ids
  for (var i = 0; i < NE + NENT + NDOC; i++) links.push([]);

  function eventNode(i) {
    var ev = D.events[i];
    var color = typeColor[ev.t];
    var undated = !ev.e;
    var node = {
      id: i, x: D.x[i], y: layout.y[i], shape: "dot", fixed: true,
      size: ev.sz || 7,
      color: { background: color, border: ev.ct ? "#d62728" : (undated ? "#6b7580" : "#ffffff"),
               highlight: { background: color, border: "#111" }, hover: { background: color, border: "#111" } },
      borderWidth: ev.ct ? 3 : 1.5, borderWidthSelected: 3
    };
    if (undated) node.shapeProperties = { borderDashes: [3, 2] };
    if (META.labelled) node.label = AGG ? String(ev.n) : short(ev.l, 34);
    if (AGG) node.font = { size: 12, color: "#1d232b", vadjust: -(ev.sz || 7) - 14 };
    return node;
  }
  var ENT_STYLE = {
    actor: { shape: "dot", size: 9, color: "#506070" },
    place: { shape: "square", size: 7, color: "#5a8f4b" },
    doc: { shape: "diamond", size: 8, color: "#8d99a6" }
  };
  function entityNode(j) {
    var id = NE + j, kind, label;
    if (j < NENT) { kind = D.entities[j].k; label = D.entities[j].l; } else { kind = "doc"; label = D.docs[j - NENT].l; }
    var s = ENT_STYLE[kind] || ENT_STYLE.actor;
    return {
      id: id, x: D.x[id], y: layout.y[id], shape: s.shape, size: s.size, fixed: true,
      color: { background: s.color, border: "#ffffff", highlight: { background: s.color, border: "#111" },
               hover: { background: s.color, border: "#111" } },
      borderWidth: 1.5, label: short(label, kind === "doc" ? 26 : 24),
      font: { size: 12, color: "#39424c" }
    };
  }

  var nodeList = [], edgeList = [];
  for (i = 0; i < NE; i++) nodeList.push(eventNode(i));
  for (i = 0; i < NENT + NDOC; i++) nodeList.push(entityNode(i));
  var EDGE_COLORS = { agent: "#506070", affected: "#a0724f", actor: "#8894a0", place: "#5a8f4b",
                      source: "#b4bcc6", according: "#7a6aa0", denies: "#d62728" };
  function addEdge(from, to, kind) {
    edgeList.push({ id: edgeList.length, from: from, to: to, kind: kind,
                    color: { color: EDGE_COLORS[kind], highlight: "#1f5fa8", hover: "#1f5fa8",
                             opacity: kind === "denies" ? 0.9 : 0.35 },
                    width: kind === "denies" ? 2 : undefined, dashes: kind === "affected" || kind === "according",
                    arrows: kind === "denies" ? { to: { enabled: true, scaleFactor: 0.6 } } : undefined });
    links[from].push(to); links[to].push(from);
  }
  D.events.forEach(function (ev, i) {
    (ev.ac || []).forEach(function (a) { addEdge(i, a[0], a[1]); });
    (ev.pl || []).forEach(function (p) { addEdge(i, p, "place"); });
    (ev.d || []).forEach(function (d) { addEdge(i, d, "source"); });
    (ev.by || []).forEach(function (b) { addEdge(i, b, "according"); });
    (ev.dn || []).forEach(function (d) { addEdge(i, d, "denies"); });
    var parts = [ev.l, D.types[ev.t].label, D.types[ev.t].name, ev.ex || ""];
    (ev.ac || []).forEach(function (a) { parts.push(D.entities[a[0] - NE].l); });
    (ev.pl || []).forEach(function (p) { parts.push(D.entities[p - NE].l); });
    (ev.q || []).forEach(function (q) { parts.push(D.quotes[q].t); });
    (ev.sample || []).forEach(function (s) { parts.push(s); });
    searchText[i] = parts.join("\n").toLowerCase();
  });

  state.showLinks = !AGG && edgeList.length <= 40;
  $("tl-show-links").parentNode.appendChild(document.createTextNode(" (" + num(edgeList.length) + ")"));
  var nodes = new vis.DataSet(nodeList);
  var edges = new vis.DataSet(edgeList);
  var nodesView = new vis.DataView(nodes, { filter: function (n) { return visible[n.id] === 1; } });
  var edgesView = new vis.DataView(edges, { filter: function (e) {
    if (!visible[e.from] || !visible[e.to]) return false;
    return state.showLinks || e.kind === "denies" || e.from === state.selected || e.to === state.selected;
  } });

  /* ---- filtering ---------------------------------------------------------------------- */
  function entityKindShown(id) {
    if (id < NE) return true;
    if (id >= NE + NENT) return state.showDocs;
    return D.entities[id - NE].k === "place" ? state.showPlaces : state.showActors;
  }
  function eventPasses(i) {
    var ev = D.events[i];
    if (!state.types[ev.t]) return false;
    if (state.from != null || state.to != null) {
      if (!ev.e) return false;
      if (state.from != null && dayOf(ev.a) < state.from) return false;
      if (state.to != null && dayOf(ev.e) > state.to) return false;
    }
    if (state.actor >= 0 && !(ev.ac || []).some(function (a) { return a[0] === state.actor; }) &&
        (ev.by || []).indexOf(state.actor) < 0) return false;
    if (state.place >= 0 && (ev.pl || []).indexOf(state.place) < 0) return false;
    if (state.doc >= 0 && (ev.d || []).indexOf(state.doc) < 0) return false;
    if (state.text && searchText[i].indexOf(state.text) < 0) return false;
    return true;
  }
  function countEvents() {
    var shown = 0, members = 0;
    for (var i = 0; i < NE; i++) if (visible[i]) { shown++; members += D.events[i].n || 1; }
    return { shown: shown, members: members };
  }
  function apply() {
    var i;
    for (i = NE; i < visible.length; i++) visible[i] = 0;
    for (i = 0; i < NE; i++) {
      visible[i] = eventPasses(i) ? 1 : 0;
      if (visible[i]) {
        var l = links[i];
        for (var k = 0; k < l.length; k++) if (l[k] >= NE && entityKindShown(l[k])) visible[l[k]] = 1;
      }
    }
    nodesView.refresh();
    edgesView.refresh();
    var c = countEvents();
    var text = AGG
      ? "showing " + num(c.members) + " of " + num(META.total) + " events (" + num(c.shown) + " groups)"
      : "showing " + num(c.shown) + " of " + num(NE) + " events";
    $("tl-count").textContent = text;
    legendCounts();
    if (window.timeline && window.timeline.network) window.timeline.network.redraw();
  }

  /* ---- controls ----------------------------------------------------------------------- */
  $("tl-title").textContent = META.title;
  var legendItems = [];
  D.types.forEach(function (t, k) {
    var li = el("li", { attrs: { "data-type": t.name, role: "checkbox", "aria-checked": "true", tabindex: "0",
                                 title: "show or hide " + t.label } }, [
      el("span", { cls: "sw", style: { background: t.color } }),
      el("span", { text: t.label }),
      el("span", { cls: "n", text: num(t.count) })
    ]);
    function toggle() { state.types[k] = !state.types[k]; apply(); }
    li.addEventListener("click", toggle);
    li.addEventListener("keydown", function (e) { if (e.key === " " || e.key === "Enter") { e.preventDefault(); toggle(); } });
    legendItems.push(li);
    $("tl-legend").appendChild(li);
  });
  function legendCounts() {
    var per = D.types.map(function () { return 0; });
    for (var i = 0; i < NE; i++) if (visible[i]) per[D.events[i].t] += D.events[i].n || 1;
    legendItems.forEach(function (li, k) {
      li.classList.toggle("off", !state.types[k]);
      li.setAttribute("aria-checked", state.types[k] ? "true" : "false");
      li.lastChild.textContent = state.types[k] && per[k] !== D.types[k].count
        ? num(per[k]) + "/" + num(D.types[k].count) : num(D.types[k].count);
    });
  }
  $("tl-types-all").addEventListener("click", function () { state.types = state.types.map(function () { return true; }); apply(); });
  $("tl-types-none").addEventListener("click", function () { state.types = state.types.map(function () { return false; }); apply(); });

  function fillSelect(select, items) {
    items.forEach(function (it) { select.appendChild(el("option", { text: it.text, attrs: { value: String(it.id) } })); });
  }
  var degree = new Array(NE + NENT + NDOC).fill(0);
  for (i = 0; i < NE; i++) links[i].forEach(function (j) { if (j >= NE) degree[j]++; });
  function entityOptions(kind) {
    var out = [];
    D.entities.forEach(function (e, j) { if (e.k === kind) out.push({ id: NE + j, text: e.l + " (" + degree[NE + j] + ")", l: e.l }); });
    return out.sort(function (a, b) { return degree[b.id] - degree[a.id] || a.l.localeCompare(b.l); });
  }
  fillSelect($("tl-actor"), entityOptions("actor"));
  fillSelect($("tl-place"), entityOptions("place"));
  fillSelect($("tl-doc"), D.docs.map(function (d, j) {
    return { id: NE + NENT + j, text: short(d.l, 60) + (d.pub ? " \u2014 " + d.pub : ""), l: d.l };
  }).sort(function (a, b) { return a.l.localeCompare(b.l); }));
  function onSelect(id, key) {
    $(id).addEventListener("change", function () { state[key] = this.value === "" ? -1 : +this.value; apply(); });
  }
  onSelect("tl-actor", "actor"); onSelect("tl-place", "place"); onSelect("tl-doc", "doc");
  var timer = null;
  $("tl-search").addEventListener("input", function () {
    var value = this.value;
    clearTimeout(timer);
    timer = setTimeout(function () { state.text = value.trim().toLowerCase(); apply(); }, 120);
  });
  function onDate(id, key) {
    function update() { var v = $(id).value; state[key] = v ? dayOf(v) : null; apply(); }
    $(id).addEventListener("change", update);
    $(id).addEventListener("input", update);
  }
  onDate("tl-from", "from"); onDate("tl-to", "to");
  $("tl-from").min = $("tl-to").min = META.origin;
  $("tl-from").max = $("tl-to").max = META.end;
  [["tl-show-actors", "showActors"], ["tl-show-places", "showPlaces"], ["tl-show-docs", "showDocs"],
   ["tl-show-links", "showLinks"]].forEach(function (pair) {
    var box = $(pair[0]);
    box.checked = state[pair[1]];
    box.addEventListener("change", function () { state[pair[1]] = box.checked; apply(); });
  });
  $("tl-lanes").addEventListener("change", function () {
    state.lanes = this.value;
    layout = D.layouts[state.lanes];
    nodes.update(nodeList.map(function (n) { return { id: n.id, y: layout.y[n.id] }; }));
    window.timeline.fit(false);
  });
  $("tl-reset").addEventListener("click", function () {
    state.types = state.types.map(function () { return true; });
    state.actor = state.place = state.doc = -1; state.from = state.to = null; state.text = "";
    ["tl-actor", "tl-place", "tl-doc", "tl-from", "tl-to", "tl-search"].forEach(function (id) { $(id).value = ""; });
    apply();
  });
  $("tl-fit").addEventListener("click", function () { window.timeline.fit(true); });
  if (AGG) {
    var banner = $("tl-banner");
    banner.hidden = false;
    banner.textContent = "This graph has " + num(META.total) + " events, more than this page draws one by one (limit " +
      num(META.max_events) + "). Each circle is every event of one type in one month (or in a multi-year span), sized by count; " +
      "click one for a sample. Lanes by actor and the actor, place and source filters are off. " +
      "Render a slice of the graph to see single events.";
    ["tl-actor", "tl-place", "tl-doc", "tl-lanes", "tl-show-actors", "tl-show-places", "tl-show-docs", "tl-show-links"]
      .forEach(function (id) { $(id).disabled = true; });
  }

  /* ---- evidence panel ----------------------------------------------------------------- */
  var panel = $("tl-panel-body");
  function nodeName(id) {
    if (id < NE) return D.events[id].l;
    if (id < NE + NENT) return D.entities[id - NE].l;
    return D.docs[id - NE - NENT].l;
  }
  function link(id, text) {
    return el("button", { cls: "tl-link", text: text || nodeName(id), attrs: { type: "button" },
                           onclick: function () { focusNode(id); } });
  }
  function whenText(ev) {
    if (!ev.e) return "not resolved";
    return ev.e === ev.a ? ev.e : ev.e + " \u2026 " + ev.a;
  }
  function dl(rows) {
    var list = el("dl");
    rows.forEach(function (r) { if (r[1] == null || r[1] === "") return; list.appendChild(el("dt", { text: r[0] })); list.appendChild(el("dd", {}, [r[1]])); });
    return list;
  }
  function squash(text) { return String(text || "").replace(/\s+/g, " ").trim(); }
  function quoteBlock(qi) {
    var q = D.quotes[qi];
    var doc = q.d >= 0 ? D.docs[q.d - NE - NENT] : null;
    var claim = [];
    if (q.c && q.c !== "certain") claim.push(q.c);
    if (q.p === "negative") claim.push("denied");
    var src = el("span", { cls: "src" }, [
      "\u2014 ", q.d >= 0 ? link(q.d, doc.l) : "unknown source",
      doc && doc.pub ? ", published " + doc.pub : "",
      q.by >= 0 ? ", according to " + D.entities[q.by - NE].l : "",
      claim.length ? " (" + claim.join(", ") + ")" : ""
    ]);
    return el("blockquote", { cls: "tl-quote" }, [
      el("span", { cls: "ctx", text: squash(q.pre) ? "\u2026" + squash(q.pre) + " " : "" }), el("span", { cls: "q", text: q.t }),
      el("span", { cls: "ctx", text: squash(q.suf) ? " " + squash(q.suf) + "\u2026" : "" }), src
    ]);
  }
  function eventList(ids, limit) {
    ids = ids.slice().sort(function (a, b) { return (D.events[a].e || "9999").localeCompare(D.events[b].e || "9999"); });
    var list = el("ul", { cls: "tl-list" });
    ids.slice(0, limit).forEach(function (i) { list.appendChild(el("li", {}, [whenText(D.events[i]) + " \u2014 ", link(i)])); });
    if (ids.length > limit) list.appendChild(el("li", { text: "\u2026 and " + num(ids.length - limit) + " more" }));
    return list;
  }
  function showEvent(i) {
    var ev = D.events[i];
    var t = D.types[ev.t];
    var kids = [
      el("span", { cls: "tl-type", text: t.label, style: { background: t.color } }),
      ev.ct ? el("span", { cls: "tl-flag", text: "contested" }) : null,
      el("h2", { text: ev.l })
    ];
    if (AGG) {
      kids.push(dl([["events", num(ev.n)], ["time", whenText(ev)]]));
      kids.push(el("h3", { text: "sample" }));
      var list = el("ul", { cls: "tl-list" });
      ev.sample.forEach(function (s) { list.appendChild(el("li", { text: s })); });
      kids.push(list);
      return kids;
    }
    var stated = ev.ex ? ev.ex + (ev.ed && ev.ed !== ev.ex ? " (EDTF " + ev.ed + ")" : "") : null;
    kids.push(dl([
      ["stated", stated || "no time expression"],
      ["resolved", whenText(ev) + (ev.p ? " (" + ev.p + " precision)" : "")],
      ["anchored by", ev.an],
      ["type", t.label],
      ["certainty", ev.c],
      ["polarity", ev.pol],
      ["quantities", ev.qty ? ev.qty.join(", ") : null]
    ]));
    var roles = [];
    (ev.ac || []).forEach(function (a) { roles.push([a[1], a[0]]); });
    (ev.pl || []).forEach(function (p) { roles.push(["place", p]); });
    (ev.by || []).forEach(function (b) { roles.push(["according to", b]); });
    if (roles.length) {
      kids.push(el("h3", { text: "participants" }));
      var plist = el("dl");
      roles.forEach(function (r) { plist.appendChild(el("dt", { text: r[0] })); plist.appendChild(el("dd", {}, [link(r[1])])); });
      kids.push(plist);
    }
    var qs = ev.q || [];
    kids.push(el("h3", { text: qs.length === 1 ? "1 quote" : qs.length + " quotes" }));
    qs.forEach(function (q) { kids.push(quoteBlock(q)); });
    var others = [];
    (ev.dn || []).forEach(function (j) { others.push(["denies", j]); });
    (ev.db || []).forEach(function (j) { others.push(["denied by", j]); });
    if (others.length) {
      kids.push(el("h3", { text: "contested" }));
      others.forEach(function (o) {
        var other = D.events[o[1]];
        var left = el("div", { cls: "tl-side" }, [el("h4", { text: "this event" })]);
        (ev.q || []).forEach(function (q) { left.appendChild(quoteBlock(q)); });
        var right = el("div", { cls: "tl-side" }, [el("h4", {}, [o[0] + ": ", link(o[1], other.l)])]);
        right.appendChild(el("div", { text: D.types[other.t].label + ", " + whenText(other) }));
        (other.q || []).forEach(function (q) { right.appendChild(quoteBlock(q)); });
        kids.push(el("div", { cls: "tl-sides" }, [left, right]));
      });
    }
    return kids;
  }
  function showEntity(id) {
    var isDoc = id >= NE + NENT;
    var kids = [];
    var evs = links[id].filter(function (j) { return j < NE; });
    evs = evs.filter(function (j, k) { return evs.indexOf(j) === k; });
    if (isDoc) {
      var d = D.docs[id - NE - NENT];
      kids.push(el("span", { cls: "tl-type", text: "source", style: { background: ENT_STYLE.doc.color } }));
      kids.push(el("h2", { text: d.l }));
      kids.push(dl([["published", d.pub || "unknown"], ["file", d.src], ["events", num(evs.length)]]));
    } else {
      var e = D.entities[id - NE];
      kids.push(el("span", { cls: "tl-type", text: e.k, style: { background: ENT_STYLE[e.k].color } }));
      kids.push(el("h2", { text: e.l }));
      kids.push(dl([["category", e.cat], ["Wikidata", e.wd], ["events", num(evs.length)]]));
    }
    kids.push(el("h3", { text: "events" }));
    kids.push(eventList(evs, 300));
    return kids;
  }
  function showNode(id) {
    state.selected = id;
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    (id < NE ? showEvent(id) : showEntity(id)).forEach(function (k) { if (k) panel.appendChild(k); });
    panel.hidden = false;
    $("tl-panel-empty").hidden = true;
    panel.parentNode.scrollTop = 0;
    edgesView.refresh();
  }
  function focusNode(id) {
    if (!visible[id]) { $("tl-reset").click(); }
    var net = window.timeline.network;
    net.selectNodes([id]);
    net.focus(id, { scale: Math.max(net.getScale(), 0.8), animation: false });
    showNode(id);
  }

  /* ---- drawing: lanes, grid, bars, axis ----------------------------------------------- */
  var UNITS = [
    { u: "day", n: 1, d: 1 }, { u: "day", n: 2, d: 2 }, { u: "day", n: 7, d: 7 }, { u: "month", n: 1, d: 30.4 },
    { u: "month", n: 3, d: 91.3 }, { u: "month", n: 6, d: 182.6 }, { u: "year", n: 1, d: 365.25 },
    { u: "year", n: 2, d: 730.5 }, { u: "year", n: 5, d: 1826 }, { u: "year", n: 10, d: 3652 },
    { u: "year", n: 20, d: 7305 }, { u: "year", n: 50, d: 18262 }, { u: "year", n: 100, d: 36525 }
  ];
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function ticks(unit, d0, d1) {
    // days (UTC day numbers) where ticks of `unit` fall, within [d0, d1]
    var out = [], start = new Date(Math.floor(d0) * DAY), y = start.getUTCFullYear(), m = start.getUTCMonth(), t, guard = 0;
    if (unit.u === "year") {
      y = Math.floor(y / unit.n) * unit.n;
      for (; guard++ < 2000; y += unit.n) { t = Date.UTC(y, 0, 1) / DAY; if (t > d1) break; if (t >= d0) out.push(t); }
    } else if (unit.u === "month") {
      m = Math.floor(m / unit.n) * unit.n;
      for (; guard++ < 5000; m += unit.n) { t = Date.UTC(y, m, 1) / DAY; if (t > d1) break; if (t >= d0) out.push(t); }
    } else {
      var first = Math.ceil(d0);
      if (unit.n === 7) first += (8 - new Date(first * DAY).getUTCDay()) % 7; // Mondays
      for (t = first; t <= d1 && guard++ < 5000; t += unit.n) out.push(t);
    }
    return out;
  }
  function tickLabel(unit, t) {
    var date = new Date(t * DAY);
    if (unit.u === "year") return String(date.getUTCFullYear());
    if (unit.u === "month") return MONTHS[date.getUTCMonth()];
    return String(date.getUTCDate());
  }
  function majorLabel(minor, t) {
    var date = new Date(t * DAY);
    if (minor.u === "year") return String(date.getUTCFullYear());
    if (minor.u === "month") return String(date.getUTCFullYear());
    return MONTHS[date.getUTCMonth()] + " " + date.getUTCFullYear();
  }
  function chooseUnits(pxPerDay) {
    var minor = UNITS[UNITS.length - 1];
    for (var k = 0; k < UNITS.length; k++) if (UNITS[k].d * pxPerDay >= 44) { minor = UNITS[k]; break; }
    var major;
    if (minor.u === "day") major = { u: "month", n: 1 };
    else if (minor.u === "month") major = { u: "year", n: 1 };
    else major = { u: "year", n: Math.max(minor.n * 5, 10) };
    return { minor: minor, major: major };
  }
  function viewBox(net) {
    var canvas = net.canvas.frame.canvas;
    var w = canvas.clientWidth, h = canvas.clientHeight;
    var a = net.DOMtoCanvas({ x: 0, y: 0 }), b = net.DOMtoCanvas({ x: w, y: h });
    return { x0: a.x, y0: a.y, x1: b.x, y1: b.y, w: w, h: h, scale: net.getScale() };
  }
  function datedExtent() {
    var y0 = Infinity, y1 = -Infinity;
    layout.lanes.forEach(function (ln) { if (ln.kind === "lane") { y0 = Math.min(y0, ln.y0); y1 = Math.max(y1, ln.y1); } });
    return [y0, y1];
  }
  function hexA(hex, a) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + ((n >> 16) & 255) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + a + ")";
  }
  function beforeDrawing(ctx) {
    var net = window.timeline.network, v = viewBox(net), px = 1 / v.scale;
    // lanes
    layout.lanes.forEach(function (ln, k) {
      if (ln.y1 < v.y0 || ln.y0 > v.y1) return;
      ctx.fillStyle = ln.kind === "band" ? "#f3f6f9" : ln.kind === "undated" ? "#f1f1ee" : (k % 2 ? "#ffffff" : "#f8f9fb");
      ctx.fillRect(v.x0, ln.y0, v.x1 - v.x0, ln.y1 - ln.y0);
      ctx.strokeStyle = "#e3e7ec"; ctx.lineWidth = px;
      ctx.beginPath(); ctx.moveTo(v.x0, ln.y1); ctx.lineTo(v.x1, ln.y1); ctx.stroke();
    });
    // grid over the dated lanes
    var ext = datedExtent();
    if (ext[0] < ext[1]) {
      var d0 = dayOfX(v.x0), d1 = dayOfX(v.x1), units = chooseUnits(META.ppd * v.scale);
      ctx.lineWidth = px;
      ctx.strokeStyle = "#e9ecf0";
      ctx.beginPath();
      ticks(units.minor, d0, d1).forEach(function (t) { var x = xOfDay(t); ctx.moveTo(x, ext[0]); ctx.lineTo(x, ext[1]); });
      ctx.stroke();
      ctx.strokeStyle = "#c9d0d8";
      ctx.beginPath();
      ticks(units.major, d0, d1).forEach(function (t) { var x = xOfDay(t); ctx.moveTo(x, ext[0]); ctx.lineTo(x, ext[1]); });
      ctx.stroke();
    }
    // uncertainty bars: earliest … latest
    var h = 9 * zoomFactor;
    for (var i = 0; i < NE; i++) {
      var ev = D.events[i];
      if (ev.x0 == null || !visible[i] || ev.x1 < v.x0 || ev.x0 > v.x1) continue;
      var y = layout.y[i], color = typeColor[ev.t];
      if (ev.open === "end" || ev.open === "start") {
        var g = ctx.createLinearGradient(ev.x0, 0, ev.x1, 0);
        g.addColorStop(ev.open === "end" ? 0 : 1, hexA(color, 0.55));
        g.addColorStop(ev.open === "end" ? 1 : 0, hexA(color, 0.0));
        ctx.fillStyle = g;
        ctx.fillRect(ev.x0, y - h / 2, ev.x1 - ev.x0, h);
      } else {
        ctx.fillStyle = hexA(color, 0.28);
        ctx.strokeStyle = hexA(color, 0.75);
        ctx.lineWidth = px;
        ctx.fillRect(ev.x0, y - h / 2, ev.x1 - ev.x0, h);
        ctx.strokeRect(ev.x0, y - h / 2, ev.x1 - ev.x0, h);
      }
    }
  }
  var AXIS_H = 40;
  function afterDrawing(ctx) {
    var net = window.timeline.network, v = viewBox(net), ratio = net.canvas.pixelRatio || window.devicePixelRatio || 1;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = "12px system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
    ctx.textBaseline = "middle";
    // lane labels, sticky on the left
    layout.lanes.forEach(function (ln) {
      var top = (ln.y0 - v.y0) * v.scale, bottom = (ln.y1 - v.y0) * v.scale;
      if (bottom < AXIS_H || top > v.h || bottom - top < 15) return;
      var y = Math.max(AXIS_H + 10, Math.min(bottom - 10, top + 12));
      var text = (ln.kind === "undated" ? "undated \u00b7 no resolved time" : ln.label) + "  " + num(ln.n);
      ctx.font = (ln.kind === "band" ? "italic " : "600 ") + "12px system-ui, 'DejaVu Sans', sans-serif";
      var w = ctx.measureText(text).width;
      ctx.fillStyle = "rgba(255,255,255,0.88)";
      ctx.fillRect(4, y - 9, w + 12, 18);
      ctx.fillStyle = ln.kind === "band" ? "#5b6570" : "#1d232b";
      ctx.fillText(text, 10, y);
    });
    // time axis band at the top
    ctx.fillStyle = "rgba(255,255,255,0.94)";
    ctx.fillRect(0, 0, v.w, AXIS_H);
    ctx.strokeStyle = "#c9d0d8"; ctx.lineWidth = 1;
    ctx.beginPath(); ctx.moveTo(0, AXIS_H + 0.5); ctx.lineTo(v.w, AXIS_H + 0.5); ctx.stroke();
    var d0 = dayOfX(v.x0), d1 = dayOfX(v.x1), units = chooseUnits(META.ppd * v.scale);
    ctx.textAlign = "left";
    ctx.fillStyle = "#1d232b";
    ctx.font = "600 12px system-ui, 'DejaVu Sans', sans-serif";
    var majors = ticks(units.major, d0 - 400 * units.major.n, d1);
    if (units.minor.u === "year") majors = [];
    majors.forEach(function (t, k) {
      var sx = (xOfDay(t) - v.x0) * v.scale;
      var next = k + 1 < majors.length ? (xOfDay(majors[k + 1]) - v.x0) * v.scale : v.w;
      var label = majorLabel(units.minor, t);
      var lx = Math.max(sx + 4, 4);
      if (lx + ctx.measureText(label).width > next - 4 && sx < 0) return;
      ctx.fillText(label, lx, 12);
      ctx.beginPath(); ctx.moveTo(sx + 0.5, 0); ctx.lineTo(sx + 0.5, AXIS_H); ctx.stroke();
    });
    // minor row: months or days under their year/month; years alone when zoomed far out
    ctx.font = units.minor.u === "year" ? "600 12px system-ui, 'DejaVu Sans', sans-serif" : "11px system-ui, 'DejaVu Sans', sans-serif";
    ctx.fillStyle = units.minor.u === "year" ? "#1d232b" : "#4b5560";
    ctx.textAlign = units.minor.u === "day" ? "center" : "left";
    ticks(units.minor, d0, d1).forEach(function (t) {
      var sx = (xOfDay(t) - v.x0) * v.scale;
      ctx.beginPath(); ctx.moveTo(sx + 0.5, AXIS_H - 7); ctx.lineTo(sx + 0.5, AXIS_H); ctx.stroke();
      ctx.fillText(tickLabel(units.minor, t), units.minor.u === "day" ? sx : sx + 3, 29);
    });
    ctx.restore();
    if (!window.__tlDrawnAt) {
      window.__tlDrawnAt = performance.now();
      try { performance.mark("tl-drawn"); } catch (e) { /* old browsers */ }
    }
  }

  /* ---- the network -------------------------------------------------------------------- */
  apply();
  var big = NE + NENT + NDOC > 1500;
  var network = new vis.Network($("tl-network"), { nodes: nodesView, edges: edgesView }, {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 1 },
    interaction: { hover: true, dragNodes: false, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                   tooltipDelay: 150, zoomSpeed: 0.7, keyboard: false, multiselect: false },
    nodes: { font: { size: 12, face: "system-ui, 'DejaVu Sans', sans-serif", strokeWidth: 3, strokeColor: "#ffffff" },
             scaling: { label: { drawThreshold: 7 } } },
    edges: { smooth: false, selectionWidth: 1, hoverWidth: 0.5, color: { inherit: false } }
  });
  window.timeline = { network: network, nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView,
                      data: D, state: state, apply: apply, select: focusNode, visible: visible };
  network.on("beforeDrawing", beforeDrawing);
  network.on("afterDrawing", afterDrawing);
  // Zoomed in past 1:1, nodes, labels and bars keep their size on screen (only time stretches).
  var zoomFactor = 1, zoomTimer = null;
  function rescaleNodes() {
    var f = Math.min(1, 1.25 / network.getScale());
    if (Math.abs(f - zoomFactor) / zoomFactor < 0.12) return;
    zoomFactor = f;
    nodes.update(nodeList.map(function (n) {
      var upd = { id: n.id, size: n.size * f, borderWidth: (n.borderWidth || 1.5) * Math.max(f, 0.5) };
      var font = n.font || {};
      upd.font = { size: (font.size || 12) * f, vadjust: (font.vadjust || 0) * f };
      return upd;
    }));
    network.setOptions({ edges: { width: Math.max(f, 0.4) } });
    edges.update(edgeList.filter(function (e) { return e.width; })
      .map(function (e) { return { id: e.id, width: e.width * Math.max(f, 0.4) }; }));
  }
  var seenScale = null;
  network.on("afterDrawing", function () {  // any zoom: wheel, pinch, focus, fit
    var scale = network.getScale();
    if (scale === seenScale) return;
    seenScale = scale;
    clearTimeout(zoomTimer);
    zoomTimer = setTimeout(rescaleNodes, 90);
  });
  window.timeline.zoomFactor = function () { return zoomFactor; };
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (state.selected != null) { state.selected = null; edgesView.refresh(); }
  });
  var tip = $("tl-tooltip");
  network.on("hoverNode", function (p) {
    var id = p.node, lines;
    if (id < NE) { var ev = D.events[id]; lines = [ev.l, D.types[ev.t].label + " \u00b7 " + (ev.ex ? ev.ex + " \u00b7 " : "") + whenText(ev)]; }
    else lines = [nodeName(id), id >= NE + NENT ? "source" : D.entities[id - NE].k];
    while (tip.firstChild) tip.removeChild(tip.firstChild);
    tip.appendChild(el("div", { text: lines[0], style: { fontWeight: "600" } }));
    tip.appendChild(el("div", { text: lines[1] }));
    tip.style.left = Math.min(p.pointer.DOM.x + 14, $("tl-stage").clientWidth - 300) + "px";
    tip.style.top = (p.pointer.DOM.y + 14) + "px";
    tip.hidden = false;
  });
  network.on("blurNode", function () { tip.hidden = true; });
  $("tl-network").addEventListener("mouseleave", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });
  network.once("afterDrawing", function () { window.__tlReady = true; });
  function fitAll(whole) {
    // Fit the lanes to the height, below the time axis band. When the timeline is then wider
    // than the screen (thousands of events), show its most recent end; "fit to screen" (whole)
    // shows everything at once.
    network.fit({ animation: false });
    var v = viewBox(network), top = Infinity, bottom = -Infinity;
    layout.lanes.forEach(function (ln) { top = Math.min(top, ln.y0); bottom = Math.max(bottom, ln.y1); });
    if (!isFinite(top)) return;
    var byHeight = (v.h - AXIS_H - 20) / Math.max(1, bottom - top);
    var scale = whole || byHeight < v.scale ? Math.min(v.scale, byHeight) : Math.min(byHeight, 1.2);
    var centreX = (v.x0 + v.x1) / 2, half = v.w / 2 / scale;
    var right = META.width + 20;
    if (!whole && right - centreX > half) centreX = right - half;
    var centreY = top - (AXIS_H + 12) / scale + v.h / 2 / scale;
    network.moveTo({ position: { x: centreX, y: centreY }, scale: scale, animation: false });
  }
  window.timeline.fit = fitAll;
  fitAll(false);
})();
