//! Finding what an earlier run already did, and repairing a cut output file.

use std::collections::HashMap;
use std::io::ErrorKind;
use std::path::Path;

use serde::Deserialize;
use serde::de::IgnoredAny;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use crate::{BatchError, Key};

/// Every key met so far, and whether it was met in this run's input (`true`)
/// or only found done in the output (`false`). One map rather than a done
/// set and a seen set, so a resumed run keeps each key once.
pub(crate) type Seen = HashMap<Key, bool>;

/// The fields of an output line that say what it is; everything else in the
/// line is skipped without being built.
#[derive(Deserialize)]
struct Line {
    key: Option<String>,
    seed: Option<u64>,
    error: Option<IgnoredAny>,
    invalid: Option<IgnoredAny>,
}

/// Scans `path` (if it exists) for the keys done under `global_seed`, and
/// leaves the file ending with a newline after its last whole line, ready
/// to be appended to. `capacity` is how many keys to make room for.
pub(crate) async fn scan_output(
    path: &Path,
    global_seed: u64,
    retry_failed: bool,
    capacity: usize,
) -> Result<Seen, BatchError> {
    let err = |action| {
        move |source| BatchError::Output {
            action,
            path: path.to_owned(),
            source,
        }
    };
    let mut seen = Seen::with_capacity(capacity);
    let file = match tokio::fs::File::open(path).await {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(seen),
        Err(e) => return Err(err("open")(e)),
    };
    let mut reader = BufReader::new(file);
    let mut buf = Vec::new();
    // Where the last newline-terminated line ends: everything after it is a
    // line the writer did not finish.
    let mut whole_len: u64 = 0;
    let mut tail: Option<bool> = None;
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .await
            .map_err(err("read"))?;
        if n == 0 {
            break;
        }
        let complete = buf.last() == Some(&b'\n');
        let parsed = parse(&buf);
        if complete {
            whole_len += n as u64;
        } else {
            tail = Some(parsed.is_some());
        }
        if let Some(line) = parsed {
            note_done(&mut seen, line, global_seed, retry_failed);
        }
    }
    match tail {
        None => {}
        // A whole object missing only its newline (a hand-edited file, or a
        // kill between the two bytes): keep it.
        Some(true) => {
            let mut file = tokio::fs::OpenOptions::new()
                .append(true)
                .open(path)
                .await
                .map_err(err("repair"))?;
            file.write_all(b"\n").await.map_err(err("repair"))?;
            file.flush().await.map_err(err("repair"))?;
        }
        // Cut mid-write: drop it, or the next append would glue a record on.
        Some(false) => {
            let file = tokio::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .await
                .map_err(err("repair"))?;
            file.set_len(whole_len).await.map_err(err("repair"))?;
            file.sync_all().await.map_err(err("repair"))?;
        }
    }
    Ok(seen)
}

fn parse(raw: &[u8]) -> Option<Line> {
    let text = raw.strip_suffix(b"\n").unwrap_or(raw);
    let text = text.strip_suffix(b"\r").unwrap_or(text);
    // Every line the runner writes is an object, and an object cut short
    // never parses: that is how the tail check tells a cut line.
    if text.first() != Some(&b'{') {
        return None;
    }
    serde_json::from_slice(text).ok()
}

fn note_done(seen: &mut Seen, line: Line, global_seed: u64, retry_failed: bool) {
    let (Some(key), Some(seed)) = (line.key, line.seed) else {
        return;
    };
    let Some(key) = Key::parse(&key) else { return };
    // Done under another global seed is not done under this one: that run's
    // answer came from a different seed.
    if key.seed(global_seed) != seed {
        return;
    }
    let failed = line.error.is_some() && line.invalid.is_none();
    if failed && retry_failed {
        return;
    }
    seen.entry(key).or_insert(false);
}
