// Search for Chinese (and Japanese, Korean) terms such as 粘包, 拆包 and
// 三次握手.
//
// mdBook's search engine, elasticlunr, cuts text into words at spaces and
// then trims every character outside [A-Za-z0-9_] from each word, so a CJK
// term is never indexed and a CJK query becomes the empty word: no result
// (rust-lang/mdBook#1081). Chinese has no spaces between words, so a word
// index would need a dictionary to cut the text anyway.
//
// The index mdBook writes (searchindex.js) already keeps the whole text of
// every section, for the teasers under each result. So a query that holds
// CJK characters is answered here by substring search over those texts,
// and handed back in elasticlunr's own result shape: mdBook's searcher
// lists, links and highlights the results as it does its own. Queries
// without CJK characters go to elasticlunr unchanged.
//
// tests/book-site/search.mjs loads this file with the built index in node
// and checks that each course term finds the chapters that use it.
(function () {
    'use strict';

    // Hiragana, katakana, CJK ideographs (and extension A), compatibility
    // ideographs, Hangul syllables.
    const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;

    // Characters kept on each side of the first hit in a result's teaser.
    const TEASER_CONTEXT = 80;

    function count(text, term) {
        let found = 0;
        for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + term.length)) {
            found++;
        }
        return found;
    }

    // The part of `body` around the first of `terms` it contains: mdBook
    // builds the teaser from a result's body, and would otherwise pick a
    // stretch of English that does not show the term.
    function around(body, terms) {
        const at = Math.min(...terms.map(t => body.indexOf(t)).filter(i => i !== -1));
        if (!isFinite(at)) {
            return body;
        }
        const start = Math.max(0, at - TEASER_CONTEXT);
        return (start > 0 ? '… ' : '') + body.slice(start, at + TEASER_CONTEXT) + ' …';
    }

    // The results for `query` in elasticlunr's shape, best first: every
    // section whose title, breadcrumbs or text contains each CJK term. The
    // other words of the query, if any, must also match elasticlunr's way
    // (`wordSearch`), and add their score.
    function cjkSearch(documentStore, query, wordSearch) {
        const terms = query.split(/\s+/).filter(t => t !== '');
        const cjkTerms = terms.filter(t => CJK.test(t));
        const words = terms.filter(t => !CJK.test(t)).join(' ');
        const wordScores = new Map();
        if (words !== '') {
            for (const result of wordSearch(words)) {
                wordScores.set(result.ref, result.score);
            }
        }
        const results = [];
        for (const [ref, doc] of Object.entries(documentStore.docs)) {
            const title = (doc.title || '') + ' ' + (doc.breadcrumbs || '');
            const body = doc.body || '';
            let score = 0;
            let all = true;
            for (const term of cjkTerms) {
                const hits = 2 * count(title, term) + count(body, term);
                all = all && hits > 0;
                score += hits;
            }
            if (!all || (words !== '' && !wordScores.has(ref))) {
                continue;
            }
            score += wordScores.get(ref) || 0;
            results.push({ref: ref, score: score, doc: Object.assign({}, doc, {body: around(body, cjkTerms)})});
        }
        results.sort((a, b) => b.score - a.score);
        return results;
    }

    if (typeof elasticlunr === 'undefined') {
        return;
    }
    const wordSearch = elasticlunr.Index.prototype.search;
    elasticlunr.Index.prototype.search = function (query, config) {
        if (!CJK.test(query)) {
            return wordSearch.call(this, query, config);
        }
        return cjkSearch(this.documentStore, query, words => wordSearch.call(this, words, config));
    };

    // A page opened with ?search=粘包 loads the index as it starts, and the
    // index can arrive, and be searched, before this script runs. Then
    // search again, through the search box as a reader would. mdBook skips
    // a search for the term it searched last: search for another one first
    // (the term and a zero-width space, which trim() keeps).
    const bar = typeof document === 'undefined' ? null : document.getElementById('mdbook-searchbar');
    if (bar && CJK.test(bar.value) && window.search && window.search.index) {
        const term = bar.value;
        for (const value of [term + '\u200b', term]) {
            bar.value = value;
            bar.dispatchEvent(new KeyboardEvent('keyup'));
        }
    }
})();
