// Does the built book's search find the course's Chinese terms?
//
// Loads what a reader's browser loads for a search, in node: mdBook's
// elasticlunr, the book's cjk-search.js (which answers CJK queries) and
// the built search index; then searches each term and checks that the
// results name every chapter whose text contains it, and nothing else.
//
//   node scripts/book-site/search.mjs book/book
//   node scripts/book-site/search.mjs book/book/zh-CN   (the Chinese edition)
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const TERMS = ['粘包', '拆包', '三次握手'];
// The chapter a term must find in either edition: lab 1 is the 粘包 lab.
const MUST_FIND = {'粘包': 'labs/01-nagle-sticky.html'};
const book = process.argv[2] || 'book/book';

// mdBook names its files with a hash of their content: elasticlunr-ef4e11c1.min.js.
function asset(folder, prefix) {
    const name = fs.readdirSync(path.join(book, folder)).find(n => n.startsWith(prefix) && n.endsWith('.js'));
    if (!name) {
        throw new Error(`no ${prefix}*.js in ${path.join(book, folder)}: is the book built?`);
    }
    return path.join(book, folder, name);
}

const browser = {console};
browser.window = browser;
browser.search = {};
vm.createContext(browser);
for (const file of [asset('.', 'elasticlunr'), asset('theme', 'cjk-search'), asset('.', 'searchindex')]) {
    vm.runInContext(fs.readFileSync(file, 'utf8'), browser, {filename: file});
}
const {index, doc_urls: urls, search_options: options} = browser.window.search;
const searchIndex = browser.elasticlunr.Index.load(index);

// The chapters that really contain a term: the built pages' text
// (index.html is a copy of the introduction).
function pagesContaining(term) {
    const pages = [];
    for (const folder of ['.', 'labs', 'appendix']) {
        for (const name of fs.readdirSync(path.join(book, folder))) {
            if (!name.endsWith('.html') || ['print.html', 'toc.html', '404.html', 'index.html'].includes(name)) {
                continue;
            }
            const html = fs.readFileSync(path.join(book, folder, name), 'utf8');
            const main = html.slice(html.indexOf('<main>'), html.indexOf('</main>'));
            if (main.includes(term)) {
                pages.push(path.posix.join(folder, name).replace(/^\.\//, ''));
            }
        }
    }
    return pages.sort();
}

let failed = false;
for (const term of TERMS) {
    const results = searchIndex.search(term, options);
    const found = [...new Set(results.map(r => urls[r.ref].split('#')[0]))].sort();
    const expected = pagesContaining(term);
    const ok = expected.length > 0 && JSON.stringify(found) === JSON.stringify(expected);
    console.log(`  ${term}: ${results.length} sections in ${found.length} chapters` +
        (ok ? ` (${found.join(', ')})` : `; expected ${expected.join(', ') || 'some chapter'}, found ${found.join(', ') || 'nothing'}`));
    if (!results.every(r => r.doc.body.includes(term) || (r.doc.title + r.doc.breadcrumbs).includes(term))) {
        console.log(`  ${term}: a result's teaser does not show the term`);
        failed = true;
    }
    failed = failed || !ok;
    if (MUST_FIND[term] && !found.includes(MUST_FIND[term])) {
        console.log(`  ${term}: does not find ${MUST_FIND[term]}`);
        failed = true;
    }
}
// English still goes to elasticlunr, untouched.
const english = searchIndex.search('nagle', options);
console.log(`  nagle: ${english.length} sections (elasticlunr's own search)`);
failed = failed || english.length === 0;
process.exit(failed ? 1 : 0);
