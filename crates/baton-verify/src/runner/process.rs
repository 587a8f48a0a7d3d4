//! One shell command, run the way `baton verify` runs tests: in its own
//! process group, with a clean environment, output captured, and a timeout
//! that kills everything the command started.

use std::ffi::OsString;
use std::io;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant};

use baton_tools::GroupGuard;
use tokio::io::AsyncReadExt;
use tokio::io::AsyncWriteExt;
use tokio::net::unix::pipe;

use super::Runner;

/// Variables passed through from baton's environment; everything else is
/// dropped. Toolchains need these to find themselves, their caches and the
/// network; what is dropped (API keys, `CI`-style switches, `PYTEST_ADDOPTS`,
/// `GOFLAGS`, `RUSTFLAGS`, `CARGO_*` set by an outer cargo, …) could leak
/// secrets to the code under test or change which tests run.
const KEPT: &[&str] = &[
    "PATH",
    "HOME",
    "USER",
    "LOGNAME",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "TZ",
    "TMPDIR",
    "XDG_CACHE_HOME",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "no_proxy",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "LD_LIBRARY_PATH",
    "PKG_CONFIG_PATH",
    // Rust: the toolchain, and the build cache (sharing it only saves time).
    "CARGO_HOME",
    "RUSTUP_HOME",
    "RUSTUP_TOOLCHAIN",
    "CARGO_TARGET_DIR",
    // Go.
    "GOROOT",
    "GOPATH",
    "GOCACHE",
    "GOMODCACHE",
    "GOPROXY",
    "GOPRIVATE",
    "GONOPROXY",
    "GONOSUMDB",
    "GOSUMDB",
    "GOTOOLCHAIN",
    // Python: interpreters, virtualenvs, pyenv and conda.
    "VIRTUAL_ENV",
    "PYENV_ROOT",
    "PYENV_VERSION",
    "PYENV_SHELL",
    "PYENV_DIR",
    "PYTHONHOME",
    "PYTHONPATH",
    "CONDA_PREFIX",
    "CONDA_DEFAULT_ENV",
    "PIP_CACHE_DIR",
    "PIP_INDEX_URL",
    "PIP_EXTRA_INDEX_URL",
    // Node.
    "NVM_DIR",
    "NVM_BIN",
    "VOLTA_HOME",
    "NODE_PATH",
    "npm_config_cache",
    "NPM_CONFIG_CACHE",
    "npm_config_registry",
    "NPM_CONFIG_REGISTRY",
    "YARN_CACHE_FOLDER",
    "PNPM_HOME",
];

/// The child's whole environment, from the parent's and the runner's.
pub(crate) fn child_env(
    parent: impl IntoIterator<Item = (OsString, OsString)>,
    runner: &Runner,
) -> Vec<(OsString, OsString)> {
    let mut env: Vec<(OsString, OsString)> = parent
        .into_iter()
        .filter(|(key, _)| KEPT.iter().any(|kept| key == kept))
        .collect();
    if !runner.path_prefix.is_empty() {
        let old = env
            .iter()
            .position(|(key, _)| key == "PATH")
            .map(|at| env.remove(at).1);
        let mut dirs: Vec<PathBuf> = runner.path_prefix.clone();
        if let Some(old) = &old {
            dirs.extend(std::env::split_paths(old));
        }
        // A directory with a ':' in its name cannot be on PATH; skip the
        // prefix rather than fail the run.
        if let Ok(path) = std::env::join_paths(dirs) {
            env.push(("PATH".into(), path));
        } else if let Some(old) = old {
            env.push(("PATH".into(), old));
        }
    }
    let mut set = |key: &str, value: OsString| {
        env.retain(|(k, _)| k != key);
        env.push((key.into(), value));
    };
    // Test runners switch to plain, non-interactive output under these.
    set("CI", "1".into());
    set("NO_COLOR", "1".into());
    for (key, value) in &runner.env {
        set(key, value.into());
    }
    env
}

/// How the command ended.
#[derive(Debug)]
pub(crate) enum Ending {
    Exited(ExitStatus),
    TimedOut,
    /// Waiting for the shell failed; the group was killed.
    Lost(io::Error),
}

/// What a finished command left.
#[derive(Debug)]
pub(crate) struct Finished {
    pub ending: Ending,
    /// The last `cap` bytes of output (all of it when shorter).
    pub tail: String,
    /// The whole output, when it was longer than the tail and a spill
    /// directory was given.
    pub spill_file: Option<PathBuf>,
    pub duration: Duration,
}

pub(crate) struct Options<'a> {
    pub cap: usize,
    pub spill_dir: Option<&'a Path>,
    /// Names the spill file.
    pub label: &'a str,
}

const CHUNK: usize = 16 * 1024;
/// After the shell exits, how long a background job may keep writing.
const DRAIN_IDLE: Duration = Duration::from_millis(200);
const DRAIN_TOTAL: Duration = Duration::from_secs(2);
const REAP_WAIT: Duration = Duration::from_secs(5);

/// Runs `bash -c command` in `dir`; `on_line` sees every line of output.
pub(crate) async fn execute(
    dir: &Path,
    command: &str,
    runner: &Runner,
    timeout: Duration,
    options: Options<'_>,
    on_line: &mut (dyn FnMut(&str) + Send),
) -> io::Result<Finished> {
    let started = Instant::now();
    let (reader, writer) = io::pipe()?;
    let stderr = writer.try_clone()?;
    let mut output = pipe::Receiver::from_owned_fd(OwnedFd::from(reader))?;
    // Python trusts a cached .pyc whose source has the same size and mtime
    // second: an edit made within a second of the last run can go unseen.
    // A fresh cache per run means the tests always run the code as it is.
    let pycache = tempfile::tempdir()?;
    let mut builder = tokio::process::Command::new("bash");
    builder
        .arg("-c")
        .arg(command)
        .current_dir(dir)
        .env_clear()
        .envs(child_env(std::env::vars_os(), runner))
        .env("PYTHONPYCACHEPREFIX", pycache.path())
        .stdin(Stdio::null())
        // One pipe for both streams keeps stdout and stderr in the order written.
        .stdout(writer)
        .stderr(stderr)
        // Its own group, so one signal reaches everything the tests start.
        .process_group(0)
        .kill_on_drop(true);
    let mut child = builder.spawn()?;
    // The builder holds our copies of the write end; until they close, the
    // pipe never reports end-of-file.
    drop(builder);
    let pid = child
        .id()
        .ok_or_else(|| io::Error::other("bash exited before it could be tracked"))?;
    let mut group = GroupGuard::new(pid);
    let mut capture = Capture::new(options, pid);
    let mut lines = Lines::default();
    let mut chunk = vec![0u8; CHUNK];
    let mut open = true;
    let deadline = tokio::time::sleep(timeout);
    tokio::pin!(deadline);
    let ending = loop {
        tokio::select! {
            // The timeout first, so a flood of output cannot starve it; reading
            // before waiting so output already written is not left behind.
            biased;
            () = &mut deadline => break Ending::TimedOut,
            read = output.read(&mut chunk), if open => match read {
                Ok(0) | Err(_) => open = false,
                Ok(count) => {
                    let data = chunk.get(..count).unwrap_or_default();
                    capture.push(data).await?;
                    lines.push(data, on_line);
                }
            },
            status = child.wait() => break match status {
                Ok(status) => Ending::Exited(status),
                Err(error) => Ending::Lost(error),
            },
        }
    };
    if matches!(ending, Ending::Exited(_)) && open {
        // The shell is gone but a background job may still hold the pipe:
        // take what is already there before ending the job.
        open = drain(&mut output, &mut capture, &mut lines, &mut chunk, on_line).await?;
    }
    group.kill();
    if !matches!(ending, Ending::Exited(_)) {
        // Reap the shell so it does not linger as a zombie.
        let _ = tokio::time::timeout(REAP_WAIT, child.wait()).await;
    }
    if open {
        drain(&mut output, &mut capture, &mut lines, &mut chunk, on_line).await?;
    }
    lines.finish(on_line);
    let (tail, spill_file) = capture.finish().await?;
    Ok(Finished {
        ending,
        tail,
        spill_file,
        duration: started.elapsed(),
    })
}

/// Reads until end-of-file or until the pipe goes quiet, within a bound.
/// Returns whether the pipe is still open.
async fn drain(
    output: &mut pipe::Receiver,
    capture: &mut Capture<'_>,
    lines: &mut Lines,
    chunk: &mut [u8],
    on_line: &mut (dyn FnMut(&str) + Send),
) -> io::Result<bool> {
    let stop = tokio::time::Instant::now() + DRAIN_TOTAL;
    loop {
        let quiet = (tokio::time::Instant::now() + DRAIN_IDLE).min(stop);
        match tokio::time::timeout_at(quiet, output.read(chunk)).await {
            Ok(Ok(0) | Err(_)) => return Ok(false),
            Ok(Ok(count)) => {
                let data = chunk.get(..count).unwrap_or_default();
                capture.push(data).await?;
                lines.push(data, on_line);
            }
            Err(_elapsed) => return Ok(true),
        }
    }
}

/// The output's last `cap` bytes, and all of it in a file once it outgrows
/// them.
struct Capture<'a> {
    options: Options<'a>,
    pid: u32,
    bytes: Vec<u8>,
    spill: Option<(PathBuf, tokio::fs::File)>,
}

impl<'a> Capture<'a> {
    fn new(options: Options<'a>, pid: u32) -> Self {
        Self {
            options,
            pid,
            bytes: Vec::new(),
            spill: None,
        }
    }

    async fn push(&mut self, data: &[u8]) -> io::Result<()> {
        if let Some((_, file)) = &mut self.spill {
            file.write_all(data).await?;
        } else if self.bytes.len() + data.len() > self.options.cap
            && let Some(dir) = self.options.spill_dir
        {
            // Until now the buffer held everything (it is trimmed only past
            // twice the cap, and only after the spill started).
            tokio::fs::create_dir_all(dir).await?;
            let stamp = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis())
                .unwrap_or_default();
            let path = dir.join(format!("{}-{stamp}-{}.log", self.options.label, self.pid));
            let mut file = tokio::fs::File::create(&path).await?;
            file.write_all(&self.bytes).await?;
            file.write_all(data).await?;
            self.spill = Some((path, file));
        }
        self.bytes.extend_from_slice(data);
        // Trimming only once the buffer doubles keeps the copying amortised;
        // without a spill directory nothing needs the head either.
        let cap = self.options.cap;
        if self.bytes.len() > cap.saturating_mul(2).max(CHUNK)
            && (self.spill.is_some() || self.options.spill_dir.is_none())
        {
            let cut = self.bytes.len() - cap;
            self.bytes.drain(..cut);
        }
        Ok(())
    }

    async fn finish(mut self) -> io::Result<(String, Option<PathBuf>)> {
        let cap = self.options.cap;
        if self.bytes.len() > cap {
            let cut = self.bytes.len() - cap;
            self.bytes.drain(..cut);
        }
        // Start at a character boundary: skip UTF-8 continuation bytes.
        let start = self
            .bytes
            .iter()
            .position(|b| (b & 0xC0) != 0x80)
            .unwrap_or(self.bytes.len());
        let kept = self.bytes.get(start..).unwrap_or_default();
        let tail = String::from_utf8_lossy(kept).into_owned();
        let spill_file = match self.spill {
            Some((path, mut file)) => {
                file.flush().await?;
                Some(path)
            }
            None => None,
        };
        Ok((tail, spill_file))
    }
}

/// Splits a byte stream into lines for a parser.
#[derive(Default)]
struct Lines {
    partial: Vec<u8>,
}

impl Lines {
    fn push(&mut self, data: &[u8], on_line: &mut (dyn FnMut(&str) + Send)) {
        for piece in data.split_inclusive(|b| *b == b'\n') {
            self.partial.extend_from_slice(piece);
            if piece.ends_with(b"\n") {
                let line = String::from_utf8_lossy(&self.partial);
                on_line(line.trim_end_matches(['\n', '\r']));
                self.partial.clear();
            }
        }
    }

    fn finish(&mut self, on_line: &mut (dyn FnMut(&str) + Send)) {
        if !self.partial.is_empty() {
            on_line(&String::from_utf8_lossy(&self.partial));
            self.partial.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;
    use crate::runner::RunnerKind;

    fn vars(pairs: &[(&str, &str)]) -> Vec<(OsString, OsString)> {
        pairs
            .iter()
            .map(|(k, v)| (OsString::from(k), OsString::from(v)))
            .collect()
    }

    fn get<'e>(env: &'e [(OsString, OsString)], key: &str) -> Option<&'e str> {
        env.iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| v.to_str())
    }

    #[test]
    fn the_environment_keeps_toolchain_variables_and_drops_the_rest() {
        let runner = Runner::new(RunnerKind::Cargo, "cargo test");
        let env = child_env(
            vars(&[
                ("PATH", "/usr/bin"),
                ("HOME", "/home/a"),
                ("CARGO_HOME", "/c"),
                ("VIRTUAL_ENV", "/v"),
                ("ANTHROPIC_API_KEY", "secret"),
                ("GITHUB_TOKEN", "secret"),
                ("PYTEST_ADDOPTS", "-k nothing"),
                ("CI", "false"),
                ("CARGO_PKG_NAME", "outer"),
            ]),
            &runner,
        );
        assert_eq!(get(&env, "PATH"), Some("/usr/bin"));
        assert_eq!(get(&env, "HOME"), Some("/home/a"));
        assert_eq!(get(&env, "CARGO_HOME"), Some("/c"));
        assert_eq!(get(&env, "VIRTUAL_ENV"), Some("/v"));
        assert_eq!(get(&env, "CI"), Some("1"));
        assert_eq!(get(&env, "NO_COLOR"), Some("1"));
        for gone in [
            "ANTHROPIC_API_KEY",
            "GITHUB_TOKEN",
            "PYTEST_ADDOPTS",
            "CARGO_PKG_NAME",
        ] {
            assert_eq!(get(&env, gone), None, "{gone}");
        }
        assert_eq!(env.iter().filter(|(k, _)| k == "CI").count(), 1);
    }

    #[test]
    fn the_path_prefix_and_extra_variables_come_first() {
        let runner = Runner::new(RunnerKind::Pytest, "python3 -m pytest")
            .with_path_prefix("/venv/bin")
            .with_env("CARGO_TARGET_DIR", "/t");
        let env = child_env(vars(&[("PATH", "/usr/bin:/bin")]), &runner);
        assert_eq!(get(&env, "PATH"), Some("/venv/bin:/usr/bin:/bin"));
        assert_eq!(get(&env, "CARGO_TARGET_DIR"), Some("/t"));
    }

    #[test]
    fn lines_are_split_across_chunks() {
        let mut seen = Vec::new();
        let mut lines = Lines::default();
        let mut on_line = |l: &str| seen.push(l.to_owned());
        lines.push(b"one\ntw", &mut on_line);
        lines.push(b"o\r\nthree", &mut on_line);
        lines.finish(&mut on_line);
        assert_eq!(seen, ["one", "two", "three"]);
    }
}
