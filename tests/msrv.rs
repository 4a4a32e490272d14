//! `rust-version` in Cargo.toml is the oldest Rust that builds socklab: the
//! highest of what socklab's own code needs and what every locked dependency
//! declares. This test computes the dependency side from `cargo metadata`,
//! so adding or updating a dependency that needs a newer Rust fails here
//! instead of on a user's older toolchain.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// The oldest Rust that socklab's own code (src/ and tests/) compiles with.
const CODE_MSRV: &str = "1.88";

/// Why [`CODE_MSRV`] is what it is. Raise both together when the code starts
/// to use something newer, and write down what it was.
const MSRV_REASON: &str = "let-chains (`if let ... && let ...`, src/timeline.rs) are \
     stable from Rust 1.88 in edition 2024, and usize::is_multiple_of from 1.87 \
     (src/render/table.rs); clippy asks for both once rust-version allows them";

/// "1.88" or "1.88.0" as (major, minor, patch); a missing patch is 0.
fn parse(version: &str) -> (u64, u64, u64) {
    let mut parts = version.trim().split('.').map(|part| {
        part.parse::<u64>()
            .unwrap_or_else(|_| panic!("rust-version {version:?} is not a version number"))
    });
    let major = parts.next().unwrap_or(0);
    let minor = parts.next().unwrap_or(0);
    let patch = parts.next().unwrap_or(0);
    (major, minor, patch)
}

fn show((major, minor, patch): (u64, u64, u64)) -> String {
    if patch == 0 {
        format!("{major}.{minor}")
    } else {
        format!("{major}.{minor}.{patch}")
    }
}

fn metadata() -> Value {
    let manifest_dir = env!("CARGO_MANIFEST_DIR");
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(manifest_dir)
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata --format-version 1 --locked failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON")
}

#[test]
fn rust_version_is_what_the_code_and_the_dependencies_need() {
    let metadata = metadata();
    let members: Vec<&str> = metadata["workspace_members"]
        .as_array()
        .expect("workspace_members is a list")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let packages = metadata["packages"].as_array().expect("packages is a list");

    let own = packages
        .iter()
        .find(|package| package["name"] == env!("CARGO_PKG_NAME"))
        .expect("socklab is in cargo metadata");
    let own_version = own["rust_version"]
        .as_str()
        .map(parse)
        .expect("Cargo.toml sets rust-version");

    // Every dependency in the lock file, on any platform: each one that
    // declares a rust-version, with the highest first.
    let mut needs: Vec<((u64, u64, u64), String)> = packages
        .iter()
        .filter(|package| !members.contains(&package["id"].as_str().unwrap_or_default()))
        .filter_map(|package| {
            let version = parse(package["rust_version"].as_str()?);
            let name = format!(
                "{} {}",
                package["name"].as_str().unwrap_or("?"),
                package["version"].as_str().unwrap_or("?")
            );
            Some((version, name))
        })
        .collect();
    needs.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let dependency_max = needs
        .first()
        .map(|(version, _)| *version)
        .unwrap_or_default();
    let neediest: Vec<&str> = needs
        .iter()
        .filter(|(version, _)| *version == dependency_max)
        .map(|(_, name)| name.as_str())
        .collect();

    let code = parse(CODE_MSRV);
    let expected = code.max(dependency_max);
    let why = if dependency_max >= code {
        format!(
            "the dependencies need {} ({}); the code itself needs {CODE_MSRV} ({MSRV_REASON})",
            show(dependency_max),
            neediest.join(", ")
        )
    } else {
        format!(
            "the code needs {CODE_MSRV} ({MSRV_REASON}); the dependencies need only {} ({})",
            show(dependency_max),
            neediest.join(", ")
        )
    };
    assert!(
        own_version == expected,
        "Cargo.toml says rust-version = \"{}\" but socklab needs exactly {}: {why}.\n\
         Fix: set rust-version = \"{}\" in Cargo.toml and the toolchain line in README.md \
         (\"a Rust toolchain ({} or later)\"). If the code itself now needs a newer Rust, \
         raise CODE_MSRV in tests/msrv.rs and say why in MSRV_REASON.",
        show(own_version),
        show(expected),
        show(expected),
        show(expected),
    );
}

#[test]
fn the_readme_names_the_same_rust_version() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md is readable");
    let rust_version = env!("CARGO_PKG_RUST_VERSION");
    let line = format!("a Rust toolchain ({rust_version} or later)");
    assert!(
        readme.contains(&line),
        "README.md should say \"{line}\" to match rust-version in Cargo.toml: \
         fix the set-up line in README.md"
    );
}
