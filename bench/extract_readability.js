// Mozilla Readability (npm @mozilla/readability, with jsdom) over HTML
// files, for bench/extract.sh: the textContent of parse() per page.
// usage: NODE_PATH=DIR/node_modules node extract_readability.js OUT.json FILE...
// Writes {key: text} to OUT.json; prints "pages bytes seconds" on stderr.
'use strict';
const fs = require('fs'), zlib = require('zlib');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');

const quiet = new VirtualConsole(); // page scripts and CSS errors say nothing
const out = {};
let pages = 0, size = 0;
const t0 = process.hrtime.bigint();
for (const path of process.argv.slice(3)) {
	let html = fs.readFileSync(path);
	if (path.endsWith('.gz'))
		html = zlib.gunzipSync(html);
	size += html.length;
	const dom = new JSDOM(html.toString('utf8'), { virtualConsole: quiet });
	const article = new Readability(dom.window.document).parse();
	out[path.split('/').pop().split('.')[0]] = article ? article.textContent : '';
	dom.window.close();
	pages++;
}
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
fs.writeFileSync(process.argv[2], JSON.stringify(out));
console.error(`${pages} ${size} ${secs.toFixed(3)}`);
