#!/usr/bin/env bash
# The book's translations (mdbook-i18n-helpers and GNU gettext):
#
#   scripts/book-i18n.sh pot      extract the book's own text into po/messages.pot
#                                 (generated, not committed)
#   scripts/book-i18n.sh update   merge a fresh POT into po/zh-CN.po (msgmerge:
#                                 new messages empty, changed ones fuzzy)
#   scripts/book-i18n.sh check    fail unless po/zh-CN.po has no untranslated or
#                                 fuzzy message and holds every msgid of a fresh POT
#   scripts/book-i18n.sh merge FILE.po...
#                                 take the translated messages of other PO files
#                                 (another translator's part, po/zh-CN.prose.po)
#                                 into po/zh-CN.po; where both translate a message,
#                                 po/zh-CN.po's translation stays (and is listed)
#   scripts/book-i18n.sh build [en|zh-CN]
#                                 build the editions (both by default): English in
#                                 book/book, zh-CN in book/book/zh-CN; fails on any
#                                 WARN or ERROR in mdbook's output
#
# What is translated where: i18n/TRANSLATING.md. The lab sheets, tasks, hints
# and generated output are whole zh-CN files, which book/lang_files.py
# includes in the zh-CN edition and keeps out of the POT.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

LANGS=(zh-CN)
# The zh-CN edition's title and description (book.toml has the English ones).
ZH_TITLE="socklab：用实验学套接字编程"
ZH_DESCRIPTION="一门套接字编程课程，其中每一个论断都由 socklab 在真实内核上检查。"

# A fresh POT in $1 (a directory): mdbook with only the xgettext renderer.
# Line numbers are left out of the references (granularity 0), so that an
# edit above a paragraph does not touch every entry below it in the PO.
extract() {
    mkdir -p "$1"
    MDBOOK_OUTPUT='{"xgettext": {"granularity": 0}}' mdbook build book -d "$1" 2>&1 | grep -v ' INFO ' || true
    [ -s "$1/messages.pot" ] || { echo "no POT was written in $1" >&2; exit 1; }
}

pot() {
    extract po
    echo "po/messages.pot: $(grep -c '^msgid ' po/messages.pot) messages (with the header)"
}

update() {
    extract po
    for lang in "${LANGS[@]}"; do
        if [ -f "po/$lang.po" ]; then
            msgmerge --quiet --update --backup=none "po/$lang.po" po/messages.pot
        else
            msginit --no-translator --locale="${lang/-/_}.UTF-8" -i po/messages.pot -o "po/$lang.po"
        fi
        echo "po/$lang.po: $(msgfmt --statistics -o /dev/null "po/$lang.po" 2>&1)"
    done
}

check() {
    local tmp failed=0
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' RETURN
    extract "$tmp"
    for lang in "${LANGS[@]}"; do
        local po="po/$lang.po" stats
        if [ ! -f "$po" ]; then
            echo "$po: missing (scripts/book-i18n.sh update makes it)" >&2
            failed=1
            continue
        fi
        stats=$(msgfmt --statistics --check-format -o /dev/null "$po" 2>&1) || {
            echo "$po: msgfmt --check-format failed:" >&2
            echo "$stats" >&2
            failed=1
            continue
        }
        echo "$po: $stats"
        if grep -Eq '[0-9]+ (fuzzy translation|untranslated message)' <<< "$stats"; then
            echo "$po: has untranslated or fuzzy messages: translate them (msgattrib --untranslated / --only-fuzzy lists them)" >&2
            failed=1
        fi
        # In sync: every msgid of the fresh POT is in the PO (translated or
        # not: the counts above are for those).
        if ! msgcmp --use-fuzzy --use-untranslated "$po" "$tmp/messages.pot" > "$tmp/msgcmp.log" 2>&1; then
            echo "$po: out of date with the book (scripts/book-i18n.sh update merges the new text):" >&2
            grep -v '^msgcmp: found' "$tmp/msgcmp.log" | head -20 >&2
            failed=1
        fi
    done
    return "$failed"
}

merge() {
    local tmp po=po/zh-CN.po i=0
    [ $# -gt 0 ] || { echo "merge: name the PO files to take translations from" >&2; exit 2; }
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' RETURN
    extract "$tmp"
    msgattrib --translated --no-fuzzy --no-obsolete "$po" -o "$tmp/0.po"
    for other in "$@"; do
        i=$((i + 1))
        msgattrib --translated --no-fuzzy --no-obsolete "$other" -o "$tmp/$i.po"
    done
    # Messages both translate, differently: po/zh-CN.po's stays.
    msgcat "$tmp"/[0-9]*.po -o "$tmp/both.po"
    if grep -q '#-#-#-#-#' "$tmp/both.po"; then
        echo "translated differently in more than one file (po/zh-CN.po's translation kept):"
        msgattrib --only-fuzzy "$tmp/both.po" | grep '^msgid "..*"' | sed 's/^/  /' || true
    fi
    msgcat --use-first "$tmp"/[0-9]*.po -o "$tmp/all.po"
    # Into the POT's shape: every message of the book, the rest left empty
    # (no fuzzy guesses from unrelated messages).
    msgmerge --quiet --no-fuzzy-matching "$tmp/all.po" "$tmp/messages.pot" -o "$po"
    echo "$po: $(msgfmt --statistics -o /dev/null "$po" 2>&1)"
}

# mdbook build, its output in target/mdbook[-LANG].log; fails on WARN or ERROR.
build_edition() {
    local lang=$1 log
    mkdir -p target
    if [ "$lang" = en ]; then
        log=target/mdbook.log
        mdbook build book 2>&1 | tee "$log"
    else
        log="target/mdbook-$lang.log"
        MDBOOK_BOOK__LANGUAGE="$lang" MDBOOK_BOOK__TITLE="$ZH_TITLE" MDBOOK_BOOK__DESCRIPTION="$ZH_DESCRIPTION" \
            mdbook build book -d "book/book/$lang" 2>&1 | tee "$log"
    fi
    if grep -Eq "WARN|ERROR" "$log"; then
        echo "mdbook printed warnings or errors building the $lang edition (above): fix the book" >&2
        return 1
    fi
}

build() {
    # English first: its build empties book/book, where the zh-CN edition lives.
    case "${1:-all}" in
        all) build_edition en; for lang in "${LANGS[@]}"; do build_edition "$lang"; done ;;
        en | zh-CN) build_edition "$1" ;;
        *) echo "unknown edition $1 (en, zh-CN)" >&2; exit 2 ;;
    esac
}

case "${1:-}" in
    pot) pot ;;
    update) update ;;
    check) check ;;
    merge) shift; merge "$@" ;;
    build) build "${2:-all}" ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
