//! A progress bar for long runs (indicatif), on a terminal only.
//!
//! `socklab run 5 --rounds 1000` times 4000 round trips, a quarter of
//! them waiting about 40 ms each for a delayed ACK: most of a minute with
//! nothing printed. A lab that loops for long calls [`start`] with the
//! number of steps and [`tick`] after each; the bar is drawn on stderr,
//! only when stderr is a terminal, so pipes, files, `--format json` and
//! tests see nothing of it. [`tick`] is one atomic load when no bar is
//! shown, so measuring code may call it freely.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use indicatif::{ProgressBar, ProgressStyle};

use crate::i18n;

/// Runs shorter than this many steps finish before a bar would help.
const SHOWN_FROM: u64 = 400;

static SHOWN: AtomicBool = AtomicBool::new(false);
static BAR: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// The bar of one long loop; dropping it clears the bar from the terminal.
pub struct Progress(());

/// Shows a bar of `total` steps labelled `what`, if the run is long and
/// stderr is a terminal.
pub fn start(total: u64, what: &str) -> Progress {
    if total >= SHOWN_FROM && std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(total).with_message(i18n::text(what).into_owned());
        let style =
            ProgressStyle::with_template(&i18n::text("{msg} [{bar:40}] {pos}/{len} · {eta} left"))
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
        bar.set_style(style);
        *BAR.lock().unwrap_or_else(PoisonError::into_inner) = Some(bar);
        SHOWN.store(true, Ordering::SeqCst);
    }
    Progress(())
}

/// One step done.
pub fn tick() {
    if SHOWN.load(Ordering::Relaxed)
        && let Some(bar) = BAR.lock().unwrap_or_else(PoisonError::into_inner).as_ref()
    {
        bar.inc(1);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        SHOWN.store(false, Ordering::SeqCst);
        if let Some(bar) = BAR.lock().unwrap_or_else(PoisonError::into_inner).take() {
            bar.finish_and_clear();
        }
    }
}
