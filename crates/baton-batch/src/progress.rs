//! Reporting a batch's progress as it goes.

/// Told about each input as the batch runs. Called from the one task that
/// drives the batch, never concurrently, but `Sync` so the batch's future can
/// move between threads.
pub trait Progress: Send + Sync {
    /// The batch starts; `total` is the number of input lines (capped by the
    /// limit), when known.
    fn start(&self, total: Option<u64>);
    /// One input finished: its cost, and whether it failed (or was invalid).
    fn advance(&self, cost_usd: f64, failed: bool);
    /// One input needed no work (done before, or a duplicate): it leaves the
    /// total rather than counting as progress, so the rate and the ETA
    /// reflect only records actually run.
    fn skip(&self) {}
    /// The batch is over.
    fn finish(&self);
}

/// Reports nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _total: Option<u64>) {}
    fn advance(&self, _cost_usd: f64, _failed: bool) {}
    fn finish(&self) {}
}

#[cfg(feature = "indicatif")]
pub use bar::IndicatifProgress;

#[cfg(feature = "indicatif")]
mod bar {
    use std::sync::{Mutex, PoisonError};

    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

    use super::Progress;

    /// A terminal progress bar on stderr: records done out of the total,
    /// rate, ETA, running cost and failures. Draws nothing when stderr is
    /// not a terminal.
    #[derive(Debug)]
    pub struct IndicatifProgress {
        bar: ProgressBar,
        tally: Mutex<Tally>,
    }

    #[derive(Debug, Default)]
    struct Tally {
        cost_usd: f64,
        failed: u64,
    }

    impl IndicatifProgress {
        /// A bar drawn on stderr.
        pub fn new() -> Self {
            Self::with_target(ProgressDrawTarget::stderr())
        }

        /// A bar drawn where the caller says (`hidden()` in tests).
        pub fn with_target(target: ProgressDrawTarget) -> Self {
            let bar = ProgressBar::with_draw_target(None, target);
            Self {
                bar,
                tally: Mutex::new(Tally::default()),
            }
        }

        /// The underlying bar, for a caller that prints around it.
        pub fn bar(&self) -> &ProgressBar {
            &self.bar
        }

        fn message(tally: &Tally) -> String {
            if tally.failed == 0 {
                format!("${:.4}", tally.cost_usd)
            } else {
                format!("${:.4}, {} failed", tally.cost_usd, tally.failed)
            }
        }
    }

    impl Default for IndicatifProgress {
        fn default() -> Self {
            Self::new()
        }
    }

    impl Progress for IndicatifProgress {
        fn start(&self, total: Option<u64>) {
            let template = match total {
                Some(_) => "{elapsed_precise} [{wide_bar}] {pos}/{len} {per_sec} ETA {eta} {msg}",
                None => "{spinner} {elapsed_precise} {pos} {per_sec} {msg}",
            };
            // A template that fails to parse only loses the styling.
            if let Ok(style) = ProgressStyle::with_template(template) {
                self.bar.set_style(style.progress_chars("=> "));
            }
            if let Some(total) = total {
                self.bar.set_length(total);
            }
            self.bar.set_message(Self::message(&Tally::default()));
        }

        fn advance(&self, cost_usd: f64, failed: bool) {
            let mut tally = self.tally.lock().unwrap_or_else(PoisonError::into_inner);
            tally.cost_usd += cost_usd;
            tally.failed += u64::from(failed);
            self.bar.set_message(Self::message(&tally));
            self.bar.inc(1);
        }

        fn skip(&self) {
            if self
                .bar
                .length()
                .is_some_and(|len| len > self.bar.position())
            {
                self.bar.dec_length(1);
            }
        }

        fn finish(&self) {
            self.bar.finish();
        }
    }
}
