import { createHash } from 'node:crypto';
import { KIT_CSS } from './components/kit-css.js';

/** Inline stylesheet of the HTML report (no external fonts or images): the shared components' CSS, then the page's. */
export const HTML_CSS = `${KIT_CSS}
:root{--bg:#fff;--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--card:#f6f8fa;
--critical:#a40e26;--high:#d1242f;--medium:#9a6700;--low:#0969da;--info:#656d76;--kw-line:var(--line);--kw-muted:var(--muted)}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#8d96a0;--line:#30363d;--card:#161b22;
--critical:#ff7b72;--high:#ffa198;--medium:#d29922;--low:#58a6ff;--info:#8d96a0;--kw-line:var(--line);--kw-muted:var(--muted)}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1200px;padding:24px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg)}
h1{margin:0 0 4px;font-size:24px}h2{font-size:16px;margin:0 0 8px;word-break:break-all}
.meta,small,.path{color:var(--muted)}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:20px 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:110px}
.card .n{display:block;font-size:24px;font-weight:600}
.card-wide{flex:1 1 320px}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:center;padding:12px;border:1px solid var(--line);border-radius:8px;margin-bottom:20px;position:sticky;top:0;background:var(--bg)}
.filters input[type=search]{min-width:240px;padding:4px 8px}
section.obj{border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin-bottom:16px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-top:1px solid var(--line)}
th{font-size:12px;color:var(--muted);border-top:0}
a{color:var(--low)}
details{border-top:1px solid var(--line);padding:8px 0}
summary{cursor:pointer;font-weight:600}
.warn{border-left:4px solid var(--medium);padding:4px 12px;margin:4px 0;background:var(--card)}
[hidden]{display:none!important}
`;

/** Inline script: filters findings by severity, check and search text. Reads only the inline JSON data and the DOM. */
export const HTML_SCRIPT = `(function () {
  var data = JSON.parse(document.getElementById('kubeward-data').textContent);
  var select = document.getElementById('check');
  data.checks.forEach(function (c) {
    var o = document.createElement('option');
    o.value = c.id;
    o.textContent = c.id + ' \\u2014 ' + c.title;
    select.appendChild(o);
  });
  var q = document.getElementById('q');
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input.sev-filter'));
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.f'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('section.obj'));
  var texts = rows.map(function (r) {
    return (r.closest('section.obj').getAttribute('data-label') + ' ' + r.textContent).toLowerCase();
  });
  var shown = document.getElementById('shown');
  function apply() {
    var sev = {};
    boxes.forEach(function (b) { sev[b.value] = b.checked; });
    var check = select.value;
    var term = q.value.trim().toLowerCase();
    var n = 0;
    rows.forEach(function (r, i) {
      var ok = sev[r.getAttribute('data-sev')] && (!check || r.getAttribute('data-check') === check) && (!term || texts[i].indexOf(term) >= 0);
      r.hidden = !ok;
      if (ok) n++;
    });
    groups.forEach(function (g) { g.hidden = !g.querySelector('tr.f:not([hidden])'); });
    shown.textContent = n + ' of ' + rows.length + ' findings shown';
  }
  [q, select].concat(boxes).forEach(function (el) {
    el.addEventListener('input', apply);
    el.addEventListener('change', apply);
  });
  apply();
})();`;

/** Content-Security-Policy that allows exactly the inline script above and nothing from the network. */
export const HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; " +
  `script-src 'sha256-${createHash('sha256').update(HTML_SCRIPT, 'utf8').digest('base64')}'`;
