#include "explorer_assets.hpp"

namespace flowsim::io {

// After the report's own style (report_parts): controls, the diagram's viewport and the
// classes the script gives drawn nodes and links in each view. Class rules override
// Graphviz's presentation attributes, so every drawn link gets one class per view.
const char* const kExplorerStyle = R"css(
.error{border:2px solid #b3001b;padding:.5rem .75rem;color:#8a0015;background:#fff5f5;max-width:none}
.answer.unknown{border-color:#8a6d00}
button{font:inherit;font-size:.95rem;padding:.3rem .7rem;border:1px solid #777;background:#f4f4f4;
border-radius:.25rem;cursor:pointer;min-width:2.5rem;min-height:2.5rem;color:#1a1a1a}
button:hover{background:#e8e8e8}
button:focus-visible,.viewport:focus-visible,tr[data-route-id]:focus-visible,input:focus-visible{
outline:3px solid #0b4f9c;outline-offset:2px}
#controls fieldset{border:1px solid #bbb;margin:0 0 .75rem;padding:.5rem .75rem;display:grid;
grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:.35rem 1.25rem}
#controls legend{font-weight:600;padding:0 .25rem}
#controls label{display:flex;gap:.5rem;align-items:flex-start;cursor:pointer;line-height:1.35}
#controls input[type=checkbox]{margin:.15rem 0 0;width:1.2rem;height:1.2rem;flex:none}
#controls small{color:#555}
.date-control{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;margin:.5rem 0}
.date-control label{font-weight:600}
.date-control input{flex:1 1 10rem;min-height:2.5rem}
.date-control output{flex:1 1 100%;font-variant-numeric:tabular-nums}
.states,.link{font-size:.9rem;color:#333;max-width:none}
.diagram-tools{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin:.5rem 0}
#zoom-level{font-size:.85rem;color:#444;font-variant-numeric:tabular-nums}
body{max-width:100rem}
.workspace{display:grid;grid-template-columns:minmax(0,1fr);gap:0 2rem;align-items:start}
.workspace h2{margin-top:1.25rem}
.viewport{height:min(72vh,46rem);border:1px solid #bbb;overflow:hidden;touch-action:none;
cursor:grab;background:#fff;position:relative}
.viewport.dragging{cursor:grabbing}
.viewport svg{display:block;width:100%;height:100%;max-width:none!important;user-select:none}
.details{border:1px solid #bbb;padding:.5rem .75rem;font-size:.9rem;max-width:none}
.details h3{font-size:1rem;margin:.25rem 0 .5rem}
.details dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .75rem;margin:.5rem 0}
.details dt{font-weight:600}
.details dd{margin:0;overflow-wrap:anywhere}
.details .state{font-weight:600}
.legend{font-size:.85rem;color:#333;max-width:none}
.swatch{display:inline-block;width:1.6rem;height:0;border-top:3px solid;vertical-align:middle;
margin:0 .2rem 0 .6rem}
.swatch.route{border-color:#c0392b}
.swatch.law{border-color:#6a3d9a}
.swatch.off{border-color:#c8c8c8}
tr[data-route-id]{cursor:pointer}
tr[data-route-id].selected td{background:#fdecea}
#viewport g.edge.fs-on path{stroke:#333;stroke-width:1}
#viewport g.edge.fs-on polygon{stroke:#333;fill:#333}
#viewport g.edge.fs-on text{fill:#333}
#viewport g.edge.fs-on.fs-light path{stroke:#8c8c8c}
#viewport g.edge.fs-on.fs-light polygon{stroke:#8c8c8c;fill:#8c8c8c}
#viewport g.edge.fs-on.fs-light text{fill:#8c8c8c}
#viewport g.edge.fs-route path{stroke:#c0392b;stroke-width:3}
#viewport g.edge.fs-route polygon{stroke:#c0392b;fill:#c0392b}
#viewport g.edge.fs-route text{fill:#c0392b}
#viewport g.edge.fs-route.fs-light path{stroke:#e6958c;stroke-width:2}
#viewport g.edge.fs-route.fs-light polygon{stroke:#e6958c;fill:#e6958c}
#viewport g.edge.fs-law path{stroke:#6a3d9a;stroke-width:2}
#viewport g.edge.fs-law polygon{stroke:#6a3d9a;fill:#fff;stroke-width:2}
#viewport g.edge.fs-law text{fill:#6a3d9a}
#viewport g.edge.fs-off path{stroke:#d5d5d5;stroke-width:1}
#viewport g.edge.fs-off polygon{stroke:#d5d5d5;fill:#d5d5d5}
#viewport g.edge.fs-off text{fill:#a8a8a8}
#viewport g.node.fs-plain polygon,#viewport g.node.fs-plain ellipse,#viewport g.node.fs-plain path{
stroke:#333;stroke-width:1}
#viewport g.node.fs-route polygon,#viewport g.node.fs-route ellipse,#viewport g.node.fs-route path{
stroke:#c0392b;stroke-width:2}
#viewport g.node.fs-target polygon,#viewport g.node.fs-target ellipse{stroke-width:2}
#viewport svg.fs-dim g.edge:not(.fs-selected),#viewport svg.fs-dim g.node:not(.fs-selected){
opacity:.2}
#viewport g.edge.fs-selected path{stroke-width:5}
#viewport g.fs-picked{filter:drop-shadow(0 0 4px #0b4f9c)}
@media (min-width:64rem){
.workspace{grid-template-columns:21rem minmax(0,1fr)}
#controls{position:sticky;top:0;max-height:100vh;overflow:auto}
#controls fieldset{grid-template-columns:1fr}
}
@media (max-width:50rem){
.viewport{height:65vh}
}
@media print{
#controls button,#controls input,.diagram-tools,.link{display:none}
.viewport{height:auto;border:0;overflow:visible}
.viewport svg{width:100%;height:auto;max-height:95vh}
.details{display:none}
}
)css";

const char* const kExplorerScript = R"js(
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('flowsim-data').textContent);
  var toggles = data.toggles;
  var positions = data.positions;
  var T = toggles.length;
  var combinations = Math.pow(2, T);
  function byId(id) { return document.getElementById(id); }

  // --- the answers: looked up, never worked out ---------------------------------------
  function bytesOf(text) {
    var raw = atob(text);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    return bytes;
  }
  var decoded = new Map();
  function bitset(text) {
    if (!decoded.has(text)) { decoded.set(text, bytesOf(text)); }
    return decoded.get(text);
  }
  function has(bytes, i) { return ((bytes[i >> 3] >> (i & 7)) & 1) === 1; }
  var stateOutcomes = bytesOf(data.state_outcomes);
  function outcomeOf(state) {
    var value = 0;
    for (var b = data.outcome_bytes - 1; b >= 0; b--) {
      value = value * 256 + stateOutcomes[state * data.outcome_bytes + b];
    }
    return data.outcomes[value];
  }
  var initialValues = toggles.map(function (t) { return t.initial; });
  var current = { values: initialValues.slice(), position: data.initial_position };
  var selected = -1;  // a route, by its index in data.routes
  var picked = null;  // {kind: 'node'|'edge', index}
  var shown = { routes: [], onRoute: null, nodeOnRoute: null, laws: {}, active: null };

  function stateIndex() {
    var bits = 0;
    for (var i = 0; i < T; i++) { if (current.values[i]) { bits += Math.pow(2, i); } }
    return current.position * combinations + bits;
  }
  function conditionsText() {
    var c = data.conditions;
    var parts = c.prefix.slice();
    for (var i = 0; i < T; i++) {
      var piece = c.toggles[i][current.values[i] ? 1 : 0];
      if (piece) { parts.push(piece); }
    }
    parts = parts.concat(c.suffix);
    if (c.dates[current.position]) { parts.push(c.dates[current.position]); }
    return parts.join('; ');
  }

  // --- the address: #set=NAME:true,NAME2:false&as_of=YYYY-MM-DD --------------------------
  function validDate(text) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) { return false; }
    var date = new Date(text + 'T00:00:00Z');
    return !isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
  }
  function positionOfDate(date) {
    for (var i = 0; i < positions.length; i++) {
      var p = positions[i];
      if (p.shown !== null && (p.since === null || p.since <= date) &&
          (p.until === null || date < p.until)) { return i; }
    }
    return data.initial_position;
  }
  function toggleIndex(name) {
    for (var i = 0; i < T; i++) { if (toggles[i].id === name) { return i; } }
    return -1;
  }
  function readAddress() {
    var errors = [];
    var values = initialValues.slice();
    var position = data.initial_position;
    var text = location.hash.replace(/^#/, '');
    text.split('&').forEach(function (part) {
      if (!part) { return; }
      var eq = part.indexOf('=');
      var key = eq < 0 ? part : part.slice(0, eq);
      var value = eq < 0 ? '' : part.slice(eq + 1);
      try { value = decodeURIComponent(value); key = decodeURIComponent(key); } catch (e) {
        errors.push('“' + part + '” is not a valid part of the address');
        return;
      }
      if (key === 'set') {
        value.split(',').forEach(function (item) {
          if (!item) { return; }
          var colon = item.lastIndexOf(':');
          var name = colon < 0 ? item : item.slice(0, colon);
          var flag = colon < 0 ? '' : item.slice(colon + 1);
          var index = toggleIndex(name);
          if (index < 0) {
            errors.push('unknown setting “' + name + '”' + (T ? ' (this page has: ' +
              toggles.map(function (t) { return t.id; }).join(', ') + ')' : ''));
          } else if (flag !== 'true' && flag !== 'false') {
            errors.push('“' + item + '”: write ' + name + ':true or ' + name + ':false');
          } else {
            values[index] = flag === 'true';
          }
        });
      } else if (key === 'as_of') {
        if (!validDate(value)) {
          errors.push('as_of: expected a date YYYY-MM-DD, got “' + value + '”');
        } else {
          position = positionOfDate(value);
        }
      } else {
        errors.push('unknown name “' + key + '” in the address (expected set or as_of)');
      }
    });
    current = { values: values, position: position };
    var box = byId('state-error');
    if (errors.length) {
      box.textContent = 'The address asks for something this page does not hold, so it ' +
        'shows the rest: ' + errors.join('; ') + '.';
      box.hidden = false;
    } else {
      box.textContent = '';
      box.hidden = true;
    }
  }
  function address() {
    var parts = [];
    if (T) {
      parts.push('set=' + toggles.map(function (t, i) {
        return encodeURIComponent(t.id) + ':' + (current.values[i] ? 'true' : 'false');
      }).join(','));
    }
    var date = positions[current.position].shown;
    if (date !== null) { parts.push('as_of=' + date); }
    return '#' + parts.join('&');
  }
  function writeAddress() {
    var target = address();
    try { history.replaceState(null, '', target); } catch (e) { location.hash = target; }
  }

  // --- drawing -----------------------------------------------------------------------
  var svg = document.querySelector('#viewport svg');
  var nodeAt = new Map();
  var edgeAt = new Map();
  var nodeElements = data.nodes.map(function (node, i) {
    nodeAt.set('fs-n-' + node.index, i);
    return svg ? svg.getElementById('fs-n-' + node.index) : null;
  });
  var edgeElements = data.edges.map(function (edge, i) {
    edgeAt.set('fs-e-' + edge.index, i);
    return svg ? svg.getElementById('fs-e-' + edge.index) : null;
  });
  function lighter(status) { return status === 'announced' || status === 'hypothetical'; }

  function drawDiagram() {
    if (!svg) { return; }
    var chosen = selected >= 0 ? data.routes[selected] : null;
    var chosenEdges = new Set(chosen ? chosen.edges : []);
    var chosenNodes = new Set(chosen ? chosen.nodes : []);
    edgeElements.forEach(function (element, i) {
      if (!element) { return; }
      var state = shown.onRoute[i] ? 'fs-route' : shown.laws[i] ? 'fs-law'
        : has(shown.active, i) ? 'fs-on' : 'fs-off';
      var classes = ['edge', state];
      if (lighter(data.edges[i].status)) { classes.push('fs-light'); }
      if (chosenEdges.has(i)) { classes.push('fs-selected'); }
      if (picked && picked.kind === 'edge' && picked.index === i) { classes.push('fs-picked'); }
      element.setAttribute('class', classes.join(' '));
    });
    nodeElements.forEach(function (element, i) {
      if (!element) { return; }
      var classes = ['node', shown.nodeOnRoute[i] ? 'fs-route' : 'fs-plain'];
      if (data.nodes[i].target) { classes.push('fs-target'); }
      if (chosenNodes.has(i)) { classes.push('fs-selected'); }
      if (picked && picked.kind === 'node' && picked.index === i) { classes.push('fs-picked'); }
      element.setAttribute('class', classes.join(' '));
    });
    svg.setAttribute('class', 'diagram' + (chosen ? ' fs-dim' : ''));
  }

  function cell(row, label, text, className) {
    var td = document.createElement('td');
    td.setAttribute('data-label', label);
    if (className) { td.className = className; }
    if (text !== undefined) { td.textContent = text; }
    row.appendChild(td);
    return td;
  }
  function citations(parent, numbers) {
    if (!numbers.length) { parent.appendChild(document.createTextNode('none')); return; }
    numbers.forEach(function (n, k) {
      if (k) { parent.appendChild(document.createTextNode(' ')); }
      var a = document.createElement('a');
      a.href = '#source-' + n;
      a.textContent = '[' + n + ']';
      a.addEventListener('click', function (event) {
        event.preventDefault();
        var target = byId('source-' + n);
        if (target) { target.scrollIntoView(); }
      });
      parent.appendChild(a);
    });
  }
  function pathText(route) {
    return route.nodes.map(function (n) { return data.nodes[n].label; }).join(' → ');
  }

  function drawRoutes(list) {
    var tbody = document.querySelector('#route-table tbody');
    tbody.textContent = '';
    shown.routes.forEach(function (r, k) {
      var route = data.routes[r];
      var row = document.createElement('tr');
      row.setAttribute('data-route-id', route.id);
      row.tabIndex = 0;
      if (r === selected) { row.className = 'selected'; }
      row.setAttribute('aria-selected', r === selected ? 'true' : 'false');
      cell(row, '#', String(k + 1), 'number');
      cell(row, 'Route', pathText(route), 'route');
      cell(row, 'Data', route.data);
      cell(row, 'Evidence', route.evidence);
      cell(row, 'Needs', route.gates.length ? route.gates.join('; ') : 'nothing');
      var depends = data.depends[list.depends[k]];
      cell(row, 'Depends on', depends.length ? depends.join('; ') : 'nothing');
      cell(row, 'Likelihood', route.likelihood, 'number');
      citations(cell(row, 'Sources'), route.sources);
      var code = document.createElement('code');
      code.className = 'id';
      code.textContent = route.id;
      cell(row, 'Route id').appendChild(code);
      row.addEventListener('click', function (event) {
        if (event.target.closest('a')) { return; }
        choose(r);
      });
      row.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); choose(r); }
      });
      tbody.appendChild(row);
    });
    var count = shown.routes.length;
    byId('routes-intro').textContent = count === 0 ? 'No route in this view.'
      : count === 1 ? 'The one route. Click it to pick it out on the diagram.'
      : 'All ' + count + ' routes, fewest hops first. Click a route to pick it out on the diagram.';
  }

  // A "no": the nearest blocked routes and what blocks each hop, as written in C++.
  function drawBlocked(no, list) {
    byId('blocked').hidden = !no;
    byId('blocked-none').hidden = list.length > 0;
    byId('blocked-nearest').hidden = list.length === 0;
    var ol = byId('blocked-list');
    ol.textContent = '';
    list.forEach(function (i) {
      var item = data.nearest[i];
      var li = element('li');
      li.setAttribute('data-blocked-route', item.edges.join(' '));
      li.setAttribute('data-data', item.data_id);
      li.appendChild(element('span', item.path, 'route'));
      li.appendChild(document.createTextNode(' (' + item.data + '; sources '));
      citations(li, item.sources);
      li.appendChild(document.createTextNode(')'));
      var hops = element('ul');
      item.blockers.forEach(function (b) {
        var hop = element('li');
        hop.setAttribute('data-blocker-edge', b.edge);
        hop.setAttribute('data-blocker-reason', b.reason);
        hop.appendChild(document.createTextNode(b.hop + ' ('));
        hop.appendChild(element('code', b.edge));
        hop.appendChild(document.createTextNode('): ' + b.text + ' [' + b.reason + ']'));
        hops.appendChild(hop);
      });
      li.appendChild(hops);
      ol.appendChild(li);
    });
  }

  var words = { yes: 'Yes', no: 'No', unknown: 'Not known' };
  function render() {
    var outcome = outcomeOf(stateIndex());
    var line = data.lines[outcome[0]];
    var list = data.lists[outcome[1]];
    var answer = byId('answer');
    answer.setAttribute('data-answer', line.answer);
    answer.className = 'answer ' + line.answer;
    answer.textContent = '';
    var strong = document.createElement('strong');
    strong.textContent = words[line.answer];
    answer.appendChild(strong);
    answer.appendChild(document.createTextNode(' — ' + line.head + ' (' + conditionsText() +
      ').' + line.tail));

    var routeBits = bitset(list.routes);
    shown.routes = [];
    for (var r = 0; r < data.routes.length; r++) { if (has(routeBits, r)) { shown.routes.push(r); } }
    shown.onRoute = new Uint8Array(data.edges.length);
    shown.nodeOnRoute = new Uint8Array(data.nodes.length);
    shown.routes.forEach(function (index) {
      data.routes[index].edges.forEach(function (e) { shown.onRoute[e] = 1; });
      data.routes[index].nodes.forEach(function (n) { shown.nodeOnRoute[n] = 1; });
    });
    shown.active = bitset(data.active[outcome[2]]);
    shown.laws = {};
    data.blocked[outcome[3]].forEach(function (entry) { shown.laws[entry[0]] = entry.slice(1); });
    if (selected >= 0 && shown.routes.indexOf(selected) < 0) { selected = -1; }

    toggles.forEach(function (t, i) {
      var box = document.querySelector('input[data-toggle="' + i + '"]');
      if (box) { box.checked = current.values[i]; }
    });
    var slider = byId('date');
    slider.value = String(current.position);
    var p = positions[current.position];
    var span = p.since && p.until ? 'the same facts from ' + p.since + ' until ' + p.until
      : p.since ? 'the same facts from ' + p.since + ' on'
      : p.until ? 'the same facts before ' + p.until : 'every date';
    byId('date-text').textContent = p.shown === null
      ? 'no date: every link counts, whatever its dates'
      : p.shown + ' (' + span + ')';
    slider.setAttribute('aria-valuetext', byId('date-text').textContent);
    byId('date-earlier').disabled = current.position === 0;
    byId('date-later').disabled = current.position === positions.length - 1;
    byId('state-link').href = address();

    drawRoutes(list);
    drawBlocked(line.answer === 'no', data.nearest_lists[outcome[4]]);
    drawDiagram();
    if (picked) { showDetails(); }
  }
  function changed() {
    writeAddress();
    render();
  }

  // --- details of a node or a link ----------------------------------------------------
  function element(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined) { e.textContent = text; }
    if (className) { e.className = className; }
    return e;
  }
  function addRow(list, term, value) {
    if (value === '' || value === null || value === undefined) { return; }
    list.appendChild(element('dt', term));
    list.appendChild(element('dd', value));
  }
  function showDetails() {
    var box = byId('details');
    if (!box || !picked) { return; }
    box.textContent = '';
    var list = element('dl');
    if (picked.kind === 'node') {
      var node = data.nodes[picked.index];
      box.appendChild(element('h3', node.label));
      addRow(list, 'Id', node.id);
      addRow(list, 'Kind', node.kind.replace(/_/g, ' '));
      addRow(list, 'Place', node.place);
      addRow(list, 'Tags', node.tags.join(', '));
      box.appendChild(list);
      if (node.note) { box.appendChild(element('p', node.note)); }
      box.appendChild(element('p', shown.nodeOnRoute[picked.index]
        ? 'On a route in this view.' : 'On no route in this view.', 'state'));
      return;
    }
    var edge = data.edges[picked.index];
    box.appendChild(element('h3', data.nodes[edge.from].label + ' → ' + data.nodes[edge.to].label));
    addRow(list, 'Id', edge.id);
    addRow(list, 'How', edge.mechanism.replace(/_/g, ' '));
    addRow(list, 'Status', edge.status);
    addRow(list, 'Carries', edge.carries.join(', '));
    addRow(list, 'Needs', edge.gates.join('; '));
    addRow(list, 'When', edge.when === 'true' ? '' : edge.when);
    addRow(list, 'In force', edge.since || edge.until ? (edge.since ? 'from ' + edge.since : '') +
      (edge.since && edge.until ? ' ' : '') + (edge.until ? 'until ' + edge.until : '') : '');
    addRow(list, 'Likelihood', edge.likelihood);
    box.appendChild(list);
    if (edge.note) { box.appendChild(element('p', edge.note)); }
    var sources = element('p', 'Sources: ');
    citations(sources, edge.sources);
    box.appendChild(sources);
    var count = 0;
    shown.routes.forEach(function (r) { if (data.routes[r].edges.indexOf(picked.index) >= 0) { count++; } });
    var state = count ? 'On ' + count + (count === 1 ? ' route' : ' routes') + ' in this view.'
      : shown.laws[picked.index] ? 'Blocked in this view by a law for every source asked: '
      : has(shown.active, picked.index) ? 'Open in this view, on no route.'
      : 'Off in this view (its condition, dates, evidence or a gate).';
    var line = element('p', state, 'state');
    if (!count && shown.laws[picked.index]) {
      shown.laws[picked.index].forEach(function (law, k) {
        if (k) { line.appendChild(document.createTextNode('; ')); }
        line.appendChild(document.createTextNode(data.laws[law].label + ' '));
        citations(line, data.laws[law].sources);
      });
    }
    box.appendChild(line);
  }

  // --- zoom and pan -------------------------------------------------------------------
  var viewport = byId('viewport');
  var box = null;   // the whole drawing, in its own units (pt)
  var view = null;  // what the viewport shows: x, y, width (height follows the viewport)
  var kActual = 4 / 3;  // pixels per unit at "actual size": 1 pt is 4/3 px
  function scale() { return viewport.clientWidth / view.w; }
  function applyView() {
    var h = view.w * viewport.clientHeight / Math.max(viewport.clientWidth, 1);
    svg.setAttribute('viewBox', [view.x, view.y, view.w, h].join(' '));
    byId('zoom-level').textContent = Math.round(scale() / kActual * 100) + '% of actual size';
  }
  function fitTo(x, y, w, h, most) {
    var aspect = viewport.clientHeight / Math.max(viewport.clientWidth, 1);
    var width = Math.max(w, h / aspect);
    if (most) { width = Math.max(width, viewport.clientWidth / (most * kActual)); }
    view = { x: x + w / 2 - width / 2, y: y + h / 2 - width * aspect / 2, w: width };
    applyView();
  }
  function fit() { fitTo(box.x, box.y, box.width, box.height, 0); }
  function actualSize() {
    var centreX = view.x + view.w / 2;
    var centreY = view.y + view.w * viewport.clientHeight / Math.max(viewport.clientWidth, 1) / 2;
    var width = viewport.clientWidth / kActual;
    view = { x: centreX - width / 2, y: centreY - width * viewport.clientHeight / viewport.clientWidth / 2, w: width };
    applyView();
  }
  function toDrawing(clientX, clientY) {
    var r = viewport.getBoundingClientRect();
    return { x: view.x + (clientX - r.left) / scale(), y: view.y + (clientY - r.top) / scale() };
  }
  function zoomAt(factor, clientX, clientY) {
    var p = toDrawing(clientX, clientY);
    var width = Math.min(Math.max(view.w / factor, 20), Math.max(box.width, box.height) * 4);
    var f = view.w / width;
    view = { x: p.x - (p.x - view.x) / f, y: p.y - (p.y - view.y) / f, w: width };
    applyView();
  }
  function zoomCentre(factor) {
    var r = viewport.getBoundingClientRect();
    zoomAt(factor, r.left + r.width / 2, r.top + r.height / 2);
  }
  function showRoute(r) {
    var rects = [];
    data.routes[r].edges.concat([]).forEach(function (e) {
      if (edgeElements[e]) { rects.push(edgeElements[e].getBoundingClientRect()); }
    });
    data.routes[r].nodes.forEach(function (n) {
      if (nodeElements[n]) { rects.push(nodeElements[n].getBoundingClientRect()); }
    });
    if (!rects.length) { return; }
    var left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
    rects.forEach(function (q) {
      left = Math.min(left, q.left); top = Math.min(top, q.top);
      right = Math.max(right, q.right); bottom = Math.max(bottom, q.bottom);
    });
    var a = toDrawing(left, top), b = toDrawing(right, bottom);
    var margin = 20;
    fitTo(a.x - margin, a.y - margin, b.x - a.x + 2 * margin, b.y - a.y + 2 * margin, 1.5);
  }
  function choose(r) {
    selected = selected === r ? -1 : r;
    render();
    if (selected >= 0 && svg) { showRoute(selected); }
  }
  function pick(target) {
    var g = target && target.closest ? target.closest('g.node, g.edge') : null;
    if (g && nodeAt.has(g.id)) {
      picked = { kind: 'node', index: nodeAt.get(g.id) };
    } else if (g && edgeAt.has(g.id)) {
      picked = { kind: 'edge', index: edgeAt.get(g.id) };
    } else {
      return;
    }
    drawDiagram();
    showDetails();
  }

  if (svg) {
    var base = svg.viewBox.baseVal;
    box = { x: base.x, y: base.y, width: base.width, height: base.height };
    fit();
    var pointers = new Map();
    var start = null;
    viewport.addEventListener('pointerdown', function (event) {
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      if (pointers.size === 1) {
        start = { x: event.clientX, y: event.clientY, target: event.target, moved: false };
      }
      try { viewport.setPointerCapture(event.pointerId); } catch (e) { /* a synthetic pointer */ }
    });
    viewport.addEventListener('pointermove', function (event) {
      if (!pointers.has(event.pointerId)) { return; }
      var before = pointers.get(event.pointerId);
      if (pointers.size === 1) {
        var dx = event.clientX - before.x, dy = event.clientY - before.y;
        if (start && Math.abs(event.clientX - start.x) + Math.abs(event.clientY - start.y) > 4) {
          start.moved = true;
          viewport.classList.add('dragging');
        }
        view.x -= dx / scale();
        view.y -= dy / scale();
        applyView();
      } else if (pointers.size === 2) {
        var other = null;
        pointers.forEach(function (p, id) { if (id !== event.pointerId) { other = p; } });
        var was = Math.hypot(before.x - other.x, before.y - other.y);
        var now = Math.hypot(event.clientX - other.x, event.clientY - other.y);
        if (was > 0) {
          zoomAt(now / was, (event.clientX + other.x) / 2, (event.clientY + other.y) / 2);
        }
        if (start) { start.moved = true; }
      }
      pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    });
    function release(event) {
      if (!pointers.has(event.pointerId)) { return; }
      pointers.delete(event.pointerId);
      viewport.classList.remove('dragging');
      if (pointers.size === 0 && start && !start.moved && event.type === 'pointerup') {
        pick(start.target);
      }
      if (pointers.size === 0) { start = null; }
    }
    viewport.addEventListener('pointerup', release);
    viewport.addEventListener('pointercancel', release);
    viewport.addEventListener('wheel', function (event) {
      event.preventDefault();
      zoomAt(Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.002)),
        event.clientX, event.clientY);
    }, { passive: false });
    viewport.addEventListener('keydown', function (event) {
      var step = 60 / scale();
      if (event.key === '+' || event.key === '=') { zoomCentre(1.25); }
      else if (event.key === '-') { zoomCentre(0.8); }
      else if (event.key === '0') { fit(); }
      else if (event.key === 'ArrowLeft') { view.x -= step; applyView(); }
      else if (event.key === 'ArrowRight') { view.x += step; applyView(); }
      else if (event.key === 'ArrowUp') { view.y -= step; applyView(); }
      else if (event.key === 'ArrowDown') { view.y += step; applyView(); }
      else { return; }
      event.preventDefault();
    });
    byId('zoom-in').addEventListener('click', function () { zoomCentre(1.25); });
    byId('zoom-out').addEventListener('click', function () { zoomCentre(0.8); });
    byId('zoom-fit').addEventListener('click', fit);
    byId('zoom-actual').addEventListener('click', actualSize);
    window.addEventListener('resize', applyView);
  }

  // --- controls -----------------------------------------------------------------------
  document.querySelectorAll('input[data-toggle]').forEach(function (input) {
    input.addEventListener('change', function () {
      current.values[Number(input.getAttribute('data-toggle'))] = input.checked;
      changed();
    });
  });
  byId('date').addEventListener('input', function () {
    current.position = Number(byId('date').value);
    changed();
  });
  byId('date-earlier').addEventListener('click', function () {
    if (current.position > 0) { current.position--; changed(); }
  });
  byId('date-later').addEventListener('click', function () {
    if (current.position < positions.length - 1) { current.position++; changed(); }
  });
  byId('reset').addEventListener('click', function () {
    current = { values: initialValues.slice(), position: data.initial_position };
    selected = -1;
    byId('state-error').hidden = true;
    changed();
  });
  window.addEventListener('hashchange', function () { readAddress(); render(); });
  readAddress();
  render();
  document.documentElement.setAttribute('data-ready', 'true');
})();
)js";

}  // namespace flowsim::io
