//! `socklab dev check` on the repository, and on a copy of it where a lab
//! was added in only some of its places.

use std::fs;
use std::path::{Path, PathBuf};

use socklab::dev::Project;
use socklab::lab::{Lab, LabError, RunOptions};
use socklab::registry::LABS;
use socklab::report::CheckResult;
use socklab::roles::ROLES;

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn code_sheets_book_snapshots_and_readme_agree() {
    let project = Project {
        root: repository(),
        labs: LABS,
        roles: ROLES,
    };
    let problems = project.check();
    assert!(
        problems.is_empty(),
        "socklab dev check found {} problems:\n{}",
        problems.len(),
        problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// A copy of the files `dev check` reads, in a folder of its own that is
/// removed when the copy is dropped.
struct Copy(PathBuf);

impl Copy {
    fn of_repository() -> Copy {
        let root = std::env::temp_dir().join(format!(
            "socklab-consistency-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = fs::remove_dir_all(&root);
        for part in ["labs", "book/src", "snapshots", "i18n/zh-CN/labs"] {
            copy_tree(&repository().join(part), &root.join(part));
        }
        fs::copy(repository().join("README.md"), root.join("README.md")).unwrap();
        Copy(root)
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.0.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn no_checks(_: &RunOptions) -> Result<Vec<CheckResult>, LabError> {
    Ok(Vec::new())
}

const SHEET: &str = "# Lab 20: A new lab\n\nWhat happens.\n";

/// Lab 20, as a maintainer who has so far written its module, its sheet
/// and its registry line would have it.
static NEW_LAB: Lab = Lab {
    number: 20,
    slug: "new-lab",
    title: "A new lab",
    shows: "something new",
    summary: "",
    typical_run: "0.1 s",
    sheet: SHEET,
    sheet_zh_cn: "",
    experiment: no_checks,
};

#[test]
fn a_lab_added_in_only_some_places_is_caught_with_each_fix() {
    let copy = Copy::of_repository();
    copy.write("labs/20-new-lab/README.md", SHEET);
    let mut labs: Vec<&Lab> = LABS.to_vec();
    labs.push(&NEW_LAB);
    let project = Project {
        root: copy.0.clone(),
        labs: &labs,
        roles: ROLES,
    };
    let problems = project.check();
    let found = |needle: &str, fix: &str| {
        assert!(
            problems
                .iter()
                .any(|p| p.what.contains(needle) && p.fix.contains(fix)),
            "no problem about {needle:?} with fix {fix:?} in {problems:#?}"
        );
    };
    found(
        "book/src/labs/20-new-lab.md is missing",
        "copy another lab's chapter",
    );
    found(
        "snapshots/lab-20-new-lab.snap is missing",
        "INSTA_UPDATE=always cargo test --test labs",
    );
    found(
        "book/src/generated/20-new-lab.md is missing",
        "scripts/book-output.sh",
    );
    found("README.md's lab table differs", "dev sync");
    found("SUMMARY.md does not list the labs", "dev sync");
    found(
        "no Chinese sheet: labs/20-new-lab/README.zh-CN.md is missing",
        "i18n/TRANSLATING.md",
    );
    found(
        "no Chinese messages: i18n/zh-CN/labs/20-new-lab.ftl is missing",
        "cargo test --test i18n",
    );
    found(
        "book/src/generated/zh-CN/20-new-lab.md is missing",
        "scripts/book-output.sh",
    );
    assert_eq!(problems.len(), 8, "{problems:#?}");

    // `dev sync` writes the derived text; what is left needs a hand (the
    // chapter) or a run (snapshot, generated output).
    assert_eq!(
        project.sync().unwrap(),
        ["README.md", "book/src/SUMMARY.md"]
    );
    let readme = fs::read_to_string(copy.0.join("README.md")).unwrap();
    assert!(readme.contains("| 20 | `new-lab` | something new |"));
    let summary = fs::read_to_string(copy.0.join("book/src/SUMMARY.md")).unwrap();
    assert!(summary.contains("- [Lab 20: A new lab](labs/20-new-lab.md)"));
    assert_eq!(project.check().len(), 6);
}

#[test]
fn drift_and_leftovers_are_caught() {
    let copy = Copy::of_repository();
    // A hand edit of the generated lab table.
    let readme = fs::read_to_string(copy.0.join("README.md")).unwrap();
    copy.write(
        "README.md",
        &readme.replace(LABS[2].shows, "a hand-written line that drifted"),
    );
    // A sheet whose title no longer matches its lab.
    let sheet = format!("labs/{}/README.md", socklab::dev::file_stem(LABS[0]));
    copy.write(&sheet, "# Lab 1: Some other title\n");
    // The files of a lab that was removed from the registry.
    copy.write("snapshots/lab-42-removed.snap", "");
    let project = Project {
        root: copy.0.clone(),
        labs: LABS,
        roles: ROLES,
    };
    let problems: Vec<String> = project.check().iter().map(ToString::to_string).collect();
    let has = |needle: &str| {
        assert!(
            problems.iter().any(|p| p.contains(needle)),
            "no {needle:?} in {problems:#?}"
        )
    };
    has("README.md's lab table differs from the registry");
    has("nagle-sticky's module does not include labs/01-nagle-sticky/README.md");
    has("snapshots/lab-42-removed.snap belongs to no lab in the registry");
    assert_eq!(problems.len(), 3, "{problems:#?}");
}
