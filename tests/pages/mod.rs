//! The markdown a reader sees, for the tests that read the book: its own
//! pages (not book/src/generated/, which is the labs' own output) and the
//! lab sheets (labs/NN-slug/README.md), which the chapters include, in
//! English and in Chinese (README.zh-CN.md, the zh-CN edition's).

use std::fs;
use std::path::PathBuf;

use socklab::registry::LABS;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every page, in a stable order. (Not every test that reads the book
/// reads every page.)
#[allow(dead_code)]
pub fn reader_pages() -> Vec<PathBuf> {
    let mut pages = Vec::new();
    let mut folders = vec![root().join("book/src")];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() && !path.ends_with("generated") {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                pages.push(path);
            }
        }
    }
    for lab in LABS {
        for sheet in ["README.md", "README.zh-CN.md"] {
            pages.push(root().join(format!("labs/{:02}-{}/{sheet}", lab.number, lab.slug)));
        }
    }
    pages.sort();
    pages
}
