#!/usr/bin/env bash
# Other producers' renderings of the two reports, scored against the gold: the check that the
# readers hold on files nobody here made. From the re-created reports' HTML (in the shared
# corpus, not copied here) it makes, with whichever of these tools the machine has:
#   chromium      the HTML printed to PDF by a browser (vector bullets, rows split over pages)
#   libreoffice   the HTML exported to PDF directly (no Word step)
#   pandoc        the HTML as a DOCX, and that DOCX printed to PDF by LibreOffice
#   pdftotext     the browser's PDF as text: default, -raw and -layout
# then ingests each set into a throw-away store and prints fixtures/score.py's summary line.
# A missing tool is reported as skipped. On Debian:
#   apt-get install -y chromium libreoffice-writer-nogui pandoc poppler-utils
#
#   npm run build && npm run score:renderings -- [CORPUS_DIR]     (default ../shared/corpus)
set -uo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus}
stems=(mcc-2015-09-strategic-overview mcc-2018-03-evaluative-progress-report)
for s in "${stems[@]}"; do
  [ -f "$corpus/$s.html" ] || { echo "no $s.html in $corpus" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
has() { command -v "$1" >/dev/null 2>&1; }
soffice_() { soffice "-env:UserInstallation=file://$tmp/lo-profile" --headless --norestore "$@" >/dev/null 2>&1; }

score() { # score NAME FILE...: ingest the files, print the scorer's summary
  local name=$1
  shift
  local db="$tmp/$name.sqlite"
  node dist/src/cli/main.js --db "$db" ingest "$@" 2>/dev/null
  node dist/src/cli/main.js --db "$db" export --format json > "$tmp/$name.json"
  printf '%-22s %s\n' "$name" "$(python3 fixtures/score.py "$tmp/$name.json" fixtures/gold | tail -1)"
}

skipped() { printf '%-22s skipped (%s not installed)\n' "$1" "$2"; }

if has chromium; then
  mkdir -p "$tmp/chromium"
  for s in "${stems[@]}"; do
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
      --disable-sync --no-first-run "--user-data-dir=$tmp/chromium-profile" --no-pdf-header-footer \
      "--print-to-pdf=$tmp/chromium/$s.pdf" "$corpus/$s.html" >/dev/null 2>&1
  done
  score chromium-pdf "$tmp"/chromium/*.pdf
  if has pdftotext; then
    for mode in default raw layout; do
      mkdir -p "$tmp/text-$mode"
      flag=()
      [ "$mode" = default ] || flag=("-$mode")
      for s in "${stems[@]}"; do pdftotext "${flag[@]}" "$tmp/chromium/$s.pdf" "$tmp/text-$mode/$s.txt"; done
      score "pdftotext-$mode" "$tmp/text-$mode"/*.txt
    done
  else
    skipped pdftotext pdftotext
  fi
else
  skipped chromium-pdf chromium
fi

if has soffice; then
  mkdir -p "$tmp/libreoffice"
  for s in "${stems[@]}"; do soffice_ --convert-to pdf --outdir "$tmp/libreoffice" "$corpus/$s.html"; done
  score libreoffice-pdf "$tmp"/libreoffice/*.pdf
else
  skipped libreoffice-pdf soffice
fi

if has pandoc; then
  mkdir -p "$tmp/pandoc" "$tmp/pandoc-pdf"
  for s in "${stems[@]}"; do pandoc -f html -t docx -o "$tmp/pandoc/$s.docx" "$corpus/$s.html"; done
  score pandoc-docx "$tmp"/pandoc/*.docx
  if has soffice; then
    for s in "${stems[@]}"; do soffice_ --convert-to pdf --outdir "$tmp/pandoc-pdf" "$tmp/pandoc/$s.docx"; done
    score pandoc-docx-pdf "$tmp"/pandoc-pdf/*.pdf
  else
    skipped pandoc-docx-pdf soffice
  fi
else
  skipped pandoc-docx pandoc
fi
