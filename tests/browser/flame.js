// Drives a generated flame graph SVG in headless chromium: hover shows the
// detail line, a click zooms (ancestors full width, siblings hidden, the
// frame rescaled), a search typed into the prompt highlights matches and
// reports "Matched", Reset restores the layout.  Prints "ok" or throws.
// usage: node flame.js FILE.svg EXPECTED_MATCH_PERCENT EXPECTED_MATCHES
const { chromium } = require('playwright-core');

async function main() {
	const [file, wantPct, wantCount] = process.argv.slice(2);
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic',
		       '--no-first-run', '--disable-background-networking',
		       '--disable-component-update', '--disable-sync'],
	});
	try {
		const page = await browser.newPage({ viewport: { width: 1300, height: 1200 } });
		await page.goto('file://' + file);
		const geo = (name) => page.evaluate((n) => {
			const out = [];
			for (const g of document.querySelectorAll('#pvf-frames g')) {
				const t = g.firstElementChild.textContent.split('\n')[0];
				if (t !== n) continue;
				const r = g.children[1];
				out.push({ x: +r.getAttribute('x'), w: +r.getAttribute('width'),
					   shown: g.getBoundingClientRect().width > 0 });
			}
			return out;
		}, name);
		const before = await geo('run_hanoi');
		if (before.length !== 1) throw new Error('run_hanoi frames: ' + before.length);
		const sib0 = await geo('run_fib');
		if (!sib0[0].shown) throw new Error('run_fib hidden before zoom');

		// hover: the detail line
		const target = page.locator('#pvf-frames g', { hasText: 'run_hanoi' }).last();
		const rect = target.locator(':scope > rect');
		await rect.hover();
		const det = await page.textContent('#pvf-details');
		if (!/run_hanoi.*recursion\.py:\d+.*samples/.test(det))
			throw new Error('detail line: ' + det);

		// click: zoom
		await rect.click();
		const after = await geo('run_hanoi');
		const iw = await page.evaluate(() => +document.getElementById('pvf').getAttribute('data-iw'));
		if (Math.abs(after[0].w - iw) > 0.02 || Math.abs(after[0].x - 10) > 0.02)
			throw new Error('zoomed frame not full width: ' + JSON.stringify(after));
		const sib = await geo('run_fib');
		if (sib[0].shown) throw new Error('sibling run_fib still shown after zoom');
		const anc = await geo('main');
		if (!anc[0].shown || Math.abs(anc[0].w - iw) > 0.02)
			throw new Error('ancestor main not kept: ' + JSON.stringify(anc));
		const hanoi = await geo('hanoi');
		const shown = hanoi.filter((h) => h.shown);
		if (!shown.length || shown[0].w < before[0].w)
			throw new Error('children not rescaled');
		const reset = await page.evaluate(() => getComputedStyle(document.getElementById('pvf-reset')).opacity);
		if (reset !== '1') throw new Error('reset control not shown');

		// search through the real UI: button, then the prompt
		page.once('dialog', (d) => d.accept('^(fib|hanoi)$'));
		await page.click('#pvf-search');
		const matched = await page.textContent('#pvf-matched');
		const count = await page.evaluate(() => document.querySelectorAll('#pvf-frames g.m').length);
		const m = /Matched: ([0-9.]+)% \((\d+) frames\)/.exec(matched);
		if (!m) throw new Error('matched text: ' + matched);
		if (m[1] !== wantPct) throw new Error('matched ' + m[1] + '%, expected ' + wantPct);
		if (+m[2] !== count || count !== +wantCount)
			throw new Error('highlighted ' + count + ', text ' + m[2] + ', expected ' + wantCount);
		const fill = await page.evaluate(() => getComputedStyle(document.querySelector('#pvf-frames g.m > rect')).fill);
		if (fill !== 'rgb(224, 64, 208)') throw new Error('match not highlighted: ' + fill);

		// Ctrl-F opens the search too (a second press clears first)
		page.once('dialog', (d) => d.accept('is_even'));
		await page.keyboard.press('Control+f');
		const m2 = await page.textContent('#pvf-matched');
		if (!/Matched: /.test(m2) || m2 === matched) throw new Error('Ctrl-F search: ' + m2);

		// reset
		await page.click('#pvf-reset');
		const back = await geo('run_hanoi');
		if (Math.abs(back[0].x - before[0].x) > 0.011 || Math.abs(back[0].w - before[0].w) > 0.011)
			throw new Error('reset did not restore: ' + JSON.stringify([before, back]));
		if (!(await geo('run_fib'))[0].shown) throw new Error('run_fib hidden after reset');
		console.log('ok: zoom, hover, search (' + matched + '), Ctrl-F, reset');
	} finally {
		await browser.close();
	}
}
main().catch((e) => { console.error('FAIL: ' + e.message); process.exit(1); });
