//! The `baton` command. Argument parsing, wiring and rendering only: the
//! logic lives in the library crates.

/// `println!`/`eprintln!` panic when the other end has gone away
/// (`baton models | head`); output that nobody reads is not an error.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod approve;
mod cai;
mod chat;
mod cli;
mod compact;
mod conformance;
mod local;
mod mcp;
mod models;
mod orchestra;
mod prepare;
mod render;
mod route;
mod run;
mod serve;
mod sessions;
mod store;
mod tools;
mod trace;
mod verify;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};

/// Exit codes, documented in the README.
pub mod exit {
    pub const SUCCESS: u8 = 0;
    /// The run ended without success: a model error, a refusal.
    pub const FAILURE: u8 = 1;
    /// Bad usage or configuration; nothing ran.
    pub const USAGE: u8 = 2;
    /// A budget (such as --max-turns) ran out.
    pub const BUDGET: u8 = 3;
    /// Interrupted by Ctrl-C.
    pub const CANCELLED: u8 = 130;
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            // `baton verify` gives 2 for "suspicious", so its usage errors
            // need a code of their own.
            let verifying = std::env::args().nth(1).as_deref() == Some("verify");
            let code = match error.exit_code() {
                0 => 0,
                _ if verifying => verify::USAGE,
                code => u8::try_from(code).unwrap_or(exit::USAGE),
            };
            return ExitCode::from(code);
        }
    };
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            errln!("baton: cannot start the async runtime: {error}");
            return ExitCode::from(exit::FAILURE);
        }
    };
    let code = runtime.block_on(async {
        match cli.command {
            Command::Run(args) => run::run(args).await,
            Command::Mcp(args) => match &args.action {
                cli::McpAction::List { json } => mcp::list(&args, *json).await,
                cli::McpAction::Test { name } => mcp::test(&args, name).await,
                cli::McpAction::Add(add) => mcp::add(&args, add),
                cli::McpAction::Remove { name } => mcp::remove(&args, name),
                cli::McpAction::Login(login) => mcp::login(&args, login).await,
                cli::McpAction::Logout { name } => mcp::logout(&args, name),
                cli::McpAction::Serve(serve_args) => serve::serve(&args, serve_args).await,
                cli::McpAction::ConformanceClient { url } => conformance::client(url).await,
            },
            Command::Models(args) => match args.action {
                Some(cli::ModelsAction::Pull(pull)) => local::pull(pull),
                None => models::list(args),
            },
            Command::Route(args) => route::run(args),
            Command::Trace(args) => trace::run(&args).await,
            Command::Sessions(args) => sessions::run(args).await,
            Command::Resume(args) => sessions::resume(args).await,
            Command::Compact(args) => sessions::compact(args).await,
            Command::Verify(args) => verify::run(args).await,
            Command::Cai(args) => cai::run(args).await,
        }
    });
    // Tool tasks that ignored cancellation must not keep the process alive.
    runtime.shutdown_background();
    ExitCode::from(code)
}

/// Diagnostics go to stderr, off unless BATON_LOG asks (e.g. BATON_LOG=debug),
/// so they never mix with `--json` output or the rendered run.
fn init_logging() {
    let Ok(filter) = std::env::var("BATON_LOG") else {
        return;
    };
    let mut filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    // rmcp's OAuth code logs the authorization code at debug level; never
    // let secrets into a log, whatever BATON_LOG asks for.
    if filter
        .max_level_hint()
        .is_none_or(|level| level > tracing_subscriber::filter::LevelFilter::INFO)
    {
        for quiet in ["rmcp::transport::auth=info", "oauth2=info"] {
            if let Ok(directive) = quiet.parse() {
                filter = filter.add_directive(directive);
            }
        }
    }
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
