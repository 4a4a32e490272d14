//! socklab's own words in English or Simplified Chinese (zh-CN).
//!
//! The course socklab follows is taught in Chinese, so its readers look
//! for 粘包 and 拆包, not "sticky packets". Everything socklab says (lab
//! titles, check names, verdicts, narration, errors, help) can be said in
//! Chinese; what it *measured* never changes: byte strings, numbers, errno
//! names and TCP states are the same in both languages, and `--format json`
//! keeps its keys and ids in English.
//!
//! English is the source and the fallback. It stays in the code, where a
//! student reads it next to the socket call it describes. The Chinese lives
//! in Fluent files (`i18n/zh-CN/*.ftl`, <https://projectfluent.org>), read
//! with the Project Fluent crates. Each Chinese message carries the English
//! it translates in its `.en` attribute, and socklab finds a translation by
//! that English text, the way gettext finds one by its msgid:
//!
//! ```text
//! lab3-recv-8-of-10 = recv(8) 读取 b"1234567890"
//!     .en = recv(8) of b"1234567890"
//! ```
//!
//! When the English changes, the old translation no longer matches and the
//! English is shown until someone translates it again; the i18n tests name
//! every such message. Messages with arguments (the tally line, error
//! messages) go through [`tr!`](crate::tr), which names the message and
//! gives its English template and arguments.
//!
//! The language comes from `--lang`, else from the locale variables in
//! POSIX order (LC_ALL, then LC_MESSAGES, then LANG): one that starts with
//! `zh` means Chinese, anything else English.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_syntax::ast;

/// The languages socklab speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// English, the source of every message.
    #[default]
    #[value(name = "en")]
    En,
    /// Simplified Chinese, the course's own language.
    #[value(name = "zh-CN", alias = "zh", alias = "zh_CN", alias = "zh-cn")]
    ZhCn,
}

impl Lang {
    /// The language tag, as in `--lang` and the JSON `lang` field.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language the locale variables ask for: the first of LC_ALL,
    /// LC_MESSAGES and LANG that is set and not empty decides (locale(7)).
    pub fn from_environment() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .map_or(Lang::En, |value| Lang::from_locale(&value))
    }

    /// `zh_CN.UTF-8`, `zh_TW`, `zh` → Chinese; `C`, `en_US.UTF-8` → English.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.starts_with("zh") {
            Lang::ZhCn
        } else {
            Lang::En
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Chooses the language for everything socklab says from now on. `main`
/// calls it once, before any thread starts.
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::SeqCst);
}

/// The language socklab is speaking.
pub fn current() -> Lang {
    match CURRENT.load(Ordering::SeqCst) {
        0 => Lang::En,
        _ => Lang::ZhCn,
    }
}

/// The language `--lang` names in `args`, if any. `main` needs it before
/// clap parses the arguments, so that `--help` is already in Chinese.
pub fn lang_argument<S: AsRef<str>>(args: &[S]) -> Option<Lang> {
    let mut args = args.iter().map(AsRef::as_ref);
    while let Some(arg) = args.next() {
        if arg == "--" {
            return None;
        }
        let value = match arg.strip_prefix("--lang") {
            Some("") => args.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        if let Some(value) = value {
            return <Lang as clap::ValueEnum>::from_str(value, true).ok();
        }
    }
    None
}

/// `english` in the current language. A leading indent (a sub-check in a
/// table) is kept and is not part of the message.
pub fn text(english: &str) -> Cow<'_, str> {
    if current() == Lang::En {
        return Cow::Borrowed(english);
    }
    let body = english.trim_start_matches(' ');
    let indent = &english[..english.len() - body.len()];
    match zh_cn().by_english(body.trim_end()) {
        Some(chinese) => Cow::Owned(format!("{indent}{chinese}")),
        None => {
            record_missing(body);
            Cow::Borrowed(english)
        }
    }
}

/// The message `id` with `args`, in `lang`; `None` when it has no
/// translation (then [`tr!`](crate::tr) prints the English). Used by `tr!`.
pub fn message(lang: Lang, id: &str, args: &[(&str, String)]) -> Option<String> {
    match lang {
        Lang::En => None,
        Lang::ZhCn => {
            let found = zh_cn().format(id, args);
            if found.is_none() {
                record_missing(id);
            }
            found
        }
    }
}

/// A message of socklab's own, with arguments: its id, its English template
/// (a `format!` string) and its arguments.
///
/// ```
/// # use socklab::tr;
/// let line = tr!("tally-counts", "{passed} passed, {mismatched} mismatched",
///     passed = 19, mismatched = 0);
/// assert_eq!(line, "19 passed, 0 mismatched");
/// ```
///
/// In Chinese the message `tally-counts` of `i18n/zh-CN/socklab.ftl` is
/// formatted with the same arguments (`{ $passed }`); its `.en` attribute
/// holds the English template, which the i18n tests compare with the code.
#[macro_export]
macro_rules! tr {
    ($id:literal, $english:literal $(, $name:ident = $value:expr)* $(,)?) => {
        match ($(&$value,)*) {
            ($($name,)*) => match $crate::i18n::current() {
                $crate::i18n::Lang::En => format!($english $(, $name = $name)*),
                lang => $crate::i18n::message(
                    lang,
                    $id,
                    &[$((stringify!($name), $name.to_string())),*],
                )
                .unwrap_or_else(|| format!($english $(, $name = $name)*)),
            },
        }
    };
}

/// The Chinese messages socklab carries, built from its files once.
pub struct Catalog {
    bundle: FluentBundle<FluentResource>,
    /// English text (the `.en` attribute) → message id (the first, when
    /// two messages translate one English text).
    ids_by_english: HashMap<String, String>,
    /// Every message with an `.en`: (id, English), in file order.
    english: Vec<(String, String)>,
    /// Files that did not parse, with the parser's complaint.
    pub errors: Vec<String>,
}

/// socklab's zh-CN files beside the labs' ([`ZH_CN_LAB_FILES`]): its own
/// words, the error contexts, the exercises, the command line and the
/// classroom roles (serve, connect) and doctor.
pub const ZH_CN_FILES: &[(&str, &str)] = &[
    ("socklab.ftl", include_str!("../i18n/zh-CN/socklab.ftl")),
    ("steps.ftl", include_str!("../i18n/zh-CN/steps.ftl")),
    ("exercises.ftl", include_str!("../i18n/zh-CN/exercises.ftl")),
    ("cli.ftl", include_str!("../i18n/zh-CN/cli.ftl")),
    ("roles.ftl", include_str!("../i18n/zh-CN/roles.ftl")),
];

impl Catalog {
    /// Parses `files`; entries that do not parse are left out and listed
    /// in [`Catalog::errors`].
    pub fn new(files: &[(&str, &str)]) -> Catalog {
        let chinese = "zh-CN".parse().expect("zh-CN is a language tag");
        let mut bundle = FluentBundle::new_concurrent(vec![chinese]);
        // Unicode isolation marks around arguments would end up in tables
        // and in JSON: the arguments here are numbers and code.
        bundle.set_use_isolating(false);
        let mut errors = Vec::new();
        let mut ids = Vec::new();
        for (file, source) in files {
            let resource = match FluentResource::try_new(source.to_string()) {
                Ok(resource) => resource,
                Err((resource, parse_errors)) => {
                    errors.push(format!("{file}: {parse_errors:?}"));
                    resource
                }
            };
            for entry in resource.entries() {
                if let ast::Entry::Message(message) = entry {
                    ids.push(message.id.name.to_string());
                }
            }
            if let Err(duplicates) = bundle.add_resource(resource) {
                errors.push(format!("{file}: {duplicates:?}"));
            }
        }
        let mut catalog = Catalog {
            bundle,
            ids_by_english: HashMap::new(),
            english: Vec::new(),
            errors,
        };
        for id in ids {
            if let Some(english) = catalog.attribute(&id, "en") {
                catalog
                    .ids_by_english
                    .entry(english.clone())
                    .or_insert(id.clone());
                catalog.english.push((id, english));
            }
        }
        catalog
    }

    /// The Chinese for this English text, if there is one.
    pub fn by_english(&self, english: &str) -> Option<String> {
        let id = self.ids_by_english.get(english)?;
        self.format(id, &[])
    }

    /// Message `id` formatted with `args`.
    pub fn format(&self, id: &str, args: &[(&str, String)]) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        errors.is_empty().then(|| text.trim_end().to_string())
    }

    /// The text of attribute `name` of message `id` (`.en`: its English).
    pub fn attribute(&self, id: &str, name: &str) -> Option<String> {
        let message = self.bundle.get_message(id)?;
        let pattern = message.get_attribute(name)?.value();
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, None, &mut errors);
        errors.is_empty().then(|| text.trim_end().to_string())
    }

    /// Every message id with its English (`.en`), in file order.
    pub fn english_of_every_message(&self) -> impl Iterator<Item = (&str, &str)> {
        self.english
            .iter()
            .map(|(id, english)| (id.as_str(), english.as_str()))
    }
}

/// Each lab's Chinese messages (title, summary, check names, narration),
/// `i18n/zh-CN/labs/NN-slug.ftl`, by the lab's file stem. `socklab dev
/// check` names a lab that has none.
macro_rules! lab_files {
    ($($stem:literal),* $(,)?) => {
        &[$(($stem, include_str!(concat!("../i18n/zh-CN/labs/", $stem, ".ftl")))),*]
    };
}

pub const ZH_CN_LAB_FILES: &[(&str, &str)] = lab_files![
    "01-nagle-sticky",
    "02-partial-recv",
    "03-udp-truncation",
    "04-reuseaddr-timewait",
    "05-nodelay-latency",
    "06-framing",
    "07-close-and-reset",
    "08-short-writes",
    "09-encodings",
    "10-segmentation",
    "11-udp-datagrams",
    "12-backlog",
    "13-tcp-states",
    "14-concurrency",
    "15-hmac-auth",
    "16-file-transfer",
    "17-remote-command",
    "18-nonblocking-timeouts",
    "19-unix-sockets",
    "20-retransmission",
    "21-udp-loss",
    "22-delay-and-window",
];

/// socklab's Chinese messages: its own files and every lab's.
pub fn zh_cn() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::new(&[ZH_CN_FILES, ZH_CN_LAB_FILES].concat()))
}

/// For translators: with `SOCKLAB_I18N_MISSING=FILE`, every English text or
/// message id socklab had to print untranslated is appended to FILE, one
/// per line (`SOCKLAB_I18N_MISSING=missing.txt socklab run all --lang zh-CN
/// --step`). The i18n tests use it to find untranslated messages.
fn record_missing(english: &str) {
    let Some(path) = std::env::var_os("SOCKLAB_I18N_MISSING") else {
        return;
    };
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let line = serde_json::to_string(english).expect("a string serialises");
        let _ = writeln!(file, "{line}");
    }
}

/// `english` as a Fluent message for `i18n/zh-CN/`, to be translated: the
/// value still English, `.en` the key. Tests print these for every message
/// they find untranslated, ready to paste.
pub fn fluent_entry(id: &str, english: &str) -> String {
    fn escaped(text: &str) -> String {
        let text = text.replace('{', "\u{0}").replace('}', "{\"}\"}");
        let text = text.replace('\u{0}', "{\"{\"}");
        match text.chars().next() {
            Some('[' | '*' | '.') => format!("{{\"\"}}{text}"),
            _ => text,
        }
    }
    fn pattern(text: &str, indent: &str) -> String {
        if text.contains('\n') {
            let lines: Vec<String> = text
                .lines()
                .map(|line| format!("{indent}    {}", escaped(line)))
                .collect();
            format!("\n{}", lines.join("\n"))
        } else {
            format!(" {}", escaped(text))
        }
    }
    let english = english.trim_start_matches(' ');
    format!(
        "{id} ={}\n    .en ={}\n",
        pattern(english, ""),
        pattern(english, "    ")
    )
}

/// Display width in terminal columns: a CJK character takes two.
pub fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` followed by spaces up to `columns` display columns (`{:<N}`
/// counts characters, which misaligns Chinese).
pub fn pad_end(text: &str, columns: usize) -> String {
    format!("{text}{}", " ".repeat(columns.saturating_sub(width(text))))
}

/// Spaces, then `text`, `columns` display columns in all (`{:>N}`).
pub fn pad_start(text: &str, columns: usize) -> String {
    format!("{}{text}", " ".repeat(columns.saturating_sub(width(text))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_variables_choose_chinese_when_they_start_with_zh() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::ZhCn);
        assert_eq!(Lang::from_locale("zh_TW"), Lang::ZhCn);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
    }

    #[test]
    fn the_lang_argument_is_found_before_parsing() {
        assert_eq!(
            lang_argument(&["run", "1", "--lang", "zh-CN"]),
            Some(Lang::ZhCn)
        );
        assert_eq!(
            lang_argument(&["--lang=zh_CN", "run", "1"]),
            Some(Lang::ZhCn)
        );
        assert_eq!(lang_argument(&["--lang", "en", "run"]), Some(Lang::En));
        assert_eq!(lang_argument(&["run", "1"]), None);
        // A student's program after `--` may have a --lang of its own.
        assert_eq!(
            lang_argument(&["check", "1.1", "--", "x", "--lang", "zh"]),
            None
        );
    }

    #[test]
    fn a_translation_is_found_by_its_english_and_formats_its_arguments() {
        let catalog = Catalog::new(&[(
            "test.ftl",
            "greeting = 你好 {\"{\"}x{\"}\"}\n    .en = hello {\"{\"}x{\"}\"}\n\
             tally = { $passed } 项通过\n    .en = {\"{\"}passed{\"}\"} passed\n",
        )]);
        assert!(catalog.errors.is_empty(), "{:?}", catalog.errors);
        assert_eq!(catalog.by_english("hello {x}").as_deref(), Some("你好 {x}"));
        assert_eq!(catalog.by_english("goodbye"), None);
        let args = [("passed", "19".to_string())];
        assert_eq!(catalog.format("tally", &args).as_deref(), Some("19 项通过"));
        assert_eq!(catalog.english_of_every_message().count(), 2);
    }

    #[test]
    fn an_untranslated_entry_parses_back_to_its_english() {
        let english = "recv({n}) of b\"x\"\n[second line]";
        let entry = fluent_entry("test-entry", english);
        let catalog = Catalog::new(&[("test.ftl", &entry)]);
        assert!(catalog.errors.is_empty(), "{entry}\n{:?}", catalog.errors);
        assert_eq!(catalog.by_english(english).as_deref(), Some(english));
    }

    #[test]
    fn chinese_characters_are_two_columns_wide() {
        assert_eq!(width("粘包"), 4);
        assert_eq!(width("b\"hello\""), 8);
    }
}
