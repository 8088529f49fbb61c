/**
 * The app's only stylesheet and script, served from /static/ (CSP allows 'self' only: no
 * inline style or script anywhere). The script only enhances: the pages work without it.
 */
export const APP_CSS = `
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2433;background:#fff}
a{color:#0b4fa8}a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #c2185b;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:8px;z-index:2}.skip:focus{left:8px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header.top{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center;padding:8px 24px;background:#f1f4f9;border-bottom:2px solid #d8dee9}
header.top .brand{font-weight:700;margin:0}header.top nav ul{list-style:none;display:flex;gap:16px;margin:0;padding:0}
header.top nav a[aria-current]{font-weight:700;text-decoration-thickness:3px}
header.top form{margin:0}.account{margin:0 0 0 auto}
main{padding:8px 24px 32px;max-width:1400px}main:focus{outline:none}
footer{padding:8px 24px;color:#4a5263;border-top:1px solid #d8dee9;font-size:14px}
h1{font-size:26px;margin:12px 0}h2{font-size:20px;margin:24px 0 8px}
table{border-collapse:collapse;margin:8px 0 16px;font-size:14px}caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border:1px solid #c9d1de;padding:4px 8px;text-align:left;vertical-align:top}thead th{background:#eef2f8}
tr:target{background:#fff6c7}
.scroll{overflow-x:auto;max-width:100%}
.meta{color:#4a5263;font-size:13px}
.warn{background:#fff3e0;border-left:4px solid #b35c00;padding:4px 8px}
.error{background:#fdecea;border-left:4px solid #b3261e;padding:4px 8px}
.notice{background:#e8f5e9;border-left:4px solid #1b5e20;padding:4px 8px}
.counts{display:flex;gap:24px;list-style:none;padding:0}
table.grid td{text-align:center;min-width:56px;font-variant-numeric:tabular-nums}
.grid td.empty{background:#fafbfc}
.grid tbody.others th[scope=colgroup]{text-align:left;background:#f4f6fa;border-top:2px solid #4a5263}.grid tr.unaligned th{font-weight:normal;font-style:italic}
.v1{background:#f9c6c0}.v2{background:#fbd9b0}.v3{background:#fdf0b3}.v4{background:#dcefc4}.v5{background:#b7e0a5}.v6{background:#8fcf86}.vna{background:#e6e9ef}
.legend span{display:inline-block;padding:0 10px;margin-right:4px;border:1px solid #c9d1de}
th.fwchange{border-left:4px solid #6a1b9a}
svg.spark polyline{fill:none;stroke:#0b4fa8;stroke-width:2}svg.spark circle{fill:#0b4fa8}
svg.trend{background:#fbfcfe;border:1px solid #d8dee9;max-width:100%;height:auto}
svg .grid{stroke:#e6eaf1}svg .year{stroke:#c9d1de;stroke-dasharray:3 3}svg .axis{font-size:11px;fill:#4a5263}
svg circle.src{fill:#5f6f8f}svg line.range{stroke:#5f6f8f;stroke-width:3;opacity:.55}
svg polyline.rollup{fill:none;stroke:#0b4fa8;stroke-width:2.5}svg circle.rollup{fill:#0b4fa8;stroke:#fff;stroke-width:1.5}
svg a:focus circle{stroke:#c2185b;stroke-width:3}
.dir-up{color:#1b5e20}.dir-down{color:#b3261e}
dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dl.fields dt{font-weight:600}dl.fields dd{margin:0}
pre.passage{white-space:pre-wrap;background:#f7f8fa;border:1px solid #d8dee9;padding:8px;font-size:14px}
pre.passage mark{background:#ffe066;color:#1d2433;outline:2px solid #c2185b}
figure.page img{max-width:100%;height:auto;border:1px solid #c9d1de;display:block;margin-top:4px}figure.page.full img{max-width:none}
input,select,button{font:inherit}button{cursor:pointer}
form.decide,form.link{display:flex;gap:4px;flex-wrap:wrap;align-items:center}
`;

/**
 * Enhancements only: a page image gets a button that toggles it between fitting the window
 * and its full size (the button is added by the script, so nobody without scripts sees a
 * button that does nothing). Nothing submits on its own (WCAG 3.2.2: a choice does not
 * change the page until the person presses the button).
 */
export const APP_JS = `
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("figure.page").forEach(function (figure) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "Show the page at full size";
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () {
      var full = figure.classList.toggle("full");
      button.setAttribute("aria-pressed", full ? "true" : "false");
    });
    figure.insertBefore(button, figure.firstChild);
  });
});
`;
