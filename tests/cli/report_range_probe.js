/* Injected at the end of a copy of the report by t1003: drags a range
 * across the timeline and then across the heatmap, the way a mouse does
 * (mousedown, mousemove, mouseup at client coordinates), and writes what
 * the page then shows as JSON into a pre element (id pv-test-result). */
(function () {
  var r = { errors: window.__pvErrors || [] };
  function mouse(target, type, p) {
    target.dispatchEvent(new MouseEvent(type, { bubbles: true, button: 0,
      clientX: p.x, clientY: p.y }));
  }
  function client(svg, x, y) {
    var p = svg.createSVGPoint();
    p.x = x;
    p.y = y;
    return p.matrixTransform(svg.getScreenCTM());
  }
  function state() {
    var bar = document.getElementById('pv-range');
    var s = {
      from: bar.getAttribute('data-from'),
      to: bar.getAttribute('data-to'),
      cmd: document.getElementById('pv-range-cmd').textContent,
      text: document.getElementById('pv-range-text').textContent,
      flameShown: document.getElementById('pv-flame').style.display !== 'none',
      frames: [], rows: []
    };
    var fr = document.getElementById('pv-flame-range');
    if (fr) {
      s.total = Number(fr.getAttribute('data-total'));
      Array.prototype.forEach.call(fr.querySelectorAll('g[data-v]'),
        function (g) {
          s.frames.push([g.querySelector('title').textContent.split('\n')[0],
            Number(g.getAttribute('data-v').split(' ')[1])]);
        });
    }
    Array.prototype.forEach.call(document.getElementById('pv-top')
      .tBodies[0].rows, function (tr) {
        s.rows.push([tr.cells[0].textContent, tr.cells[1].textContent,
          Number(tr.cells[2].getAttribute('data-v')),
          Number(tr.cells[4].getAttribute('data-v'))]);
      });
    return s;
  }
  try {
    r.before = state();
    var tl = document.getElementById('pv-timeline');
    var px = Number(tl.getAttribute('data-px'));
    var pw = Number(tl.getAttribute('data-pw'));
    var t0 = Number(tl.getAttribute('data-t0'));
    var t1 = Number(tl.getAttribute('data-t1'));
    var y = Number(tl.getAttribute('height')) / 2;
    function x(t) { return px + (t - t0) / (t1 - t0) * pw; }
    var a = t0 + 0.3 * (t1 - t0), b = t0 + 0.55 * (t1 - t0);
    mouse(tl, 'mousedown', client(tl, x(a), y));
    mouse(tl, 'mousemove', client(tl, x((a + b) / 2), y));
    mouse(tl, 'mousemove', client(tl, x(b), y));
    mouse(window, 'mouseup', client(tl, x(b), y));
    r.dragged = [a, b];
    r.timeline = state();
    r.bands = document.querySelectorAll('#pv-timeline .pv-band').length;

    document.getElementById('pv-range-clear')
      .dispatchEvent(new MouseEvent('click', { bubbles: true }));
    r.cleared = state();

    var hm = document.getElementById('pv-heatmap');
    var H = {};
    ['t0', 'column', 'rows', 'px', 'py', 'cw', 'ch'].forEach(function (k) {
      H[k] = Number(hm.getAttribute('data-' + k));
    });
    /* from the middle of cell (0, 10) to the middle of cell (1, 5) */
    var p0 = client(hm, H.px + 0.5 * H.cw, H.py + 10.5 * H.ch);
    var p1 = client(hm, H.px + 1.5 * H.cw, H.py + 5.5 * H.ch);
    mouse(hm, 'mousedown', p0);
    mouse(hm, 'mousemove', p1);
    mouse(window, 'mouseup', p1);
    r.heatCells = [H.t0 + 10 * H.column / H.rows,
                   H.t0 + H.column + 6 * H.column / H.rows];
    r.heatmap = state();
  } catch (e) {
    r.errors.push('probe: ' + e + ' ' + e.stack);
  }
  var pre = document.createElement('pre');
  pre.id = 'pv-test-result';
  pre.textContent = JSON.stringify(r);
  document.body.appendChild(pre);
})();
