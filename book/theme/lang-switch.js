// The language switch: a link in the menu bar of every page to the same
// page in the book's other edition, "中文" in the English book and
// "English" in the Chinese one.
//
// scripts/book-i18n.sh build puts the zh-CN edition at zh-CN/ under the
// English book's root. mdBook sets `path_to_root` in every page (the way
// from this page up to its edition's root) and <html lang> from
// book.language, so the page's path inside its edition, and from it the
// same page in the other edition, follow from the page's own URL. The
// anchor is kept: translated headings keep their English ids.
(function () {
    'use strict';

    const ZH = 'zh-CN';
    const inChinese = document.documentElement.lang === ZH;
    const buttons = document.querySelector('#mdbook-menu-bar .right-buttons');
    if (!buttons || typeof path_to_root === 'undefined') {
        return;
    }

    const here = new URL(window.location.href);
    // path_to_root is "" at the root: the folder, not the page itself.
    const root = new URL(path_to_root || './', here);
    // index.html and a folder's bare URL are the same page.
    let page = here.pathname.startsWith(root.pathname) ? here.pathname.slice(root.pathname.length) : '';
    page = decodeURIComponent(page);
    const otherRoot = inChinese ? new URL('../', root) : new URL(ZH + '/', root);
    const target = new URL(page, otherRoot);
    target.hash = here.hash;

    const link = document.createElement('a');
    link.className = 'socklab-lang';
    link.href = target.href;
    link.hreflang = inChinese ? 'en' : ZH;
    link.lang = inChinese ? 'en' : ZH;
    link.textContent = inChinese ? 'English' : '中文';
    link.title = inChinese ? 'Read this page in English' : '阅读本页的中文版';
    link.setAttribute('aria-label', link.title);
    // Follow the reader's scrolling: the anchor may have changed since the
    // page loaded.
    link.addEventListener('click', () => {
        const now = new URL(link.href);
        now.hash = window.location.hash;
        link.href = now.href;
    });
    buttons.insertBefore(link, buttons.firstChild);
})();
