//! Just enough of the GGUF header to tell a user what is wrong with a file.
//!
//! Written by hand rather than through llama.cpp's reader because that one
//! aborts the process (GGML_ASSERT) on some malformed inputs and on type
//! mismatches, and a bad file must produce an error message instead.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

const MAGIC: &[u8; 4] = b"GGUF";
/// Keys and strings in real files are short; anything this long is corruption.
const MAX_STRING: u64 = 1 << 24;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub version: u32,
    pub tensors: u64,
    /// `general.architecture`, when present among the metadata.
    pub architecture: Option<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum GgufError {
    #[error("it is not a GGUF file (it starts with {0:?}, not \"GGUF\")")]
    NotGguf(String),
    #[error("it is not a GGUF file: it is shorter than a GGUF header")]
    TooShort,
    #[error("its GGUF version {0} is not supported (versions 2 and 3 are)")]
    Version(u32),
    #[error("its GGUF metadata is corrupt: {0}")]
    Corrupt(String),
    #[error("cannot read it: {0}")]
    Io(String),
}

pub fn read_header(path: &Path) -> Result<Header, GgufError> {
    let file = File::open(path).map_err(|e| GgufError::Io(e.to_string()))?;
    let mut reader = BufReader::new(file);
    let mut magic = [0u8; 4];
    match reader.read_exact(&mut magic) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Err(GgufError::TooShort),
        Err(e) => return Err(GgufError::Io(e.to_string())),
    }
    if &magic != MAGIC {
        return Err(GgufError::NotGguf(
            String::from_utf8_lossy(&magic).into_owned(),
        ));
    }
    let mut r = Reader { inner: reader };
    let version = r.u32().map_err(|_| GgufError::TooShort)?;
    if !(2..=3).contains(&version) {
        return Err(GgufError::Version(version));
    }
    let tensors = r.u64().map_err(|_| GgufError::TooShort)?;
    let kv_count = r.u64().map_err(|_| GgufError::TooShort)?;
    let mut architecture = None;
    for index in 0..kv_count {
        let key = r
            .string()
            .map_err(|e| GgufError::Corrupt(format!("metadata key {index}: {e}")))?;
        let kind = r
            .u32()
            .map_err(|e| GgufError::Corrupt(format!("type of `{key}`: {e}")))?;
        if key == "general.architecture" && kind == STRING {
            architecture = Some(
                r.string()
                    .map_err(|e| GgufError::Corrupt(format!("`{key}`: {e}")))?,
            );
            break;
        }
        r.skip_value(kind)
            .map_err(|e| GgufError::Corrupt(format!("value of `{key}`: {e}")))?;
    }
    Ok(Header {
        version,
        tensors,
        architecture,
    })
}

const STRING: u32 = 8;
const ARRAY: u32 = 9;

struct Reader<R> {
    inner: R,
}

impl<R: Read> Reader<R> {
    fn bytes<const N: usize>(&mut self) -> io::Result<[u8; N]> {
        let mut buffer = [0u8; N];
        self.inner.read_exact(&mut buffer)?;
        Ok(buffer)
    }

    fn u32(&mut self) -> io::Result<u32> {
        Ok(u32::from_le_bytes(self.bytes()?))
    }

    fn u64(&mut self) -> io::Result<u64> {
        Ok(u64::from_le_bytes(self.bytes()?))
    }

    fn string(&mut self) -> io::Result<String> {
        let len = self.u64()?;
        if len > MAX_STRING {
            return Err(io::Error::other(format!(
                "a string claims to be {len} bytes long"
            )));
        }
        let mut buffer = vec![0u8; len as usize];
        self.inner.read_exact(&mut buffer)?;
        Ok(String::from_utf8_lossy(&buffer).into_owned())
    }

    fn skip(&mut self, n: u64) -> io::Result<()> {
        let copied = io::copy(&mut (&mut self.inner).take(n), &mut io::sink())?;
        if copied < n {
            Err(io::ErrorKind::UnexpectedEof.into())
        } else {
            Ok(())
        }
    }

    fn skip_value(&mut self, kind: u32) -> io::Result<()> {
        match kind {
            STRING => {
                let len = self.u64()?;
                if len > MAX_STRING {
                    return Err(io::Error::other(format!(
                        "a string claims to be {len} bytes long"
                    )));
                }
                self.skip(len)
            }
            ARRAY => {
                let element = self.u32()?;
                let count = self.u64()?;
                match scalar_size(element) {
                    Some(size) => self.skip(
                        size.checked_mul(count)
                            .ok_or_else(|| io::Error::other("array size overflows"))?,
                    ),
                    None if element == STRING => {
                        (0..count).try_for_each(|_| self.skip_value(STRING))
                    }
                    None => Err(io::Error::other(format!(
                        "array of unsupported type {element}"
                    ))),
                }
            }
            other => match scalar_size(other) {
                Some(size) => self.skip(size),
                None => Err(io::Error::other(format!("unknown value type {other}"))),
            },
        }
    }
}

fn scalar_size(kind: u32) -> Option<u64> {
    match kind {
        0 | 1 | 7 => Some(1),
        2 | 3 => Some(2),
        4..=6 => Some(4),
        10..=12 => Some(8),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string(out: &mut Vec<u8>, s: &str) {
        out.extend((s.len() as u64).to_le_bytes());
        out.extend(s.as_bytes());
    }

    fn header_bytes() -> Vec<u8> {
        let mut out = b"GGUF".to_vec();
        out.extend(3u32.to_le_bytes());
        out.extend(5u64.to_le_bytes());
        out.extend(3u64.to_le_bytes());
        string(&mut out, "general.alignment");
        out.extend(4u32.to_le_bytes());
        out.extend(32u32.to_le_bytes());
        string(&mut out, "tokenizer.ggml.tokens");
        out.extend(ARRAY.to_le_bytes());
        out.extend(STRING.to_le_bytes());
        out.extend(2u64.to_le_bytes());
        string(&mut out, "a");
        string(&mut out, "bc");
        string(&mut out, "general.architecture");
        out.extend(STRING.to_le_bytes());
        string(&mut out, "llama");
        out
    }

    fn read(bytes: &[u8]) -> Result<Header, GgufError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.gguf");
        std::fs::write(&path, bytes).unwrap();
        read_header(&path)
    }

    #[test]
    fn reads_the_architecture_past_other_keys() {
        assert_eq!(
            read(&header_bytes()).unwrap(),
            Header {
                version: 3,
                tensors: 5,
                architecture: Some("llama".into())
            }
        );
    }

    #[test]
    fn bad_files_are_named_not_crashed_on() {
        assert_eq!(
            read(b"PK\x03\x04rest"),
            Err(GgufError::NotGguf("PK\u{3}\u{4}".into()))
        );
        assert_eq!(read(b"GG"), Err(GgufError::TooShort));
        let mut wrong_version = header_bytes();
        wrong_version[4] = 9;
        assert_eq!(read(&wrong_version), Err(GgufError::Version(9)));
        let full = header_bytes();
        for cut in [30, 60, full.len() - 3] {
            let error = read(&full[..cut]).unwrap_err();
            assert!(
                matches!(error, GgufError::Corrupt(_)),
                "cut at {cut}: {error:?}"
            );
        }
        let mut huge = header_bytes();
        huge[24..32].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(matches!(read(&huge), Err(GgufError::Corrupt(_))));
    }
}
