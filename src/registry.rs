//! The list of labs, and how a name on the command line finds one.

use std::fmt;

use crate::tr;

use crate::lab::Lab;
use crate::labs;

/// Every lab, in course order (declared once, in [`crate::labs`]).
pub const LABS: &[&Lab] = labs::ALL;

/// A lab name that matches nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLab {
    pub name: String,
    /// Whether the command takes `all` (`socklab run` does; `explain`,
    /// `serve` and `connect` take one lab), so the message offers it only
    /// where it works.
    pub all_allowed: bool,
}

impl fmt::Display for UnknownLab {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let last = LABS.last().map_or(0, |lab| lab.number);
        let example = LABS[0].slug;
        let line = if self.all_allowed {
            tr!(
                "unknown-lab-or-all",
                "unknown lab '{name}': give a number 1-{last}, a slug such as '{example}', or 'all' (see `socklab list`)",
                name = self.name,
                last = last,
                example = example
            )
        } else if self.name.eq_ignore_ascii_case("all") {
            tr!(
                "unknown-lab-all-not-here",
                "'all' is for `socklab run`; this command takes one lab: a number 1-{last} or a slug such as '{example}' (see `socklab list`)",
                last = last,
                example = example
            )
        } else {
            tr!(
                "unknown-lab",
                "unknown lab '{name}': give a number 1-{last} or a slug such as '{example}' (see `socklab list`)",
                name = self.name,
                last = last,
                example = example
            )
        };
        f.write_str(&line)
    }
}

impl std::error::Error for UnknownLab {}

/// Finds one lab by number (`3`, `03`) or slug (`udp-truncation`).
pub fn find(name: &str) -> Result<&'static Lab, UnknownLab> {
    let name = name.trim();
    let by_number = name.parse::<u8>().ok();
    LABS.iter()
        .copied()
        .find(|lab| Some(lab.number) == by_number || lab.slug.eq_ignore_ascii_case(name))
        .ok_or_else(|| UnknownLab {
            name: name.to_string(),
            all_allowed: false,
        })
}

/// Resolves the names given to `socklab run`: numbers, slugs or `all`, in
/// the order given, each lab once.
pub fn resolve(names: &[String]) -> Result<Vec<&'static Lab>, UnknownLab> {
    let mut chosen: Vec<&'static Lab> = Vec::new();
    for name in names {
        let found: Vec<&'static Lab> = if name.eq_ignore_ascii_case("all") {
            LABS.to_vec()
        } else {
            vec![find(name).map_err(|unknown| UnknownLab {
                all_allowed: true,
                ..unknown
            })?]
        };
        for lab in found {
            if !chosen.iter().any(|c| c.number == lab.number) {
                chosen.push(lab);
            }
        }
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_slugs_are_unique_and_in_order() {
        for (index, lab) in LABS.iter().enumerate() {
            assert_eq!(
                usize::from(lab.number),
                index + 1,
                "{} is out of order",
                lab.slug
            );
            assert_eq!(
                LABS.iter().filter(|other| other.slug == lab.slug).count(),
                1,
                "slug {} is used twice",
                lab.slug
            );
        }
    }

    #[test]
    fn finds_by_number_slug_and_all() {
        assert_eq!(find("3").unwrap().slug, "udp-truncation");
        assert_eq!(find("03").unwrap().number, 3);
        assert_eq!(find("nagle-sticky").unwrap().number, 1);
        let all = resolve(&["all".to_string(), "2".to_string()]).unwrap();
        assert_eq!(all.len(), LABS.len());
        let picked = resolve(&["udp-truncation".to_string(), "1".to_string()]).unwrap();
        assert_eq!(picked.iter().map(|l| l.number).collect::<Vec<_>>(), [3, 1]);
    }

    #[test]
    fn unknown_names_explain_the_fix() {
        let error = find("99").unwrap_err().to_string();
        assert!(error.contains("unknown lab '99'"), "{error}");
        assert!(error.contains("socklab list"), "{error}");
        assert!(!error.contains("'all'"), "one lab wanted: {error}");
        let error = resolve(&["99".to_string()]).unwrap_err().to_string();
        assert!(error.contains("or 'all'"), "run takes all: {error}");
        let error = find("all").unwrap_err().to_string();
        assert!(error.starts_with("'all' is for `socklab run`"), "{error}");
    }
}
