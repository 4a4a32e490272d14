#!/usr/bin/env bash
# Regenerates the "Real output" of every lab chapter in the book:
# book/src/generated/NN-slug.md, one file per lab, from ONE run of
# `socklab run all --format markdown`. tests/book.rs fails when these files
# no longer match what the labs produce; run this script and commit the
# result (and read the diff: a changed table is a changed lesson).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
# The zh-CN edition shows the same output in Chinese, generated the same way
# with --lang zh-CN into book/src/generated/zh-CN/ (book/lang_files.py
# includes it there).
# generate LANG OUT: every file of one edition.
generate() {
    local lang=$1 out=$2 lab_word=Lab
    [ "$lang" = zh-CN ] && lab_word=实验
    local socklab=(target/release/socklab --lang "$lang")
    mkdir -p "$out"
    rm -f "$out"/*.md "$out"/*.txt "$out"/*.svg
    if ! "${socklab[@]}" run all --format markdown > "target/book-output.$lang.md"; then
        echo "socklab run all did not pass: fix the labs before regenerating the book" >&2
        exit 1
    fi
    # Split at each report's heading, "### Lab 3 · udp-truncation · UDP truncation"
    # ("### 实验 3 · udp-truncation · UDP 截断" in Chinese).
    awk -v out="$out" -v lab="$lab_word" '
        $1 == "###" && $2 == lab && $4 == "·" {
            number = $3; slug = $5
            file = sprintf("%s/%02d-%s.md", out, number, slug)
        }
        file != "" { print > file }
    ' "target/book-output.$lang.md"
    # "Reading the wire" (running.md) shows the start of lab 1's --wire listing:
    # its first connection, from the SYN to the client's FIN.
    "${socklab[@]}" run 1 --wire |
        awk '/^wire: / { on = 1 } on && shown < 13 { print; shown++ }' > "$out/wire-01-nagle-sticky.txt"
    # The sequence diagrams in the chapters: one connection of one run each,
    # diagram-NN-slug-connection-C.svg (tests/book.rs reads the lab and the
    # connection back from the name and draws them again from a fresh run).
    diagram() {
        local number=$1 slug=$2 connection=$3
        "${socklab[@]}" run "$number" --connection "$connection" \
            --diagram "$out/diagram-$(printf %02d "$number")-$slug-connection-$connection.svg" > /dev/null
    }
    # The pictures have no words to translate: the zh-CN edition shows these.
    if [ "$lang" = en ]; then
        diagram 1 nagle-sticky 3      # Nagle on: 13 bytes held for a delayed ACK
        diagram 1 nagle-sticky 5      # TCP_NODELAY: every write its own segment
        diagram 5 nodelay-latency 1   # write-write-read: the stall
        diagram 7 close-and-reset 2   # a close with bytes unread: RST, ECONNRESET
        diagram 13 tcp-states 1       # the handshake, the half-close and the close
    fi
    # "Running socklab" shows each way of running a lab with its real output.
    # The shape of a table: lab 3's, its first rows and its last lines.
    NO_COLOR=1 "${socklab[@]}" run 3 > "target/table-03.$lang.txt"
    { head -2 "target/table-03.$lang.txt"; echo "..."; sed -n '5,9p' "target/table-03.$lang.txt"; echo "..."; tail -3 "target/table-03.$lang.txt"; } > "$out/table-03-udp-truncation.txt"
    # --timeline: lab 1's Nagle conversation, from its first send to its close.
    "${socklab[@]}" run 1 --timeline |
        awk '/── (conversation|对话) 3 / { on = 1 } on && /\[S\]/ { exit } on' > "$out/timeline-01-nagle-sticky.txt"
    # --step without a terminal: the narration, without waiting for Enter.
    "${socklab[@]}" run 3 --step < /dev/null 2>&1 | awk -v lab="$lab_word" '$1 == lab && $2 == "3" && $3 == "·" { exit } { print }' > "$out/step-03-udp-truncation.txt"
    # serve and connect: lab 1's two roles talking, as two terminals show them.
    serve_log=$(mktemp)
    trap 'rm -f "$serve_log"; [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true' EXIT
    "${socklab[@]}" serve 1 > "$serve_log" 2>&1 &
    server=$!
    for _ in $(seq 100); do grep -q '^listening on' "$serve_log" && break; sleep 0.05; done
    address=$(grep -o '127\.0\.0\.1:[0-9]*' "$serve_log" | head -1)
    "${socklab[@]}" connect 1 "$address" > "$out/connect-01-nagle-sticky.txt"
    for _ in $(seq 100); do grep -q ': done$' "$serve_log" && break; sleep 0.05; done
    kill -INT "$server"; wait "$server" || true; server=
    grep -v '^socklab: SIGINT' "$serve_log" > "$out/serve-01-nagle-sticky.txt"
    # --pcap: socklab's line, then the first packets as tshark reads them back.
    pcap_file=$(mktemp --suffix=.pcap)
    "${socklab[@]}" run 1 --pcap "$pcap_file" 2>&1 >/dev/null | grep -E '^(wrote|已写入) ' |
        sed "s|$pcap_file|lab1.pcap|" > "$out/pcap-01-nagle-sticky.txt"
    if command -v tshark >/dev/null; then
        { echo '$ tshark -c 4 -r lab1.pcap'; tshark -c 4 -r "$pcap_file" 2>/dev/null; } >> "$out/pcap-01-nagle-sticky.txt"
    fi
    rm -f "$pcap_file"
    # An exercise checked: exercise 1.1 against the course's mistake.
    "${socklab[@]}" check 1.1 -- python3 exercises/01.1-framed-client/wrong_no_length.py \
        > "$out/check-1.1-wrong-no-length.txt" 2>&1 || true
    # doctor: this machine against the book's settings.
    "${socklab[@]}" doctor > "$out/doctor.txt" || true
    # Each report ends with a blank line that separates it from the next: drop
    # the trailing blank lines so every file ends with its env line.
    for file in "$out"/[0-9]*.md; do
        printf '%s\n' "$(cat "$file")" > "$file"
    done
}
generate en book/src/generated
generate zh-CN book/src/generated/zh-CN
ls book/src/generated book/src/generated/zh-CN
