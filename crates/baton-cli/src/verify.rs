//! `baton verify`: run a repository's tests and inspect the change since a
//! base revision for reward hacking. Exit codes: 0 pass, 1 fail (the tests
//! fail), 2 suspicious (they pass, but the change looks like a hack), 64 a
//! usage error (nothing was verified).

use std::time::Duration;

use baton_config::Config;
use baton_verify::{Severity, Verdict, VerifyOptions};

use crate::cli::VerifyArgs;

pub const PASS: u8 = 0;
pub const FAIL: u8 = 1;
pub const SUSPICIOUS: u8 = 2;
/// sysexits' EX_USAGE: 2 already means "suspicious" here.
pub const USAGE: u8 = 64;

pub async fn run(args: VerifyArgs) -> u8 {
    let env = |var: &str| std::env::var(var).ok();
    let config = match Config::load(&args.workspace, &env) {
        Ok(config) => config,
        Err(error) => {
            errln!("baton verify: {error}");
            return USAGE;
        }
    };
    let threshold = match parse_threshold(
        args.threshold
            .as_deref()
            .unwrap_or(&config.verify.threshold),
    ) {
        Ok(threshold) => threshold,
        Err(error) => {
            errln!("baton verify: {error}");
            return USAGE;
        }
    };
    let timeout = args.timeout.unwrap_or(config.verify.timeout_secs);
    let dir = match std::path::absolute(&args.workspace) {
        Ok(dir) => dir,
        Err(error) => {
            errln!("baton verify: {}: {error}", args.workspace.display());
            return USAGE;
        }
    };
    let options = VerifyOptions {
        spill_dir: Some(dir.join(".baton").join("verify")),
        dir,
        base: args.base.clone(),
        task: args.task.clone(),
        run_tests: !args.no_tests,
        command: args
            .command
            .clone()
            .or_else(|| config.verify.command.clone()),
        timeout: Duration::from_secs_f64(timeout.max(0.001)),
        threshold,
    };
    let report = match baton_verify::verify(&options).await {
        Ok(report) => report,
        Err(error) => {
            errln!("baton verify: {error}");
            return USAGE;
        }
    };
    if args.json {
        match serde_json::to_string_pretty(&report) {
            Ok(json) => outln!("{json}"),
            Err(error) => {
                errln!("baton verify: cannot write JSON: {error}");
                return USAGE;
            }
        }
    } else {
        use std::io::Write as _;
        let _ = std::io::stdout().write_all(report.render_text().as_bytes());
    }
    match report.verdict {
        Verdict::Pass => PASS,
        Verdict::Fail => FAIL,
        Verdict::Suspicious => SUSPICIOUS,
    }
}

pub fn parse_threshold(text: &str) -> Result<Severity, String> {
    match text {
        "info" => Ok(Severity::Info),
        "low" => Ok(Severity::Low),
        "medium" => Ok(Severity::Medium),
        "high" => Ok(Severity::High),
        other => Err(format!(
            "`{other}` is not a severity; use low, medium or high"
        )),
    }
}
