/* Injected at the end of a copy of the report by t0602: exercises the page
 * the way a user would (clicks, typing) and writes what happened as JSON
 * into a pre element (id pv-test-result) for the test to read. */
(function () {
  var r = { errors: window.__pvErrors || [] };
  function txt(row, k) { return row.cells[k].textContent; }
  function val(row, k) { return Number(row.cells[k].getAttribute('data-v')); }
  function click(e) {
    e.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  }
  try {
    var t = document.getElementById('pv-top');
    var th = t.tHead.rows[0].cells, rows;
    click(th[0]);
    rows = Array.prototype.slice.call(t.tBodies[0].rows);
    r.byName = rows.map(function (x) { return txt(x, 0); });
    r.nameSort = th[0].getAttribute('aria-sort');
    click(th[4]);
    rows = Array.prototype.slice.call(t.tBodies[0].rows);
    r.byTotal = rows.map(function (x) { return val(x, 4); });
    r.totalSort = th[4].getAttribute('aria-sort');
    click(th[4]);
    rows = Array.prototype.slice.call(t.tBodies[0].rows);
    r.byTotalAgain = rows.map(function (x) { return val(x, 4); });
    /* peek: a click on a function shows its callers and callees */
    /* the heaviest row: rows are by total, ascending, here */
    var prow = rows[rows.length - 1], box = document.getElementById('pv-peek');
    r.peekHiddenBefore = box.hidden;
    click(prow.cells[0]);
    r.peek = {
      name: txt(prow, 0), where: txt(prow, 1),
      selected: prow.classList.contains('sel'), hidden: box.hidden,
      heading: box.querySelector('h3').textContent
    };
    ['callers', 'callees'].forEach(function (k) {
      var t = box.querySelector('table.' + k);
      r.peek[k] = Array.prototype.slice.call(t.rows, 1).filter(function (x) {
        return x.cells.length === 4;
      }).map(function (x) {
        return [x.cells[2].textContent, Number(x.cells[0].textContent)];
      });
    });
    var f = document.getElementById('pv-filter');
    r.all = rows.map(function (x) { return txt(x, 0) + ' ' + txt(x, 1); });
    r.query = txt(rows[rows.length - 1], 0).slice(0, 4).toLowerCase();
    f.value = r.query;
    f.dispatchEvent(new Event('input'));
    r.filtered = rows.filter(function (x) {
      return x.style.display !== 'none';
    }).map(function (x) { return txt(x, 0) + ' ' + txt(x, 1); });

    var svg = document.getElementById('pv-flame');
    var W = Number(svg.getAttribute('data-iw'));
    var root = document.getElementById('pv-flame-frames').firstElementChild;
    var frs = Array.prototype.slice.call(
      document.querySelectorAll('#pv-flame-frames g'));
    var pick = null, pw = Infinity;
    frs.forEach(function (g) {
      var w = Number(g.querySelector('rect').getAttribute('width'));
      if (g !== root && w > 20 && w < W - 5 && w < pw) { pick = g; pw = w; }
    });
    r.flameFrames = frs.length;
    r.flameWidth = W;
    if (pick) {
      var z = pick.querySelector('rect');
      r.clickedWidth = pw;
      click(z);
      r.zoomAttr = svg.getAttribute('data-zoomed');
      r.clicked = pick.querySelector('title').textContent.split('\n')[0];
      r.zoomedWidth = Number(z.getAttribute('width'));
      click(document.getElementById('pv-flame-reset'));
      r.resetZoom = svg.getAttribute('data-zoomed');
      r.resetWidth = Number(z.getAttribute('width'));
    }
    var tree = document.getElementById('pv-tree');
    r.treeNodes = tree.querySelectorAll('details').length;
    var closed = tree.querySelector('details:not([open]):not(.leaf)');
    if (closed) {
      closed.open = true;
      closed.dispatchEvent(new Event('toggle'));
      r.openedKids = closed.querySelectorAll(':scope > details').length;
    }
    r.memory = !!document.querySelector('#memory svg.pv-memory');
    /* every navigation link leads to a section that is drawn */
    r.nav = Array.prototype.map.call(document.querySelectorAll('nav a'),
      function (a) {
        var el = document.getElementById(a.getAttribute('href').slice(1));
        return [a.getAttribute('href'), !!el && el.offsetHeight > 0];
      });
  } catch (e) {
    r.errors.push('probe: ' + e);
  }
  var pre = document.createElement('pre');
  pre.id = 'pv-test-result';
  pre.textContent = JSON.stringify(r);
  document.body.appendChild(pre);
})();
