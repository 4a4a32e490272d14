#!/usr/bin/env bash
# Checks the built book (book/book, from `mdbook build book`) in a real
# browser, headless Chromium, and makes its PDF:
#
# - layout: every chapter at 1280 px (a laptop) and at 390 px (a phone),
#   measured by scripts/book-site/measure.html: no page scrolls sideways,
#   every column of every lab report stays visible, no value is broken over
#   two lines, and other wide tables fit at 1280 px and show their scroll
#   cue on a phone;
# - screenshots of the report tables, figures and wide tables at both
#   widths, in target/book-site/*.png, to look at;
# - search: scripts/book-site/search.mjs finds 粘包, 拆包 and 三次握手 in
#   the built search index (node), and the book's own search box finds
#   them in Chromium (index.html?search=粘包); the same in the zh-CN
#   edition (book/book/zh-CN, from scripts/book-i18n.sh build), where 粘包
#   must find lab 1's chapter in the browser too;
# - the PDF: print.html printed by Chromium to target/book-site/socklab-book.pdf,
#   which must contain the Chinese terms as text, in an embedded CJK font.
#
# Needs chromium, node, python3 (to serve the book on 127.0.0.1), pdftotext
# and pdffonts (poppler-utils) and a CJK font (fonts-noto-cjk). Exits 1 on
# any problem, having listed them all.
set -euo pipefail
cd "$(dirname "$0")/.."
book=book/book
out=target/book-site
[ -f "$book/print.html" ] || { echo "no built book in $book: run scripts/book-i18n.sh build first" >&2; exit 2; }
[ -f "$book/zh-CN/print.html" ] || { echo "no zh-CN edition in $book/zh-CN: run scripts/book-i18n.sh build first" >&2; exit 2; }
rm -rf "$out"
mkdir -p "$out"
site="$out/site"
cp -r "$book" "$site"
cp scripts/book-site/measure.html scripts/book-site/shot.html "$site/"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$site" "$port" > "$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/index.html')" 2> /dev/null && break
    sleep 0.1
done
base="http://127.0.0.1:$port"

browser() {
    # Headless Chromium, quietly: it logs D-Bus and GPU noise on stderr.
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
        --virtual-time-budget=10000 "$@" 2> /dev/null
}

failed=0
echo "== layout at 1280 and 390 px"
# Every chapter of both editions (the zh-CN one under zh-CN/, its tables in
# double-width characters), or the pages named on the command line
# (labs/17-remote-command.html, zh-CN/labs/01-nagle-sticky.html).
pages=${*:-$(cd "$site" && ls ./*.html labs/*.html appendix/*.html \
    zh-CN/*.html zh-CN/labs/*.html zh-CN/appendix/*.html | sed 's|^\./||' |
    grep -v -e 'print.html$' -e 'toc.html$' -e '404.html$' -e '^measure.html$' -e '^shot.html$')}
for page in $pages; do
    for width in 1280 390; do
        result=$(browser --window-size=1280,2100 --dump-dom "$base/measure.html?page=$page&width=$width" |
            grep -o '<pre id="socklab-layout">[^<]*' | sed 's/^<pre id="socklab-layout">//' || true)
        if [ -z "$result" ]; then
            echo "  $page at $width px: not measured (the page did not load?)"
            failed=1
            continue
        fi
        echo "$result" >> "$out/layout.jsonl"
        problems=$(node -e 'const r = JSON.parse(process.argv[1]); for (const p of r.problems) console.log(p)' "$result")
        if [ -n "$problems" ]; then
            echo "  $page at $width px:"
            echo "$problems" | sed 's/^/    /'
            failed=1
        fi
    done
done
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
const sum = (w, key) => lines.filter(r => r.width === w).reduce((n, r) => n + r[key], 0);
for (const w of [1280, 390]) {
    console.log(`  ${w} px: ${lines.filter(r => r.width === w).length} pages, ${sum(w, "tables")} tables, ` +
        `${sum(w, "reports")} lab reports (${sum(w, "stacked")} stacked), ${sum(w, "values")} values kept whole, ` +
        `${sum(w, "scroll_cues")} tables scrolling with their cue, ${sum(w, "images")} figures loaded`);
}' "$out/layout.jsonl"

echo "== screenshots in $out"
shot() {
    local name=$1 page=$2 at=$3 width=$4 height=$5
    browser --window-size="$width,$height" --screenshot="$out/$name-$width.png" \
        "$base/shot.html?page=$page&width=$width&height=$height&at=$at" > /dev/null
    [ -s "$out/$name-$width.png" ] || { echo "  no screenshot $name-$width.png"; failed=1; }
}
for width in 1280 390; do
    shot lab01-report labs/01-nagle-sticky.html real-output "$width" 1600
    shot lab01-diagram labs/01-nagle-sticky.html sequence-diagrams "$width" 1400
    shot lab07-report labs/07-close-and-reset.html real-output "$width" 1600
    shot lab12-figure labs/12-backlog.html the-two-queues "$width" 1200
    shot lab13-diagram labs/13-tcp-states.html sequence-diagram "$width" 1400
    shot platforms appendix/platforms.html linux-macos-and-windows "$width" 1400
    shot cheatsheet appendix/cheatsheet.html socket-api-cheat-sheet "$width" 1400
    shot zh-CN-lab01-report zh-CN/labs/01-nagle-sticky.html real-output "$width" 1600
done
ls "$out"/*.png | sed 's/^/  /'

echo "== search: Chinese terms, in node (the index) and in the browser (the page's search box)"
# The English edition at the root, the zh-CN one in zh-CN/.
for edition in "" zh-CN/; do
    name=English
    [ -z "$edition" ] || name=zh-CN
    echo "  the $name edition ($book/$edition)"
    node scripts/book-site/search.mjs "$book/$edition" || failed=1
    for term in 粘包 拆包 三次握手; do
        query=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$term")
        dom=$(browser --window-size=1280,900 --dump-dom "$base/${edition}index.html?search=$query" || true)
        header=$(grep -o '[0-9][0-9]* search results\{0,1\} for [^<]*' <<< "$dom" || true)
        case "$header" in
            "") echo "  $term in the browser: no results (is cjk-search.js loaded?)"; failed=1 ;;
            *) echo "  $term in the browser: ${header%:}" ;;
        esac
        # 粘包 is lab 1's subject: its chapter must be among the results.
        if [ "$term" = 粘包 ] && ! tr '\n' ' ' <<< "$dom" | sed 's/.*id="mdbook-searchresults"//; s|</ul>.*||' |
            grep -q 'labs/01-nagle-sticky.html'; then
            echo "  $term in the browser: lab 1's chapter is not among the results"
            failed=1
        fi
    done
done
browser --window-size=390,900 --screenshot="$out/search-390.png" "$base/index.html?search=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("粘包"))')" > /dev/null

echo "== the PDF: print.html through Chromium"
pdf="$out/socklab-book.pdf"
# Without --virtual-time-budget: print.html calls window.print() once
# loaded, which a virtual clock never lets finish. The scripts that style
# the tables have run by the time Chromium prints (at the load event).
timeout 300 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-pdf-header-footer \
    --print-to-pdf="$pdf" "$base/print.html" > /dev/null 2>&1 || true
if [ ! -s "$pdf" ]; then
    echo "  no PDF was written"
    failed=1
else
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
    echo "  $pdf: $pages pages, $(du -k "$pdf" | cut -f1) KiB"
    text=$(pdftotext "$pdf" -)
    for term in 粘包 拆包 三次握手; do
        if grep -q "$term" <<< "$text"; then
            echo "  $term: in the text"
        else
            echo "  $term: MISSING from the PDF's text (no CJK font? apt-get install fonts-noto-cjk)"
            failed=1
        fi
    done
    # Chromium embeds the glyphs of Noto CJK (OpenType with CFF outlines)
    # as Type 3 fonts, without their name: check that a CJK font is what
    # the fallback for Chinese text resolves to, and that glyph fonts were
    # embedded.
    cjk_font=$(fc-match 'sans-serif:lang=zh-cn' family)
    glyph_fonts=$(pdffonts "$pdf" | awk 'NR > 2 && $(NF - 4) == "yes"' | wc -l)
    if grep -qi cjk <<< "$cjk_font" && [ "$glyph_fonts" -gt 0 ]; then
        echo "  Chinese text set in $cjk_font; $glyph_fonts embedded fonts"
    else
        echo "  no CJK font for Chinese text (fc-match: $cjk_font): apt-get install fonts-noto-cjk"
        failed=1
    fi
fi

if [ "$failed" != 0 ]; then
    echo "the built book has problems (above)" >&2
    exit 1
fi
echo "the built book: layout, search and PDF checked"
