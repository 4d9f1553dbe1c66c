/**
 * The one stylesheet of the shared components (severity badges and counts, scores, framework bars and controls,
 * finding rows and details). The HTML report inlines it in its <style>; the dashboard's build (ui/vite.config.ts)
 * serves it as the CSS module `virtual:kit.css`, so a finding looks the same in both. Only classes the components
 * emit, and the palette under `--kw-*` (each face keeps its own page colours).
 */
export const KIT_CSS = `
:root{--kw-critical:#8b0000;--kw-high:#c2410c;--kw-medium:#a16207;--kw-low:#1d4ed8;--kw-info:#4b5563;
--kw-pass:#15803d;--kw-fail:#b91c1c;--kw-none:#9ca3af;--kw-line:#d5dae0;--kw-muted:#59636e}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.sev{display:inline-block;min-width:4.6em;text-align:center;font-size:.75rem;font-weight:700;text-transform:uppercase;border-radius:4px;padding:0 .3em;color:#fff}
.sev-critical,.fill-critical{background:var(--kw-critical);fill:var(--kw-critical)}
.sev-high,.fill-high{background:var(--kw-high);fill:var(--kw-high)}
.sev-medium,.fill-medium{background:var(--kw-medium);fill:var(--kw-medium)}
.sev-low,.fill-low{background:var(--kw-low);fill:var(--kw-low)}
.sev-info,.fill-info{background:var(--kw-info);fill:var(--kw-info)}
.fill-pass{fill:var(--kw-pass)}.fill-fail{fill:var(--kw-fail)}.fill-none{fill:var(--kw-none)}
.sev-bar,.fw-bar{width:100%;height:8px;display:block;border-radius:3px;margin:.35rem 0}
.fw-bar{max-width:30rem}
.sev-list{display:flex;flex-wrap:wrap;gap:.2rem .9rem;list-style:none;padding:0;margin:.25rem 0;font-size:.9rem}
.dot{display:inline-block;width:.65rem;height:.65rem;border-radius:50%;margin-right:.25rem}
.score{display:inline-block;min-width:2.6em;text-align:center;font-weight:700;font-size:1.2rem;border-radius:6px;padding:.1em .4em;color:#fff}
.score-good{background:var(--kw-pass)}.score-mid{background:var(--kw-medium)}.score-bad{background:var(--kw-fail)}.score-none{background:var(--kw-none)}
table.controls,table.findings-table{border-collapse:collapse;width:100%}
table.controls th,table.controls td,table.findings-table th,table.findings-table td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-top:1px solid var(--kw-line)}
.control-failed td.status{color:var(--kw-fail);font-weight:600}
.control-passed td.status{color:var(--kw-pass)}
.control-not-evaluated td.status{color:var(--kw-muted)}
tr.f td.pos{white-space:nowrap;font-family:ui-monospace,monospace}
tr.f .title{font-size:.85em;color:var(--kw-muted)}
.fd .path,.fd .ev{font-family:ui-monospace,monospace;font-size:.8rem;word-break:break-all;color:var(--kw-muted)}
.fd .ev code{color:inherit}
.fd .fix{margin-top:.2rem}
`;
