// The lab reports' tables (Check | Expected | Observed | Verdict), made
// readable: socklab writes them as plain markdown, for the book and for
// pasting into notes, so the structure a reader needs is added here, where
// the text alone says it:
//
// - the value columns are marked for monospace, and each value in a list
//   of values (`b"hello" | b"world"`, `0, 5, 12, 13`, `p50 44.0 ms · p90
//   44.1 ms`) is kept on one line: a cell wraps between values, never
//   inside one. A value longer than a short line (an error message, a
//   byte string with its decoding) may wrap at its spaces: two of them
//   side by side would not fit the page at 1280 px otherwise;
// - the verdict cell gets its verdict as a class, for its colour;
// - a follow-up row (socklab indents its name) becomes a `sub` row, drawn
//   indented under the row it belongs to;
// - every cell gets its column's name, shown beside it when a phone's
//   width stacks the cells (socklab.css).
//
// Other tables of four columns or more get the `wide` class (smaller
// text). Any table that is wider than the page gets the `scrolls` class, which
// shows a cue that it scrolls sideways.
(function () {
    'use strict';

    // The report's columns, in English and as socklab --lang zh-CN names
    // them (the zh-CN edition's generated output).
    const REPORT_COLUMNS = [
        ['Check', 'Expected', 'Observed', 'Verdict'],
        ['检查项', '预期', '实测', '结论'],
    ];
    // A verdict's class (its colour) from its first word, in either language.
    const VERDICTS = {'通过': 'pass', '不符': 'mismatch', '跳过': 'skipped'};
    // What separates the values in a cell that lists several.
    const SEPARATOR = /( \| | · | \+ |, |; )/;
    // A value longer than this may wrap at its spaces: two such columns
    // beside the check's name fill the 750 px a page's text has.
    const LONGEST_UNBROKEN = 24;

    function markValues(cell) {
        cell.classList.add('value');
        for (const node of Array.from(cell.childNodes)) {
            if (node.nodeType !== Node.TEXT_NODE) {
                continue;
            }
            const pieces = node.textContent.split(SEPARATOR);
            const replacement = document.createDocumentFragment();
            pieces.forEach((piece, i) => {
                if (i % 2 === 1 || piece === '') {
                    replacement.append(piece);
                    return;
                }
                const value = document.createElement('span');
                value.className = piece.length > LONGEST_UNBROKEN ? 'v long' : 'v';
                value.textContent = piece;
                replacement.append(value);
            });
            node.replaceWith(replacement);
        }
    }

    function markReport(table) {
        const header = Array.from(table.querySelectorAll('thead th')).map(th => th.textContent.trim());
        const columns = REPORT_COLUMNS.find(names => names.every((name, i) => header[i] === name));
        if (!columns) {
            table.classList.toggle('wide', header.length >= 4);
            return;
        }
        table.classList.add('socklab-report');
        for (const row of table.querySelectorAll('tbody tr')) {
            Array.from(row.cells).forEach((cell, column) => {
                const name = header[column] || '';
                cell.dataset.label = name;
                if (column === 0) {
                    // socklab keeps a follow-up row's indent as non-breaking spaces.
                    const first = cell.firstChild;
                    if (first && first.nodeType === Node.TEXT_NODE && /^\u00a0+/.test(first.textContent)) {
                        first.textContent = first.textContent.replace(/^\u00a0+/, '');
                        row.classList.add('sub');
                    }
                    cell.classList.add('check');
                } else if (name === columns[3]) {
                    const text = cell.textContent.trim();
                    const zh = Object.keys(VERDICTS).find(word => text.startsWith(word));
                    const verdict = zh ? VERDICTS[zh] : text.split(' ')[0].toLowerCase();
                    cell.classList.add('verdict', verdict);
                } else {
                    markValues(cell);
                }
            });
        }
    }

    function markScrolling() {
        for (const wrapper of document.querySelectorAll('.table-wrapper')) {
            wrapper.classList.toggle('scrolls', wrapper.scrollWidth > wrapper.clientWidth + 1);
        }
    }

    document.querySelectorAll('main table').forEach(markReport);
    markScrolling();
    window.addEventListener('resize', markScrolling);
})();
