//! The schedules page adds up the chapters' minutes: it must agree with
//! them, and the full course must hold every lab exactly once.
//!
//! A chapter states its minutes in its "In class" line (`about 20
//! minutes`). A schedule row lists labs as links to their chapters and
//! ends with the row's minutes; the last row of a table is its total.

use std::collections::BTreeMap;
use std::fs;

mod pages;

use pages::root;
use socklab::registry::LABS;

/// Each lab's minutes, from its chapter.
fn chapter_minutes() -> BTreeMap<u8, u32> {
    LABS.iter()
        .map(|lab| {
            let path = root().join(format!("book/src/labs/{:02}-{}.md", lab.number, lab.slug));
            let text = fs::read_to_string(&path).unwrap();
            let minutes = text
                .split("about ")
                .skip(1)
                .find_map(|rest| {
                    rest.split_once(" minutes")
                        .and_then(|(n, _)| n.parse().ok())
                })
                .unwrap_or_else(|| {
                    panic!(
                        "{}: no `about N minutes` in its In class line",
                        path.display()
                    )
                });
            (lab.number, minutes)
        })
        .collect()
}

/// The labs a row links to, by the chapter file names in its links.
fn labs_linked(row: &str) -> Vec<u8> {
    row.split("](labs/")
        .skip(1)
        .filter_map(|rest| rest.get(..2)?.parse().ok())
        .collect()
}

/// The number in a row's last cell (bold or not).
fn last_number(row: &str) -> u32 {
    let cells: Vec<&str> = row.trim().trim_matches('|').split('|').collect();
    let cell = cells.last().unwrap().trim().trim_matches('*');
    cell.parse()
        .unwrap_or_else(|_| panic!("`{row}`: the last cell should be minutes"))
}

/// The rows of the table under `heading`, without its heading row and rule.
fn table(text: &str, heading: &str) -> Vec<String> {
    let section = text
        .split("\n## ")
        .find(|s| s.starts_with(heading))
        .unwrap_or_else(|| panic!("schedule.md has no `## {heading}` section"));
    section
        .lines()
        .filter(|l| l.starts_with('|'))
        .skip(2)
        .map(str::to_string)
        .collect()
}

fn check_table(rows: &[String], minutes: &BTreeMap<u8, u32>) -> Vec<u8> {
    let (total, rows) = rows.split_last().expect("a table with a total row");
    let mut labs = Vec::new();
    let mut sum = 0;
    for row in rows {
        let linked = labs_linked(row);
        assert!(!linked.is_empty(), "`{row}` links to no lab");
        let expected: u32 = linked.iter().map(|n| minutes[n]).sum();
        assert_eq!(
            last_number(row),
            expected,
            "`{row}`: its chapters add up to {expected} minutes"
        );
        assert!(expected <= 90, "`{row}` is longer than a 90-minute class");
        sum += expected;
        labs.extend(linked);
    }
    assert_eq!(
        last_number(total),
        sum,
        "`{total}`: the rows add up to {sum}"
    );
    labs
}

#[test]
fn the_schedules_add_up_the_chapters_minutes() {
    let text = fs::read_to_string(root().join("book/src/schedule.md")).unwrap();
    let minutes = chapter_minutes();
    let class = check_table(&table(&text, "One 90-minute class"), &minutes);
    assert!(class.len() >= 3);
    let mut course = check_table(&table(&text, "The full course"), &minutes);
    course.sort();
    let every: Vec<u8> = LABS.iter().map(|lab| lab.number).collect();
    assert_eq!(
        course, every,
        "the full course must hold every lab exactly once"
    );
    let total_labs = format!("**{} labs**", LABS.len());
    assert!(
        text.contains(&total_labs),
        "the full course's total row should say {total_labs}"
    );
}
