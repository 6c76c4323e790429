(function () {
"use strict";
/* Flame graph behaviour: hover details, click zoom, regex search.
 * Everything is looked up under the graph's own id, so several graphs can
 * share one HTML page.  Zoom and search touch only the frames whose
 * geometry or colour changes; labels are rewritten only when their text
 * changes. */
var P = "@PREFIX@";
var svg = document.getElementById(P);
var frames = document.getElementById(P + "-frames");
var details = document.getElementById(P + "-details");
var matched = document.getElementById(P + "-matched");
var resetBtn = document.getElementById(P + "-reset");
var searchBtn = document.getElementById(P + "-search");
var NS = "http://www.w3.org/2000/svg";
var X0 = +svg.getAttribute("data-x0"), IW = +svg.getAttribute("data-iw");
var MINW = +svg.getAttribute("data-minw");
var FH = +svg.getAttribute("data-fh"), CW = 12 * 0.59;
var START = svg.getAttribute("data-trunc") === "start";
var root = frames.firstElementChild;
var hidden = [], marks = [], lastTerm = "";

function val(g) {
	if (!g.pv) {
		var v = g.getAttribute("data-v").split(" ");
		g.pv = { s: +v[0], n: +v[1] };
	}
	return g.pv;
}
function kids(g) {
	var out = [];
	for (var c = g.firstElementChild; c; c = c.nextElementSibling)
		if (c.tagName === "g")
			out.push(c);
	return out;
}
function frameOf(e) {
	while (e && e !== frames) {
		if (e.tagName === "g")
			return e;
		e = e.parentNode;
	}
	return null;
}
function nameOf(g) {
	var t = g.firstElementChild.textContent, i = t.indexOf("\n");
	return i < 0 ? t : t.slice(0, i);
}
function fit(name, w) {
	var n;
	if (w < 3 * CW)
		return "";
	n = Math.floor((w - 4) / CW);
	if (n >= name.length)
		return name;
	if (n < 3)
		return "";
	n -= 2;
	return START ? ".." + name.slice(name.length - n) :
		name.slice(0, n) + "..";
}
function place(g, x, w) {
	var r = g.children[1], t = g.children[2], s = fit(nameOf(g), w);
	var xs = x.toFixed(2), ws = w.toFixed(2);
	if (r.getAttribute("x") !== xs)
		r.setAttribute("x", xs);
	if (r.getAttribute("width") !== ws)
		r.setAttribute("width", ws);
	if (t && t.tagName !== "text")
		t = null;
	if (!t) {
		if (!s)
			return;
		t = document.createElementNS(NS, "text");
		t.setAttribute("y", (+r.getAttribute("y") + FH - 4).toFixed(2));
		g.insertBefore(t, g.children[2] || null);
	}
	if (t.getAttribute("x") !== (x + 3).toFixed(2))
		t.setAttribute("x", (x + 3).toFixed(2));
	if (t.textContent !== s)
		t.textContent = s;
}
function show(g, on) {
	var d = on ? "" : "none";
	if (g.style.display !== d)
		g.style.display = d;
}
function layout(g, s0, scale) {
	var st = [g], e, v, w, k, i;
	while (st.length) {
		e = st.pop();
		v = val(e);
		w = v.n * scale;
		if (w < MINW) {
			show(e, false);
			continue;
		}
		show(e, true);
		place(e, X0 + (v.s - s0) * scale, w);
		k = kids(e);
		for (i = 0; i < k.length; i++)
			st.push(k[i]);
	}
}
function zoom(g) {
	var i, a, sib, v = val(g);
	for (i = 0; i < hidden.length; i++)
		show(hidden[i], true);
	hidden = [];
	for (a = g; a !== root; a = a.parentNode) {
		sib = kids(a.parentNode);
		for (i = 0; i < sib.length; i++) {
			if (sib[i] !== a && sib[i].style.display !== "none") {
				show(sib[i], false);
				hidden.push(sib[i]);
			}
		}
		if (a.parentNode !== g)
			place(a.parentNode, X0, IW);
	}
	layout(g, v.s, IW / Math.max(v.n, 1));
	svg.setAttribute("data-zoomed", g === root ? "" : nameOf(g));
	resetBtn.style.opacity = g === root ? "0" : "1";
}
function search(term) {
	var all, i, g, v, end = -1, sum = 0, re;
	for (i = 0; i < marks.length; i++)
		marks[i].removeAttribute("class");
	marks = [];
	lastTerm = term || "";
	if (!term) {
		matched.textContent = "";
		searchBtn.textContent = "Search";
		return;
	}
	try {
		re = new RegExp(term);
	} catch (e) {
		matched.textContent = "Invalid regex: " + term;
		return;
	}
	all = frames.getElementsByTagName("g");
	for (i = 0; i < all.length; i++) {
		g = all[i];
		if (!re.test(nameOf(g)))
			continue;
		g.setAttribute("class", "m");
		marks.push(g);
		v = val(g);
		/* preorder: a match inside a counted one is already counted */
		if (v.s >= end) {
			sum += v.n;
			end = v.s + v.n;
		}
	}
	matched.textContent = "Matched: " +
		(100 * sum / Math.max(val(root).n, 1)).toFixed(2) + "% (" +
		marks.length + " frames)";
	searchBtn.textContent = "Clear search";
}
function ask() {
	var term;
	if (lastTerm) {
		search("");
		return;
	}
	term = window.prompt("Search frames (regular expression)", lastTerm);
	if (term !== null)
		search(term);
}
frames.addEventListener("click", function (e) {
	var g = frameOf(e.target);
	if (g)
		zoom(g);
});
frames.addEventListener("mouseover", function (e) {
	var g = frameOf(e.target);
	if (g)
		details.textContent =
			g.firstElementChild.textContent.replace(/\n/g, "  |  ");
});
frames.addEventListener("mouseout", function () {
	details.textContent = " ";
});
resetBtn.addEventListener("click", function () { zoom(root); });
searchBtn.addEventListener("click", ask);
/* Ctrl-F searches the first graph of a page; Escape resets it */
if (!document.pvFlameKeys) {
	document.pvFlameKeys = true;
	document.addEventListener("keydown", function (e) {
		if ((e.ctrlKey || e.metaKey) && (e.key === "f" || e.key === "F")) {
			e.preventDefault();
			lastTerm = "";
			ask();
		} else if (e.key === "Escape") {
			zoom(root);
			search("");
		}
	});
}
svg.pvFlame = { zoom: zoom, search: search, reset: function () {
	zoom(root);
} };
})();
