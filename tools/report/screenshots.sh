#!/usr/bin/env bash
# Renders a report's pages and figures in headless Chromium, to look at what a reader sees:
#   tools/report/screenshots.sh REPORT_DIR [OUT_DIR]
# writes OUT_DIR/report-top.png (the first screen of report.html), OUT_DIR/report-full.png (the whole page, tall)
# and OUT_DIR/figures/NAME.png for every figures/NAME.svg, at the SVG's own size. OUT_DIR defaults to
# REPORT_DIR/screenshots. Needs Chromium (Debian: apt-get install -y chromium).
set -euo pipefail
report=${1:?usage: tools/report/screenshots.sh REPORT_DIR [OUT_DIR]}
out=${2:-$report/screenshots}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z "$browser" ]]; then
  echo "screenshots.sh: no Chromium found; install it (Debian: apt-get install -y chromium)" >&2
  exit 3
fi
if [[ ! -f "$report/report.html" ]]; then
  echo "screenshots.sh: $report/report.html not found; run the audit first" >&2
  exit 2
fi
report=$(cd "$report" && pwd)
mkdir -p "$out/figures"
out=$(cd "$out" && pwd)
shoot() { # URL WIDTH HEIGHT FILE
  "$browser" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$2,$3" --screenshot="$4" "$1" >/dev/null 2>&1
}
shoot "file://$report/report.html" 1280 1600 "$out/report-top.png"
shoot "file://$report/report.html" 1280 16000 "$out/report-full.png"
count=0
for svg in "$report"/figures/*.svg; do
  [[ -e "$svg" ]] || continue
  # The SVG's own width and height (ScottPlot writes them on the root element).
  read -r w h < <(python3 -c 'import re,sys; s=open(sys.argv[1]).read(2000); w=re.search(r"width=\"([0-9.]+)",s); h=re.search(r"height=\"([0-9.]+)",s); print(int(float(w.group(1))) if w else 900, int(float(h.group(1))) if h else 600)' "$svg")
  shoot "file://$svg" "$w" "$h" "$out/figures/$(basename "${svg%.svg}").png"
  count=$((count + 1))
done
echo "screenshots.sh: $count figures and 2 page views in $out"
