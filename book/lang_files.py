#!/usr/bin/env python3
"""mdBook preprocessor for the files that have their own per-language copies.

The book's own prose is translated with gettext (po/zh-CN.po, applied by
mdbook-gettext after the links preprocessor). The lab sheets, the
exercises' tasks and hints, and socklab's generated output are translated
as whole files instead, beside the English ones:

    labs/NN-slug/README.md         -> labs/NN-slug/README.zh-CN.md
    exercises/ID/task.md, hint.md  -> exercises/ID/task.zh-CN.md, hint.zh-CN.md
    book/src/generated/X           -> book/src/generated/zh-CN/X
  book/src/figures/X.svg         -> book/src/figures/X.zh-CN.svg (an <img>)

This preprocessor runs before `links` and rewrites the {{#include}}s:

- book.language zh-CN (or any language but en): an include of such a file
  points at its translated copy, with its line range or anchor kept. When
  the copy does not exist yet, the English include stays and one line
  starting with "WARN lang-files: " names the missing file on stderr (CI
  fails on WARN, so a missing translation fails the build). An
  <img src> of a figure takes its translated copy likewise (and warns when
  there is none); of a generated file (the diagrams) it takes the
  translated copy when there is one, and stays English otherwise: a
  diagram's text is mostly packets and calls.
- renderer xgettext (extracting the POT): every include of a file outside
  book/src (lab sheets, tasks, hints, solutions, Rust source) and of
  generated/ is dropped, so none of that text lands in the POT: the
  per-language files are translated as whole files, and code is not
  translated.
- otherwise: the book goes back unchanged.

mdbook-i18n-helpers skips block-level HTML, so the text in the chapters'
own HTML (<summary>Hint</summary>, an <img alt="...">) would never reach
the POT. This preprocessor carries it: for xgettext it appends each such
text to its chapter as a paragraph of its own (so it becomes a msgid with
the chapter as its source), and for a translated edition it replaces the
text in the HTML with its msgstr from po/LANG.po (the po-dir of
[preprocessor.gettext]). `scripts/book-i18n.sh check` counts these
messages like any other.

mdBook runs it from the book's root (book/) as
`python3 lang_files.py supports RENDERER` (exit 0: yes) and then as
`python3 lang_files.py` with the JSON [context, book] on stdin; it writes
the book back as JSON on stdout. mdBook 0.5's book is {"items": [...]}.
Python's standard library only.
"""

import html
import json
import os
import re
import sys

# mdBook's own link syntax (mdbook-driver's links.rs): an escaped
# \{{#...}} is left alone; otherwise {{#TYPE ARGS}}.
LINK = re.compile(r"\\\{\{#.*\}\}|\{\{\s*#([a-zA-Z0-9_]+)\s+([^}]+)\}\}")
INCLUDES = {"include", "rustdoc_include"}
# An image of a generated file: <img src="../generated/diagram-....svg">.
IMG_SRC = re.compile(r'(<img\b[^>]*\bsrc=")([^"]+)(")')
# The text in the chapters' own HTML that gettext does not see: a
# <summary>'s text, an <img>'s alt (HTML-escaped).
SUMMARY = re.compile(r"(<summary>)([^<]+)(</summary>)")
ALT = re.compile(r'(<img\b[^>]*\balt=")([^"]+)(")')

warned = set()


def warn(message):
    if message not in warned:
        warned.add(message)
        print(f"WARN lang-files: {message}", file=sys.stderr)


class Book:
    """Where the book's files are: root is book/, src is book/src."""

    def __init__(self, context):
        self.root = os.path.realpath(context["root"])
        src = context["config"]["book"].get("src", "src")
        self.src = os.path.realpath(os.path.join(self.root, src))
        self.repo = os.path.dirname(self.root)
        self.generated = os.path.join(self.src, "generated")
        self.figures = os.path.join(self.src, "figures")

    def rel(self, path):
        return os.path.relpath(path, self.repo)

    def inside(self, path, folder):
        return os.path.commonpath([path, folder]) == folder

    def is_generated(self, path):
        return self.inside(path, self.generated)

    def translated(self, path, language):
        """The per-language copy of `path`, or None when `path` has none."""
        parent, name = os.path.split(path)
        stem, ext = os.path.splitext(name)
        lang_dir = os.path.join(self.generated, language)
        if self.is_generated(path):
            if self.inside(path, lang_dir):
                return None
            return os.path.join(lang_dir, os.path.relpath(path, self.generated))
        if self.inside(path, self.figures):
            return os.path.join(parent, f"{stem}.{language}{ext}")
        rel = os.path.relpath(path, self.repo).split(os.sep)
        if rel[0] == "labs" and name == "README.md":
            return os.path.join(parent, f"{stem}.{language}{ext}")
        if rel[0] == "exercises" and name in ("task.md", "hint.md"):
            return os.path.join(parent, f"{stem}.{language}{ext}")
        return None


def po_string(text):
    """The value of a PO string literal (without its quotes)."""
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    return re.sub(r'\\(.)', lambda m: escapes.get(m.group(1), m.group(1)), text)


def load_po(path):
    """msgid -> msgstr of a PO file's translated, non-fuzzy messages."""
    catalog = {}
    entry, field, fuzzy = {}, None, False

    def finish():
        if entry.get("msgid") and entry.get("msgstr") and not fuzzy:
            catalog[entry["msgid"]] = entry["msgstr"]

    with open(path, encoding="utf-8") as po:
        for line in po:
            line = line.strip()
            if line.startswith("#~"):
                continue
            if line.startswith("#,") and "fuzzy" in line:
                finish()
                entry, field, fuzzy = {}, None, True
            elif line.startswith("#") or not line:
                if field == "msgstr":
                    finish()
                    entry, field, fuzzy = {}, None, False
            elif line.startswith(("msgid ", "msgstr ")):
                key, _, value = line.partition(" ")
                if key == "msgid" and field == "msgstr":
                    finish()
                    entry, fuzzy = {}, False
                field = key
                entry[field] = po_string(value.strip()[1:-1])
            elif line.startswith('"') and field:
                entry[field] += po_string(line[1:-1])
        if field == "msgstr":
            finish()
    return catalog


def html_texts(content):
    """The texts in the chapter's own HTML that gettext cannot see."""
    texts = [m.group(2).strip() for m in SUMMARY.finditer(content)]
    texts += [html.unescape(m.group(2)) for m in ALT.finditer(content)]
    return texts


def translate_html(content, catalog):
    def summary(match):
        text = match.group(2).strip()
        return match.group(1) + html.escape(catalog.get(text, text), quote=False) + match.group(3)

    def alt(match):
        text = html.unescape(match.group(2))
        return match.group(1) + html.escape(catalog.get(text, text), quote=True) + match.group(3)

    return ALT.sub(alt, SUMMARY.sub(summary, content))


def heading_id(markdown):
    """The id mdBook gives a heading (mdbook-html's id_from_content)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[`*]", "", text).strip().lower()
    return "".join(c if (c.isalnum() or c in "_-") else "-" for c in text
                   if c.isalnum() or c in "_-" or c.isspace())


# A heading's own {#id} at the end of its line (not an {{#include}}).
HAS_ANCHOR = re.compile(r"(?<!\{)\{#[^{}]*\}\s*$")
INCLUDE_LINE_1 = re.compile(r"^\{\{#include\s+(\S+?):1\}\}\s*$")


def keep_title_anchors(content, base, copy_of):
    """Give the chapter's title (# heading) its English id, as {#id}.

    A translated heading keeps its English anchor: the PO's translations
    carry it for the other headings (## 练习 {#exercises}), but a chapter's
    title is also its name in SUMMARY.md, where mdbook-gettext would show
    the {#...} in the sidebar. So the English id is added here, before the
    title is translated: to a `# Title` line, and to the include of a lab
    sheet's first line (its title) when the translated sheet has none.
    """
    lines, fence = content.split("\n"), None
    for i, line in enumerate(lines):
        marker = re.match(r"^\s*(```|~~~)", line)
        if marker:
            fence = None if fence == marker.group(1) else (fence or marker.group(1))
            continue
        if fence or HAS_ANCHOR.search(line):
            continue
        title = re.match(r"^# (.+?)\s*$", line)
        if title:
            lines[i] = f"{line.rstrip()} {{#{heading_id(title.group(1))}}}"
            continue
        include = INCLUDE_LINE_1.match(line)
        if include:
            target = os.path.normpath(os.path.join(base, include.group(1)))
            copy = copy_of(target)
            if copy and title_has_anchor(copy):
                continue  # the translated sheet's title carries its own
            try:
                with open(target, encoding="utf-8") as sheet:
                    first = sheet.readline().rstrip("\n")
            except OSError:
                continue
            title = re.match(r"^# (.+?)\s*$", first)
            if title:
                lines[i] = f"{line.rstrip()} {{#{heading_id(title.group(1))}}}"
    return "\n".join(lines)


def title_has_anchor(path):
    try:
        with open(path, encoding="utf-8") as sheet:
            return bool(HAS_ANCHOR.search(sheet.readline()))
    except OSError:
        return False


def split_arg(args):
    """`PATH:RANGE rest` -> (PATH, ':RANGE rest'), as mdBook splits it."""
    words = args.strip().split(None, 1)
    target = words[0]
    rest = (" " + words[1]) if len(words) > 1 else ""
    path, colon, selector = target.partition(":")
    return path, colon + selector + rest


def rewrite(content, base, book, language, extracting, chapter):
    """The chapter's text with its includes rewritten (or dropped)."""

    def include(match):
        kind, args = match.group(1), match.group(2)
        if kind not in INCLUDES:
            return match.group(0)
        path, selector = split_arg(args)
        target = os.path.normpath(os.path.join(base, path))
        if extracting:
            if book.is_generated(target) or not book.inside(target, book.src):
                return ""
            return match.group(0)
        copy = book.translated(target, language)
        if copy is None:
            return match.group(0)
        if not os.path.exists(copy):
            warn(f"{book.rel(copy)} is missing (included by {chapter}); the {language} "
                 f"edition shows {book.rel(target)} in English")
            return match.group(0)
        new_path = os.path.relpath(copy, base).replace(os.sep, "/")
        return "{{#" + kind + " " + new_path + selector + "}}"

    def image(match):
        src = match.group(2)
        if "://" in src or src.startswith(("/", "#", "data:")):
            return match.group(0)
        target = os.path.normpath(os.path.join(base, src))
        copy = book.translated(target, language)
        if copy is None:
            return match.group(0)
        if not os.path.exists(copy):
            if not book.is_generated(target):
                warn(f"{book.rel(copy)} is missing (shown by {chapter}); the {language} "
                     f"edition shows {book.rel(target)} in English")
            return match.group(0)
        return match.group(1) + os.path.relpath(copy, base).replace(os.sep, "/") + match.group(3)

    if not extracting:
        content = keep_title_anchors(content, base, lambda target: book.translated(target, language))
    content = LINK.sub(include, content)
    if not extracting:
        content = IMG_SRC.sub(image, content)
    return content


def walk(items, visit):
    for item in items:
        chapter = item.get("Chapter") if isinstance(item, dict) else None
        if chapter is not None:
            visit(chapter)
            walk(chapter.get("sub_items", []), visit)


# A character of Chinese text: the CJK ideographs, their punctuation, and
# the full-width forms (，：（）).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
FENCE = re.compile(r"^\s*(```|~~~)")


CJK_SPACE = re.compile(
    r"(?<=[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]) "
    r"(?=[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef])"
)


def join_cjk_lines(content):
    """Joins a paragraph's lines where one ends and the next starts with a
    Chinese character. The sheets are wrapped for an 80-column terminal;
    HTML turns each line break into a space, which English needs and
    Chinese does not (browsers show it as a gap between two characters).
    mdbook-gettext has already made each such break one space: that space
    goes too. Code blocks keep their lines and spaces."""
    lines = content.split("\n")
    joined = []
    in_code = False
    for line in lines:
        if FENCE.match(line):
            in_code = not in_code
            joined.append(line)
            continue
        rest = line.lstrip()
        if (
            not in_code
            and joined
            and rest
            and CJK.match(rest)
            and joined[-1]
            and CJK.match(joined[-1][-1])
            and not FENCE.match(joined[-1])
        ):
            joined[-1] += rest
        else:
            joined.append(line)
        if not in_code:
            joined[-1] = CJK_SPACE.sub("", joined[-1])
    return "\n".join(joined)


def join_lines_of_book(context, book_json):
    """The `cjk-lines` preprocessor: join_cjk_lines on every chapter of a
    Chinese edition, after gettext (book.toml)."""
    language = context["config"]["book"].get("language") or "en"
    if language.startswith("zh") and context["renderer"] != "xgettext":

        def visit(chapter):
            if chapter.get("path") is not None:
                chapter["content"] = join_cjk_lines(chapter["content"])

        walk(book_json["items"], visit)
    json.dump(book_json, sys.stdout)


def main():
    args = sys.argv[1:]
    join_lines = args[:1] == ["join-cjk-lines"]
    if join_lines:
        args = args[1:]
    if args:
        if args[0] == "supports":
            sys.exit(0)
        print(f"lang_files.py: unknown arguments {sys.argv[1:]}", file=sys.stderr)
        sys.exit(2)

    context, book_json = json.load(sys.stdin)
    if join_lines:
        join_lines_of_book(context, book_json)
        return
    language = context["config"]["book"].get("language") or "en"
    extracting = context["renderer"] == "xgettext"
    if not extracting and language == "en":
        json.dump(book_json, sys.stdout)
        return

    book = Book(context)
    catalog = {}
    if not extracting:
        gettext = context["config"].get("preprocessor", {}).get("gettext", {})
        po = os.path.join(book.root, gettext.get("po-dir", "po"), f"{language}.po")
        if os.path.exists(po):
            catalog = load_po(po)
        else:
            warn(f"{book.rel(po)} is missing: the {language} edition's own text stays English")

    def visit(chapter):
        path = chapter.get("path")
        if path is None:
            return
        base = os.path.join(book.src, os.path.dirname(path))
        content = rewrite(chapter["content"], base, book, language, extracting, path)
        if extracting:
            texts = list(dict.fromkeys(html_texts(content)))
            if texts:
                content = content.rstrip("\n") + "\n\n" + "\n\n".join(texts) + "\n"
        else:
            content = translate_html(content, catalog)
        chapter["content"] = content

    walk(book_json["items"], visit)
    json.dump(book_json, sys.stdout)


if __name__ == "__main__":
    main()
