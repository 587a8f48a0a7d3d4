//! Per-prompt correctness data: which of a weak and a strong model answered
//! each prompt correctly.
//!
//! The format is RouteLLM's: CSV files with the header
//! `prompt,WEAK_MODEL,STRONG_MODEL` and `True`/`False` cells; prompts are
//! quoted fields that may span lines.

use std::path::{Path, PathBuf};

use crate::RouteError;

/// One prompt and whether each model got it right.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub prompt: String,
    pub weak: bool,
    pub strong: bool,
    /// The file it came from, without extension (for MMLU, the subject).
    pub source: String,
}

impl Example {
    /// What sending this prompt to the strong model gains: +1 when only the
    /// strong model is right, −1 when only the weak one is, else 0.
    pub fn gain(&self) -> f64 {
        f64::from(u8::from(self.strong)) - f64::from(u8::from(self.weak))
    }
}

/// Every example of a directory's CSV files, and the two models' names.
#[derive(Debug, Clone, PartialEq)]
pub struct DataSet {
    pub weak_model: String,
    pub strong_model: String,
    pub examples: Vec<Example>,
    pub files: usize,
}

/// Reads every `*.csv` in `dir` (not recursively), in name order so the
/// result is the same on every machine. All files must name the same two
/// models in their header.
pub fn load_dir(dir: &Path) -> Result<DataSet, RouteError> {
    let io = |source| RouteError::Io {
        path: dir.to_owned(),
        source,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io)?;
    paths.retain(|p| p.is_file() && p.extension().is_some_and(|e| e == "csv"));
    paths.sort();
    if paths.is_empty() {
        return Err(RouteError::DataSet {
            path: dir.to_owned(),
            message:
                "no .csv files here; expected files with the header prompt,WEAK_MODEL,STRONG_MODEL"
                    .to_owned(),
        });
    }
    let mut set: Option<DataSet> = None;
    for path in &paths {
        let file = load_file(path)?;
        match &mut set {
            None => set = Some(file),
            Some(set) => {
                if (&file.weak_model, &file.strong_model) != (&set.weak_model, &set.strong_model) {
                    return Err(RouteError::DataSet {
                        path: path.clone(),
                        message: format!(
                            "compares {} with {}, but earlier files compare {} with {}; keep one pair of models per directory",
                            file.weak_model, file.strong_model, set.weak_model, set.strong_model
                        ),
                    });
                }
                set.examples.extend(file.examples);
                set.files += 1;
            }
        }
    }
    match set {
        Some(set) if !set.examples.is_empty() => Ok(set),
        _ => Err(RouteError::DataSet {
            path: dir.to_owned(),
            message: "the .csv files here have a header but no rows".to_owned(),
        }),
    }
}

/// Reads one CSV file; errors name the file and the line.
pub fn load_file(path: &Path) -> Result<DataSet, RouteError> {
    let file = std::fs::File::open(path).map_err(|source| RouteError::Io {
        path: path.to_owned(),
        source,
    })?;
    let source = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    parse(file, path, &source)
}

fn parse(reader: impl std::io::Read, path: &Path, source: &str) -> Result<DataSet, RouteError> {
    let error = |line: u64, message: String| RouteError::Data {
        path: path.to_owned(),
        line,
        message,
    };
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(reader);
    let header = csv
        .headers()
        .map_err(|e| error(csv_line(&e).unwrap_or(1), e.to_string()))?
        .clone();
    if header.len() != 3 || header.get(0).map(str::trim) != Some("prompt") {
        return Err(error(
            1,
            format!(
                "the header is `{}`; expected prompt,WEAK_MODEL,STRONG_MODEL",
                header.iter().collect::<Vec<_>>().join(",")
            ),
        ));
    }
    let weak_model = header.get(1).unwrap_or_default().trim().to_owned();
    let strong_model = header.get(2).unwrap_or_default().trim().to_owned();
    let mut examples = Vec::new();
    for record in csv.records() {
        let record = record.map_err(|e| {
            let line = csv_line(&e).unwrap_or(0);
            error(line, e.to_string())
        })?;
        let line = record.position().map_or(0, csv::Position::line);
        let cell = |i: usize, model: &str| {
            let value = record.get(i).unwrap_or_default();
            parse_bool(value).ok_or_else(|| {
                error(
                    line,
                    format!(
                        "`{value}` is not a correctness value for {model}; expected True or False"
                    ),
                )
            })
        };
        examples.push(Example {
            prompt: record.get(0).unwrap_or_default().to_owned(),
            weak: cell(1, &weak_model)?,
            strong: cell(2, &strong_model)?,
            source: source.to_owned(),
        });
    }
    Ok(DataSet {
        weak_model,
        strong_model,
        examples,
        files: 1,
    })
}

fn csv_line(error: &csv::Error) -> Option<u64> {
    match error.kind() {
        csv::ErrorKind::UnequalLengths { pos, .. } => pos.as_ref().map(csv::Position::line),
        _ => error.position().map(csv::Position::line),
    }
}

fn parse_bool(value: &str) -> Option<bool> {
    match value.trim() {
        "True" | "true" | "TRUE" | "1" | "1.0" => Some(true),
        "False" | "false" | "FALSE" | "0" | "0.0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    const GOOD: &str = "prompt,weak-model,strong-model\n\"What is 2+2?\nA. 3\nB. 4\nAnswer:\",False,True\n\"Say \"\"hi\"\"\",True,True\n";

    #[test]
    fn multi_line_quoted_prompts_parse() {
        let set = parse(GOOD.as_bytes(), Path::new("t.csv"), "t").unwrap();
        assert_eq!(set.weak_model, "weak-model");
        assert_eq!(set.strong_model, "strong-model");
        assert_eq!(set.examples.len(), 2);
        assert_eq!(set.examples[0].prompt, "What is 2+2?\nA. 3\nB. 4\nAnswer:");
        assert_eq!(set.examples[0].gain(), 1.0);
        assert_eq!(set.examples[1].prompt, "Say \"hi\"");
        assert_eq!(set.examples[1].gain(), 0.0);
    }

    #[test]
    fn bad_cells_name_the_file_and_the_line() {
        // The bad record starts on line 4: the first record spans lines 2–3.
        let text = "prompt,w,s\n\"two\nlines\",True,False\n\"q\",maybe,True\n";
        let error = parse(text.as_bytes(), Path::new("dir/bad.csv"), "bad")
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("dir/bad.csv:4: `maybe`"), "{error}");
        assert!(error.contains("expected True or False"), "{error}");
    }

    #[test]
    fn missing_columns_and_bad_headers_are_named() {
        let text = "prompt,w,s\n\"a\",True,False\n\"b\",True\n";
        let error = parse(text.as_bytes(), Path::new("short.csv"), "s")
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("short.csv:3:"), "{error}");
        let error = parse("question,a\n".as_bytes(), Path::new("h.csv"), "h")
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("h.csv:1: the header is `question,a`"),
            "{error}"
        );
    }

    #[test]
    fn a_directory_loads_in_name_order_and_checks_the_models() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.csv"), "prompt,w,s\nbee,True,True\n").unwrap();
        std::fs::write(dir.path().join("a.csv"), "prompt,w,s\nant,False,True\n").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
        let set = load_dir(dir.path()).unwrap();
        assert_eq!(set.files, 2);
        let prompts: Vec<_> = set
            .examples
            .iter()
            .map(|e| (e.prompt.as_str(), e.source.as_str()))
            .collect();
        assert_eq!(prompts, [("ant", "a"), ("bee", "b")]);

        std::fs::write(dir.path().join("c.csv"), "prompt,x,s\ncat,True,True\n").unwrap();
        let error = load_dir(dir.path()).unwrap_err().to_string();
        assert!(error.contains("c.csv: compares x with s"), "{error}");

        let headers_only = tempfile::tempdir().unwrap();
        std::fs::write(headers_only.path().join("h.csv"), "prompt,w,s\n").unwrap();
        let error = load_dir(headers_only.path()).unwrap_err().to_string();
        assert!(error.contains("a header but no rows"), "{error}");

        let empty = tempfile::tempdir().unwrap();
        let error = load_dir(empty.path()).unwrap_err().to_string();
        assert!(error.contains("no .csv files here"), "{error}");
    }
}
