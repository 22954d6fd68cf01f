/* draw.js — one canvas, drawn with level of detail.
 * Each lane (an event type, or an actor) is cut into time buckets sized for the zoom. A bucket
 * whose events fit the lane's rows shows each event (a dot, a bar, an open or an inferred
 * interval) and, where there is room, its label; a bucket that does not fit shows its count.
 * Labels are placed after the markers, each only in the free space up to the next marker,
 * count or the canvas edge: a label that cannot fit is shortened or hidden, never overlapped.
 * Undated events sit in a lane of their own below the axis's lanes, with no time position. */
var canvas = $("tl-canvas"), ctx = canvas.getContext("2d");
var FONT = "12px system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
var BOLD = "600 " + FONT;
var GUTTER = 170, AXIS_H = 44, ROW = 18, LANE_MIN = 40, UNDATED_H = 62, UNDATED_GAP = 22, BUCKET_PX = 46;
var W = 0, H = 0, RATIO = 1;
var LABEL_W = new Float32Array(NE).fill(-1);
var typeColor = TYPES.map(function (t) { return t.color; });
var frame = null;  // what the last draw placed: lanes, hits, labels, positions
var posX = new Float32Array(NE), posY = new Float32Array(NE);

function resize() {
  var r = canvas.getBoundingClientRect();
  RATIO = window.devicePixelRatio || 1;
  W = Math.max(300, Math.round(r.width)); H = Math.max(200, Math.round(r.height));
  canvas.width = Math.round(W * RATIO); canvas.height = Math.round(H * RATIO);
}
function ppd() { return (W - GUTTER) / (state.d1 - state.d0); }
function xOf(day) { return GUTTER + (day - state.d0) * ppd(); }
function dayAt(x) { return state.d0 + (x - GUTTER) / ppd(); }
function hexA(hex, a) {
  var n = parseInt(hex.slice(1), 16);
  return "rgba(" + ((n >> 16) & 255) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + a + ")";
}
function labelWidth(i) {
  if (LABEL_W[i] < 0) LABEL_W[i] = ctx.measureText(EV.l[i]).width;
  return LABEL_W[i];
}
function fitText(text, width) {
  // the longest prefix of text (with an ellipsis) no wider than width, or "" if under 3 characters
  if (ctx.measureText(text).width <= width) return text;
  var lo = 0, hi = text.length;
  while (lo < hi) {
    var mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(text.slice(0, mid) + "\u2026").width <= width) lo = mid; else hi = mid - 1;
  }
  return lo < 3 ? "" : text.slice(0, lo).replace(/\s+$/, "") + "\u2026";
}

/* ---- lanes ---------------------------------------------------------------------------- */
function laneOf(i) { return state.lanes === "type" ? TYPE[i] : LANE_ACTOR[i]; }
function laneDefs() {
  var defs = state.lanes === "type"
    ? TYPES.map(function (t) { return { label: t.label, color: t.color }; })
    : D.lanes.actor.map(function (a) { return { label: a.label, color: "#506070" }; });
  var counts = new Int32Array(defs.length), undated = 0;
  for (var i = 0; i < NE; i++) {
    if (!pass[i]) continue;
    if (KIND[i] === K_UNDATED) undated++; else counts[laneOf(i)]++;
  }
  var shown = [];
  defs.forEach(function (d, k) { if (counts[k]) shown.push({ key: k, label: d.label, color: d.color, n: counts[k] }); });
  return { lanes: shown, undated: undated, total: defs.length };
}
function geometry(defs) {
  var bottom = H - (defs.undated ? UNDATED_H + UNDATED_GAP : 0);
  var area = Math.max(LANE_MIN, bottom - AXIS_H), n = Math.max(1, defs.lanes.length);
  var laneH = Math.max(LANE_MIN, Math.floor(area / n));
  var maxTop = Math.max(0, laneH * defs.lanes.length - area);
  state.top = Math.max(0, Math.min(state.top, maxTop));
  var slot = new Int16Array(defs.total).fill(-1);
  defs.lanes.forEach(function (ln, k) {
    slot[ln.key] = k;
    ln.y0 = AXIS_H + k * laneH - state.top; ln.y1 = ln.y0 + laneH;
    ln.rows = Math.max(1, Math.floor((laneH - 8) / ROW));
  });
  return { slot: slot, laneH: laneH, bottom: AXIS_H + area, maxTop: maxTop };
}

/* ---- one frame ------------------------------------------------------------------------- */
function draw() {
  var t0 = performance.now();
  ctx.setTransform(RATIO, 0, 0, RATIO, 0, 0);
  ctx.font = FONT;
  ctx.textBaseline = "middle";
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, W, H);
  var defs = laneDefs(), geo = geometry(defs), lanes = defs.lanes;
  var f = { lanes: lanes, hits: [], labels: [], boxes: [], edges: [], track: 0, markers: 0, W: W, H: H,
            unit: unitFor(ppd(), BUCKET_PX), geo: geo };
  frame = f;
  posX.fill(NaN); posY.fill(NaN);

  // lane backgrounds and the grid (dated lanes only)
  lanes.forEach(function (ln, k) {
    if (ln.y1 < AXIS_H || ln.y0 > geo.bottom) return;
    ctx.fillStyle = k % 2 ? "#ffffff" : "#f7f8fa";
    ctx.fillRect(GUTTER, ln.y0, W - GUTTER, ln.y1 - ln.y0);
  });
  var units = axisUnits();
  ctx.save();
  ctx.beginPath(); ctx.rect(GUTTER, AXIS_H, W - GUTTER, geo.bottom - AXIS_H); ctx.clip();
  gridLines(units, geo.bottom);
  placeDated(f, lanes, geo);
  ctx.restore();
  drawUndated(f, defs, geo);
  drawRelations(f);
  drawGutter(f, lanes, geo);
  drawAxis(f, units);
  f.ms = performance.now() - t0;
  return f;
}

function placeDated(f, lanes, geo) {
  var unit = f.unit, d0 = state.d0, d1 = state.d1, p = ppd();
  var nl = lanes.length, coarseDays = unit.d * 1.5;
  var rowEnd = lanes.map(function (ln) { return new Float64Array(ln.rows).fill(-1e9); });
  var rowHard = lanes.map(function (ln) { return new Float64Array(ln.rows).fill(-1e9); });
  var placed = lanes.map(function () { return []; });  // per lane: [event or -1, row, x0, x1, dot, group]
  var boxes = lanes.map(function () { return []; });   // per lane: [x0, x1, n, key, members]
  var spanRows = new Int32Array(nl);
  var curKey = new Float64Array(nl).fill(NaN), members = lanes.map(function () { return []; });
  var visibleLane = lanes.map(function (ln) { return ln.y1 > AXIS_H && ln.y0 < geo.bottom; });
  var eps = 1e-6, o, i, L, r;

  function extent(i) {
    var a = GUTTER + (START[i] - d0) * p, b = GUTTER + (END[i] - d0) * p;
    if (KIND[i] === K_POINT || b - a < 9) { var c = (a + b) / 2; return [c - 5, c + 5, 1]; }
    return [Math.max(a, GUTTER - 4), Math.min(b, W + 4), 0];
  }
  function inView(i) {
    if (!pass[i] || END[i] <= d0 || START[i] >= d1) return -1;
    var lane = geo.slot[laneOf(i)];
    return lane >= 0 && visibleLane[lane] ? lane : -1;
  }

  // 1. events known only to a period longer than a bucket (a year when counting months):
  //    grouped by their exact interval and drawn as spans in the lane's top rows
  var groups = lanes.map(function () { return new Map(); }), coarse = new Uint8Array(NE);
  for (o = 0; o < ORDER.length; o++) {
    i = ORDER[o];
    if (END[i] - START[i] <= coarseDays) continue;
    L = inView(i);
    if (L < 0 || lanes[L].rows < 2) continue;
    var gk = START[i] * 100000 + (END[i] - START[i]), g = groups[L].get(gk);
    if (!g) groups[L].set(gk, g = { s: START[i], e: END[i], members: [] });
    g.members.push(i);
  }
  groups.forEach(function (map, L) {
    var list = Array.from(map.values()).sort(function (a, b) { return a.s - b.s || b.e - a.e; });
    var ends = rowEnd[L], maxRows = lanes[L].rows - 1, used = 0;
    list.forEach(function (g) {
      var x0 = Math.max(GUTTER + (g.s - d0) * p, GUTTER - 4), x1 = Math.min(GUTTER + (g.e - d0) * p, W + 4);
      for (r = 0; r < maxRows; r++) if (ends[r] + 3 <= x0) break;
      if (r === maxRows) return;  // no room: these go to the counts below
      ends[r] = x1;
      used = Math.max(used, r + 1);
      g.members.forEach(function (k) { coarse[k] = 1; });
      if (g.members.length === 1) placed[L].push([g.members[0], r, x0, x1, 0, null]);
      else placed[L].push([-1, r, x0, x1, 0, g]);
    });
    spanRows[L] = used;
    for (r = 0; r < used; r++) ends[r] = 1e9;  // the rows of spans take nothing else
  });

  // 2. everything else: per lane and bucket, each event if the bucket's events fit, else a count
  function flush(L) {
    var m = members[L], n = m.length;
    if (!n) return;
    var key = curKey[L], ln = lanes[L], rows = ln.rows, r0 = spanRows[L], ends = rowEnd[L], hard = rowHard[L];
    var ok = n <= (rows - r0) * 6, k;
    var saveEnds = ends.slice(), saveHard = hard.slice(), tmp = [];
    if (ok) {
      m.sort(function (a, b) { return START[a] - START[b] || a - b; });
      for (k = 0; k < n && ok; k++) {
        var i = m[k], e = extent(i);
        for (r = r0; r < rows; r++) if (ends[r] + 3 <= e[0]) break;
        if (r === rows) { ok = false; break; }
        ends[r] = e[1];
        if (e[2]) hard[r] = e[1];
        tmp.push([i, r, e[0], e[1], e[2], null]);
      }
    }
    if (ok) { Array.prototype.push.apply(placed[L], tmp); m.length = 0; return; }
    ends.set(saveEnds); hard.set(saveHard);
    var range = bucketRange(unit, key), bx0 = GUTTER + (range[0] - d0) * p + 1, bx1 = GUTTER + (range[1] - d0) * p - 1;
    var after = -1e9;
    for (r = r0; r < rows; r++) after = Math.max(after, hard[r] + 2);
    bx0 = Math.max(bx0, after);
    if (bx1 - bx0 < 4) bx1 = bx0 + 4;
    boxes[L].push([bx0, bx1, n, key, m.slice(), r0]);
    for (r = r0; r < rows; r++) { ends[r] = Math.max(ends[r], bx1); hard[r] = Math.max(hard[r], bx1); }
    m.length = 0;
  }
  for (o = 0; o < ORDER.length; o++) {
    i = ORDER[o];
    if (coarse[i]) continue;
    L = inView(i);
    if (L < 0) continue;
    var mid = MID[i] < d0 ? d0 : MID[i] >= d1 ? d1 - eps : MID[i];
    var key = bucketKey(unit, i, mid);
    if (key !== curKey[L]) { flush(L); curKey[L] = key; }
    members[L].push(i);
  }
  for (L = 0; L < nl; L++) flush(L);

  // draw: counts first, then markers and spans, then labels in the free space
  for (L = 0; L < nl; L++) {
    var ln = lanes[L];
    if (!visibleLane[L]) continue;
    boxes[L].forEach(function (b) { drawBox(f, ln, b); });
    placed[L].forEach(function (it) {
      var y = ln.y0 + 4 + it[1] * ROW + ROW / 2;
      if (it[5]) { drawSpan(f, ln, it, y); return; }
      drawMarker(it[0], it[2], it[3], y, it[4]);
      posX[it[0]] = (it[2] + it[3]) / 2; posY[it[0]] = y;
      f.hits.push({ x0: it[2] - 2, x1: it[3] + 2, y0: y - 7, y1: y + 7, ev: it[0] });
      f.markers++;
    });
    placeLabels(f, ln, placed[L], boxes[L]);
  }
}

function spanName(g) {
  var a = new Date(g.s * DAY), b = new Date((g.e - 1) * DAY), days = g.e - g.s;
  if (a.getUTCMonth() === 0 && a.getUTCDate() === 1 && b.getUTCMonth() === 11 && b.getUTCDate() === 31)
    return a.getUTCFullYear() === b.getUTCFullYear() ? String(a.getUTCFullYear()) : a.getUTCFullYear() + "\u2013" + b.getUTCFullYear();
  if (a.getUTCDate() === 1 && days <= 31 && a.getUTCMonth() === b.getUTCMonth()) return MONTHS[a.getUTCMonth()] + " " + a.getUTCFullYear();
  return iso(g.s) + " \u2026 " + iso(g.e - 1);
}
function drawSpan(f, ln, it, y) {
  // several events known only to the same period: one bar over the period, with their count
  var g = it[5], x0 = it[2], x1 = it[3], n = g.members.length, h = 14, color = ln.color;
  var inferred = g.members.every(function (i) { return KIND[i] === K_INFERRED; });
  if (state.lanes === "type") color = typeColor[TYPE[g.members[0]]];
  ctx.fillStyle = hexA(color, inferred ? 0.12 : 0.32); ctx.fillRect(x0, y - h / 2, x1 - x0, h);
  ctx.strokeStyle = hexA(color, 0.95); ctx.lineWidth = 1.2;
  if (inferred) ctx.setLineDash([3, 2]);
  ctx.strokeRect(x0 + 0.5, y - h / 2 + 0.5, x1 - x0 - 1, h - 1);
  ctx.setLineDash([]);
  g.members.forEach(function (i) { posX[i] = (Math.max(x0, GUTTER) + Math.min(x1, W)) / 2; posY[i] = y; });
  f.hits.push({ x0: x0, x1: x1, y0: y - h / 2, y1: y + h / 2, span: g, lane: ln });
  var vx0 = Math.max(x0, GUTTER + 1), vx1 = Math.min(x1, W - 1), room = vx1 - vx0 - 8;
  var text = num(n) + " events \u00b7 " + spanName(g) + (inferred ? " (inferred)" : "");
  ctx.font = BOLD;
  if (ctx.measureText(text).width > room) text = num(n);
  var tw = ctx.measureText(text).width;
  if (tw <= room) {
    ctx.fillStyle = "#1d232b"; ctx.fillText(text, vx0 + 4, y);
    f.labels.push({ x: vx0 + 4, y: y - 7, w: tw, h: 14, kind: "count" });
  }
  ctx.font = FONT;
}

function drawMarker(i, x0, x1, y, dot) {
  var color = typeColor[TYPE[i]], kind = KIND[i], c = (x0 + x1) / 2, h = 10;
  ctx.lineWidth = 1;
  if (kind === K_INFERRED) {
    // inferred from the publication date: hollow, dashed, hatched — never solid
    ctx.setLineDash([3, 2]);
    ctx.strokeStyle = color;
    if (dot) { ctx.beginPath(); ctx.arc(c, y, 4.5, 0, 2 * Math.PI); ctx.fillStyle = "#ffffff"; ctx.fill(); ctx.lineWidth = 1.6; ctx.stroke(); }
    else {
      ctx.fillStyle = hexA(color, 0.12); ctx.fillRect(x0, y - h / 2, x1 - x0, h);
      ctx.lineWidth = 1.4; roundRect(x0, y - h / 2, x1 - x0, h, 5); ctx.stroke();
    }
    ctx.setLineDash([]);
  } else if (dot) {
    ctx.beginPath(); ctx.arc(c, y, 4.5, 0, 2 * Math.PI); ctx.fillStyle = color; ctx.fill();
    ctx.strokeStyle = "#ffffff"; ctx.stroke();
  } else if (kind === K_OPEN_END || kind === K_OPEN_START) {
    var g = ctx.createLinearGradient(x0, 0, x1, 0), end = kind === K_OPEN_END;
    g.addColorStop(end ? 0 : 1, hexA(color, 0.8)); g.addColorStop(end ? 1 : 0, hexA(color, 0.04));
    ctx.fillStyle = g; ctx.fillRect(x0, y - h / 2, x1 - x0, h);
    ctx.fillStyle = color;
    ctx.fillRect(end ? x0 : x1 - 2, y - h / 2 - 1, 2, h + 2);  // the known bound, a firm edge
  } else {
    ctx.fillStyle = hexA(color, 0.3); ctx.fillRect(x0, y - h / 2, x1 - x0, h);
    ctx.strokeStyle = hexA(color, 0.9); ctx.strokeRect(x0 + 0.5, y - h / 2 + 0.5, x1 - x0 - 1, h - 1);
  }
  if (EV.ct[i]) {
    ctx.strokeStyle = "#d62728"; ctx.lineWidth = 2;
    if (dot) { ctx.beginPath(); ctx.arc(c, y, 6.5, 0, 2 * Math.PI); ctx.stroke(); }
    else ctx.strokeRect(x0 - 1, y - h / 2 - 1, x1 - x0 + 2, h + 2);
  }
}
function roundRect(x, y, w, h, r) {
  r = Math.min(r, w / 2, h / 2);
  ctx.beginPath(); ctx.moveTo(x + r, y); ctx.arcTo(x + w, y, x + w, y + h, r); ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r); ctx.arcTo(x, y, x + w, y, r); ctx.closePath();
}

function drawBox(f, ln, b) {
  var x0 = Math.max(b[0], GUTTER + 1), x1 = Math.min(b[1], W - 1), n = b[2];
  var y0 = b[5] ? ln.y0 + 4 + b[5] * ROW : ln.y0 + 3, y1 = ln.y1 - 3, h = y1 - y0;
  if (x1 - x0 < 2) { x0 = b[0]; x1 = b[1]; }
  var byType = new Int32Array(NT), inferred = 0;
  b[4].forEach(function (i) { byType[TYPE[i]]++; if (KIND[i] === K_INFERRED) inferred++; });
  // stacked by type (one colour in lanes by type); the inferred share hatched on top
  var alpha = Math.min(0.9, 0.35 + 0.12 * Math.log(1 + n)), y = y1;
  for (var t = 0; t < NT; t++) {
    if (!byType[t]) continue;
    var hh = h * byType[t] / n;
    ctx.fillStyle = hexA(typeColor[t], alpha);
    ctx.fillRect(x0, y - hh, x1 - x0, hh);
    y -= hh;
  }
  if (inferred) {
    var ih = Math.max(2, h * inferred / n);
    ctx.fillStyle = "rgba(255,255,255,0.55)"; ctx.fillRect(x0, y0, x1 - x0, ih);
    ctx.setLineDash([3, 2]); ctx.strokeStyle = "rgba(31,42,55,0.6)"; ctx.strokeRect(x0 + 0.5, y0 + 0.5, x1 - x0 - 1, ih - 1);
    ctx.setLineDash([]);
  }
  ctx.strokeStyle = "rgba(31,42,55,0.35)"; ctx.lineWidth = 1; ctx.strokeRect(x0 + 0.5, y0 + 0.5, x1 - x0 - 1, h - 1);
  var mid = (y0 + y1) / 2;
  b[4].forEach(function (i) { posX[i] = (x0 + x1) / 2; posY[i] = mid; });
  f.boxes.push({ x0: x0, x1: x1, y0: y0, y1: y1, n: n });
  f.hits.push({ x0: x0, x1: x1, y0: y0, y1: y1, box: b, lane: ln });
  var text = num(n);
  ctx.font = BOLD;
  var tw = ctx.measureText(text).width;
  if (tw + 6 <= x1 - x0 && x0 >= GUTTER && x1 <= W && mid - 8 >= AXIS_H && mid + 8 <= frame.geo.bottom) {
    var tx = (x0 + x1) / 2 - tw / 2;
    ctx.fillStyle = "rgba(255,255,255,0.85)"; ctx.fillRect(tx - 2, mid - 8, tw + 4, 16);
    ctx.fillStyle = "#1d232b"; ctx.fillText(text, tx, mid);
    f.labels.push({ x: tx - 2, y: mid - 8, w: tw + 4, h: 16, kind: "count" });
  }
  ctx.font = FONT;
}

function boxLimit(spans, lx) {
  // how far right a label starting at lx may reach before a count (lx itself when one covers lx)
  var limit = 1e9;
  for (var b = 0; b < spans.length; b++) {
    if (spans[b][1] <= lx) continue;
    limit = Math.min(limit, spans[b][0] > lx ? spans[b][0] - 4 : lx);
  }
  return limit;
}
function boxStart(spans, rx) {
  // how far left a label ending at rx may reach before a count
  var start = -1e9;
  for (var b = 0; b < spans.length; b++) {
    if (spans[b][0] >= rx) continue;
    start = Math.max(start, spans[b][1] < rx ? spans[b][1] + 4 : rx);
  }
  return start;
}
function placeLabels(f, ln, items, boxes) {
  // items in one lane: per row in x order; a label takes the room up to the next obstacle
  var byRow = {};
  items.forEach(function (it) { (byRow[it[1]] || (byRow[it[1]] = [])).push(it); });
  var spans = boxes.map(function (b) { return [b[0], b[1]]; });
  ctx.fillStyle = "#1d232b";
  Object.keys(byRow).forEach(function (r) {
    var row = byRow[r].sort(function (a, b) { return a[2] - b[2]; });
    var y = ln.y0 + 4 + (+r) * ROW + ROW / 2;
    if (y - 8 < Math.max(ln.y0, AXIS_H) || y + 8 > Math.min(ln.y1, frame.geo.bottom)) return;
    var prevEnd = GUTTER;  // where the previous marker or label in this row ends
    for (var k = 0; k < row.length; k++) {
      var it = row[k];
      if (it[0] < 0) { prevEnd = Math.max(prevEnd, it[3]); continue; }  // a span of several: its count is inside
      var text = EV.l[it[0]], w = labelWidth(it[0]), placed = null;
      if (it[3] >= GUTTER && it[2] <= W) {
        // to the right, up to the next marker, count or the edge
        var lx = Math.max(it[3] + 4, GUTTER + 2), limit = k + 1 < row.length ? row[k + 1][2] - 4 : W - 4;
        limit = Math.min(limit, W - 4, boxLimit(spans, lx));
        var room = limit - lx;
        // else to the left, back to the previous marker or label, when that gives more room
        var rx = it[2] - 4, left = Math.max(prevEnd + 4, GUTTER + 2, boxStart(spans, rx));
        if (room < Math.min(w, 260) && rx - left > room) {
          var t2 = w <= rx - left && w <= 260 ? text : fitText(text, Math.min(rx - left, 260));
          if (t2) { var w2 = ctx.measureText(t2).width; placed = [rx - w2, t2, w2]; }
        } else if (room >= 28) {
          var t1 = w <= room && w <= 260 ? text : fitText(text, Math.min(room, 260));
          if (t1) placed = [lx, t1, t1 === text ? w : ctx.measureText(t1).width];
        }
      }
      if (placed) {
        ctx.fillText(placed[1], placed[0], y);
        f.labels.push({ x: placed[0], y: y - 7, w: placed[2], h: 14, kind: "event", ev: it[0] });
      }
      prevEnd = Math.max(it[3], placed ? placed[0] + placed[2] : 0);
    }
  });
}

/* ---- undated: a lane apart, no time position ------------------------------------------ */
function drawUndated(f, defs, geo) {
  if (!defs.undated) return;
  var y0 = H - UNDATED_H, y1 = H - 2;
  ctx.fillStyle = "#ffffff"; ctx.fillRect(0, geo.bottom, W, H - geo.bottom);
  // a visible break from the axis: a gap, a rule and a hatched band
  ctx.save();
  ctx.beginPath(); ctx.rect(0, y0, W, y1 - y0); ctx.clip();
  ctx.fillStyle = "#f8f6f0"; ctx.fillRect(0, y0, W, y1 - y0);
  ctx.strokeStyle = "#efeadf"; ctx.lineWidth = 4;
  ctx.beginPath();
  for (var x = -UNDATED_H; x < W; x += 12) { ctx.moveTo(x, y1); ctx.lineTo(x + (y1 - y0), y0); }
  ctx.stroke();
  ctx.restore();
  ctx.strokeStyle = "#b9b3a3"; ctx.lineWidth = 1; ctx.setLineDash([5, 4]);
  ctx.beginPath(); ctx.moveTo(0, y0 - 0.5); ctx.lineTo(W, y0 - 0.5); ctx.stroke(); ctx.setLineDash([]);
  ctx.font = "italic " + FONT; ctx.fillStyle = "#6b6552";
  var note = "undated \u00b7 no time stated or inferred \u00b7 not on the time axis";
  var nw = ctx.measureText(note).width;
  if (GUTTER + nw < W) { ctx.fillText(note, GUTTER + 4, y0 - UNDATED_GAP / 2); f.labels.push({ x: GUTTER + 4, y: y0 - UNDATED_GAP / 2 - 7, w: nw, h: 14, kind: "lane" }); }
  ctx.font = BOLD; ctx.fillStyle = "#4a4538";
  var head = fitText("undated  " + num(defs.undated), GUTTER - 14);
  ctx.fillText(head, 8, y0 + 14);
  f.labels.push({ x: 8, y: y0 + 7, w: ctx.measureText(head).width, h: 14, kind: "lane" });
  ctx.font = FONT;
  var items = UNDATED.filter(function (i) { return pass[i]; });
  var rows = Math.floor((UNDATED_H - 8) / ROW), x0 = GUTTER + 4, right = W - 6;
  // try one dot and label per event, in rows; else one count per type
  var spots = [], row = 0, cx = x0, fits = true;
  for (var k = 0; k < items.length && fits; k++) {
    var i = items[k], text = fitText(EV.l[i], 200), w = 12 + ctx.measureText(text).width + 14;
    if (cx + w > right) { row++; cx = x0; }
    if (row >= rows || cx + w > right) { fits = false; break; }
    spots.push([i, cx, row, text]); cx += w;
  }
  if (fits) {
    spots.forEach(function (s) {
      var y = y0 + 4 + s[2] * ROW + ROW / 2, i = s[0], color = typeColor[TYPE[i]];
      ctx.beginPath(); ctx.arc(s[1] + 5, y, 4.5, 0, 2 * Math.PI); ctx.fillStyle = color; ctx.fill();
      ctx.setLineDash([2, 2]); ctx.strokeStyle = "#6b7580"; ctx.stroke(); ctx.setLineDash([]);
      ctx.fillStyle = "#1d232b"; ctx.fillText(s[3], s[1] + 14, y);
      var tw = ctx.measureText(s[3]).width;
      f.labels.push({ x: s[1] + 14, y: y - 7, w: tw, h: 14, kind: "event", ev: i });
      f.hits.push({ x0: s[1], x1: s[1] + 14 + tw, y0: y - 7, y1: y + 7, ev: i });
      posX[i] = s[1] + 5; posY[i] = y;
    });
    return;
  }
  var byType = new Int32Array(NT);
  items.forEach(function (i) { byType[TYPE[i]]++; });
  row = 0; cx = x0;
  ctx.font = FONT;
  for (var t = 0; t < NT; t++) {
    if (!byType[t]) continue;
    var label = TYPES[t].label + " \u00b7 " + num(byType[t]), lw = ctx.measureText(label).width, cw = lw + 22;
    if (cx + cw > right) { row++; cx = x0; }
    if (row >= rows) break;
    var y = y0 + 4 + row * ROW + ROW / 2;
    ctx.fillStyle = hexA(typeColor[t], 0.2); ctx.fillRect(cx, y - 8, cw - 6, 16);
    ctx.fillStyle = typeColor[t]; ctx.fillRect(cx, y - 8, 4, 16);
    ctx.fillStyle = "#1d232b"; ctx.fillText(label, cx + 9, y);
    f.labels.push({ x: cx + 9, y: y - 7, w: lw, h: 14, kind: "count" });
    var members = items.filter(function (i) { return TYPE[i] === t; });
    members.forEach(function (i) { posX[i] = cx + cw / 2; posY[i] = y; });
    f.hits.push({ x0: cx, x1: cx + cw - 6, y0: y - 8, y1: y + 8, undated: t, members: members });
    cx += cw;
  }
}

/* ---- relations: only for the selection and the hovered event -------------------------- */
var hover = -1;
var REL_COLORS = { "denies": "#d62728", "denied by": "#d62728", "claimed in": "#7a4fb0", "claims": "#7a4fb0" };
function drawRelations(f) {
  var focus = [];
  if (state.sel >= 0) focus.push(state.sel);
  if (hover >= 0 && hover !== state.sel) focus.push(hover);
  ctx.save();
  ctx.beginPath(); ctx.rect(GUTTER, AXIS_H, W - GUTTER, H - AXIS_H); ctx.clip();
  if (state.ent >= 0) drawEntityTrack(f);
  focus.forEach(function (i) {
    var ax = anchor(i);
    if (!ax) return;
    (REL[i] || []).forEach(function (rel) {
      var j = rel[0];
      if (!pass[j]) return;
      var bx = anchor(j);
      if (!bx) return;
      f.edges.push([i, j, rel[1]]);
      var color = REL_COLORS[rel[1]], lift = Math.min(60, Math.abs(bx[0] - ax[0]) / 3 + 14);
      ctx.strokeStyle = color; ctx.lineWidth = 1.8; ctx.setLineDash(rel[1].indexOf("claim") >= 0 ? [5, 3] : []);
      ctx.beginPath(); ctx.moveTo(ax[0], ax[1]);
      ctx.quadraticCurveTo((ax[0] + bx[0]) / 2, Math.min(ax[1], bx[1]) - lift, bx[0], bx[1]); ctx.stroke();
      ctx.setLineDash([]);
      ctx.beginPath(); ctx.arc(bx[0], bx[1], 3, 0, 2 * Math.PI); ctx.fillStyle = color; ctx.fill();
    });
  });
  focus.forEach(function (i) {
    var a = anchor(i);
    if (!a) return;
    ctx.strokeStyle = "#111"; ctx.lineWidth = i === state.sel ? 2.5 : 1.5;
    ctx.beginPath(); ctx.arc(a[0], a[1], 8, 0, 2 * Math.PI); ctx.stroke();
  });
  ctx.restore();
}
function anchor(i) {
  if (!isNaN(posX[i])) return [posX[i], posY[i]];
  if (KIND[i] === K_UNDATED || !frame) return null;
  // not drawn on its own (out of view or inside a count): its time, at its lane's top
  var L = frame.geo.slot[laneOf(i)];
  if (L < 0) return null;
  var ln = frame.lanes[L];
  return [Math.max(GUTTER, Math.min(W, xOf(MID[i]))), ln.y0 + 5];
}
var ENT_EVENTS = null;
function entityEvents(e) {
  if (ENT_EVENTS && ENT_EVENTS.e === e) return ENT_EVENTS.list;
  var list = [];
  for (var i = 0; i < NE; i++) {
    if (e < NENT ? (EV.a[i].indexOf(e) >= 0 || EV.p[i].indexOf(e) >= 0) : EV.d[i].indexOf(e - NENT) >= 0) list.push(i);
  }
  list.sort(function (a, b) { return (isNaN(MID[a]) ? 1e9 : MID[a]) - (isNaN(MID[b]) ? 1e9 : MID[b]); });
  ENT_EVENTS = { e: e, list: list };
  return list;
}
function drawEntityTrack(f) {
  // the selected actor, place or source: its events joined in time order
  var list = entityEvents(state.ent), pts = [];
  list.forEach(function (i) { if (pass[i] && !isNaN(posX[i]) && KIND[i] !== K_UNDATED) pts.push([posX[i], posY[i]]); });
  f.track = pts.length;
  if (!pts.length) return;
  ctx.strokeStyle = "rgba(31,95,168,0.55)"; ctx.lineWidth = 1.5;
  ctx.beginPath();
  var last = null;
  pts.forEach(function (p) {
    if (last && last[0] === p[0] && last[1] === p[1]) return;
    if (last) ctx.lineTo(p[0], p[1]); else ctx.moveTo(p[0], p[1]);
    last = p;
  });
  ctx.stroke();
  var seen = {};
  pts.forEach(function (p) {
    var k = Math.round(p[0]) + "," + Math.round(p[1]);
    if (seen[k]) return;
    seen[k] = 1;
    ctx.beginPath(); ctx.arc(p[0], p[1], 6.5, 0, 2 * Math.PI); ctx.strokeStyle = "#1f5fa8"; ctx.lineWidth = 2; ctx.stroke();
  });
}

/* ---- gutter (lane names) and axis ----------------------------------------------------- */
function drawGutter(f, lanes, geo) {
  ctx.fillStyle = "#ffffff"; ctx.fillRect(0, AXIS_H, GUTTER, geo.bottom - AXIS_H);
  ctx.strokeStyle = "#d5dae0"; ctx.lineWidth = 1;
  ctx.beginPath(); ctx.moveTo(GUTTER - 0.5, AXIS_H); ctx.lineTo(GUTTER - 0.5, geo.bottom); ctx.stroke();
  ctx.save();
  ctx.beginPath(); ctx.rect(0, AXIS_H, W, geo.bottom - AXIS_H); ctx.clip();
  lanes.forEach(function (ln) {
    if (ln.y1 < AXIS_H || ln.y0 > geo.bottom) return;
    ctx.strokeStyle = "#e6e9ed";
    ctx.beginPath(); ctx.moveTo(0, ln.y1 - 0.5); ctx.lineTo(W, ln.y1 - 0.5); ctx.stroke();
    var y = Math.max(ln.y0, AXIS_H) + 12;
    if (y + 7 > Math.min(ln.y1, geo.bottom)) return;
    ctx.fillStyle = ln.color; ctx.fillRect(6, y - 5, 4, 10);
    ctx.font = BOLD; ctx.fillStyle = "#1d232b";
    var name = fitText(ln.label, GUTTER - 22);
    if (name) { ctx.fillText(name, 14, y); f.labels.push({ x: 14, y: y - 7, w: ctx.measureText(name).width, h: 14, kind: "lane" }); }
    ctx.font = FONT; ctx.fillStyle = "#6b7580";
    var count = num(ln.n) + (ln.n === 1 ? " event" : " events");
    if (y + 16 + 7 <= Math.min(ln.y1, geo.bottom)) {
      ctx.fillText(count, 14, y + 15);
      f.labels.push({ x: 14, y: y + 8, w: ctx.measureText(count).width, h: 14, kind: "lane" });
    }
  });
  ctx.restore();
  if (geo.maxTop > 0) {  // lanes scroll: a thumb on the right edge
    var area = geo.bottom - AXIS_H, total = area + geo.maxTop, th = Math.max(20, area * area / total);
    var ty = AXIS_H + (area - th) * state.top / geo.maxTop;
    ctx.fillStyle = "rgba(31,42,55,0.25)"; ctx.fillRect(W - 5, ty, 4, th);
  }
}
function axisUnits() {
  var minor = unitFor(ppd(), 56), major;
  if (minor.u === "day" || minor.u === "week") major = { u: "month", n: 1 };
  else if (minor.u === "month") major = { u: "year", n: 1 };
  else major = null;
  return { minor: minor, major: major };
}
function ticks(unit, d0, d1) {
  var out = [], guard = 0, t;
  if (unit.u === "day" || unit.u === "week") {
    var step = unit.u === "week" ? 7 : 1, first = Math.ceil(d0);
    if (step === 7) first += ((4 - ((first % 7) + 7) % 7) + 7) % 7;  // Mondays (day 4 was a Monday)
    for (t = first; t <= d1 && guard++ < 3000; t += step) out.push(t);
    return out;
  }
  var months = unit.u === "month" ? unit.n : 12 * unit.n, start = new Date(Math.floor(d0) * DAY);
  var m = start.getUTCFullYear() * 12 + start.getUTCMonth();
  m = Math.floor(m / months) * months;
  for (; guard++ < 3000; m += months) { t = monthStart(m); if (t > d1) break; if (t >= d0) out.push(t); }
  return out;
}
function tickText(unit, t) {
  var d = new Date(t * DAY);
  if (unit.u === "year") return String(d.getUTCFullYear());
  if (unit.u === "month") return unit.n === 1 ? MONTHS[d.getUTCMonth()] : "Q" + (Math.floor(d.getUTCMonth() / 3) + 1);
  return String(d.getUTCDate());
}
function gridLines(units, bottom) {
  ctx.lineWidth = 1;
  ctx.strokeStyle = "#eceff3";
  ctx.beginPath();
  ticks(units.minor, state.d0, state.d1).forEach(function (t) { var x = Math.round(xOf(t)) + 0.5; ctx.moveTo(x, AXIS_H); ctx.lineTo(x, bottom); });
  ctx.stroke();
  if (units.major) {
    ctx.strokeStyle = "#cfd5dc";
    ctx.beginPath();
    ticks(units.major, state.d0, state.d1).forEach(function (t) { var x = Math.round(xOf(t)) + 0.5; ctx.moveTo(x, AXIS_H); ctx.lineTo(x, bottom); });
    ctx.stroke();
  }
}
function drawAxis(f, units) {
  ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, W, AXIS_H);
  ctx.strokeStyle = "#c9d0d8"; ctx.lineWidth = 1;
  ctx.beginPath(); ctx.moveTo(0, AXIS_H - 0.5); ctx.lineTo(W, AXIS_H - 0.5); ctx.stroke();
  ctx.font = BOLD; ctx.fillStyle = "#4b5560";
  var corner = fitText(state.lanes === "type" ? "lanes: event type" : "lanes: actor", GUTTER - 12);
  ctx.fillText(corner, 8, AXIS_H / 2);
  f.labels.push({ x: 8, y: AXIS_H / 2 - 7, w: ctx.measureText(corner).width, h: 14, kind: "axis" });
  ctx.save();
  ctx.beginPath(); ctx.rect(GUTTER, 0, W - GUTTER, AXIS_H); ctx.clip();
  var lastEnd = -1e9;
  function put(text, x, y, font, color) {
    ctx.font = font;
    var w = ctx.measureText(text).width;
    if (x < GUTTER + 2) x = GUTTER + 2;
    if (x < lastEnd + 6 || x + w > W - 2) return false;
    ctx.fillStyle = color; ctx.fillText(text, x, y);
    f.labels.push({ x: x, y: y - 7, w: w, h: 14, kind: "axis" });
    lastEnd = x + w;
    return true;
  }
  if (units.major) {
    var majors = ticks(units.major, state.d0 - 400, state.d1);
    majors.forEach(function (t, k) {
      var x = xOf(t), next = k + 1 < majors.length ? xOf(majors[k + 1]) : W;
      var text = units.major.u === "month" ? MONTHS[new Date(t * DAY).getUTCMonth()] + " " + new Date(t * DAY).getUTCFullYear()
        : String(new Date(t * DAY).getUTCFullYear());
      ctx.font = BOLD;
      var w = ctx.measureText(text).width, lx = Math.max(x + 4, GUTTER + 4);
      if (lx + w > next - 4) return;  // the sticky label would run into the next one
      put(text, lx, 12, BOLD, "#1d232b");
      if (x >= GUTTER) { ctx.strokeStyle = "#aab3bd"; ctx.beginPath(); ctx.moveTo(Math.round(x) + 0.5, 0); ctx.lineTo(Math.round(x) + 0.5, AXIS_H); ctx.stroke(); }
    });
  }
  lastEnd = -1e9;
  var minorFont = units.minor.u === "year" ? BOLD : FONT, ty = units.major ? 31 : 22;
  ticks(units.minor, state.d0, state.d1).forEach(function (t) {
    var x = xOf(t);
    ctx.strokeStyle = "#aab3bd"; ctx.beginPath(); ctx.moveTo(Math.round(x) + 0.5, AXIS_H - 6); ctx.lineTo(Math.round(x) + 0.5, AXIS_H); ctx.stroke();
    if (x >= GUTTER) put(tickText(units.minor, t), x + 3, ty, minorFont, units.minor.u === "year" ? "#1d232b" : "#4b5560");
  });
  ctx.restore();
  ctx.font = FONT;
}

/* ---- hit testing ---------------------------------------------------------------------- */
function hitAt(x, y) {
  if (!frame) return null;
  var best = null, bestD = 1e9;
  for (var k = frame.hits.length - 1; k >= 0; k--) {
    var h = frame.hits[k];
    if (x >= h.x0 - 2 && x <= h.x1 + 2 && y >= h.y0 - 2 && y <= h.y1 + 2) {
      var d = Math.abs(x - (h.x0 + h.x1) / 2) + Math.abs(y - (h.y0 + h.y1) / 2);
      if (h.ev != null) d -= 1000;  // an event wins over a count under it
      if (d < bestD) { best = h; bestD = d; }
    }
  }
  return best;
}
