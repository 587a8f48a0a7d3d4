//! The Markdown constitution format (documented in [`crate::constitution`]).

use crate::constitution::RawPrinciple;
use crate::error::ConstitutionError;

/// Parses the principles of a Markdown constitution. Validation (empty
/// requests, tags, weights, duplicates) is left to the caller, which
/// applies the same rules to every format.
pub(crate) fn parse(text: &str, path: &str) -> Result<Vec<RawPrinciple>, ConstitutionError> {
    let fail = |line: usize, detail: String| ConstitutionError::Markdown {
        path: path.to_owned(),
        line,
        detail,
    };
    let mut principles: Vec<RawPrinciple> = Vec::new();
    // The open paragraph: which field it fills and its lines so far.
    let mut open: Option<(Field, Vec<String>)> = None;
    let close = |open: &mut Option<(Field, Vec<String>)>, current: Option<&mut RawPrinciple>| {
        if let (Some((field, lines)), Some(p)) = (open.take(), current) {
            let text = lines.join(" ");
            match field {
                Field::Critique => p.critique = Some(text),
                Field::Revision => p.revision = Some(text),
                Field::Compare => p.compare = Some(text),
            }
        }
    };
    for (index, raw_line) in text.lines().enumerate() {
        let number = index + 1;
        let line = raw_line.trim();
        if let Some(heading) = raw_line.strip_prefix("## ") {
            close(&mut open, principles.last_mut());
            principles.push(RawPrinciple {
                id: heading.trim().to_owned(),
                ..RawPrinciple::default()
            });
            continue;
        }
        let Some(current) = principles.last_mut() else {
            // The preamble: a title and any introduction.
            continue;
        };
        if line.is_empty() {
            close(&mut open, Some(current));
            continue;
        }
        if let Some((_, lines)) = open.as_mut() {
            lines.push(line.to_owned());
            continue;
        }
        let (key, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.trim();
        match key.trim().to_ascii_lowercase().as_str() {
            "tags" => {
                current.tags = value
                    .split(',')
                    .map(|t| t.trim().to_owned())
                    .filter(|t| !t.is_empty())
                    .collect();
            }
            "weight" => {
                let weight = value.parse::<f64>().map_err(|_| {
                    fail(
                        number,
                        format!(
                            "principle `{}`: weight `{value}` is not a number",
                            current.id.trim()
                        ),
                    )
                })?;
                current.weight = Some(weight);
            }
            "critique" => open = Some((Field::Critique, vec![value.to_owned()])),
            "revision" => open = Some((Field::Revision, vec![value.to_owned()])),
            "compare" => open = Some((Field::Compare, vec![value.to_owned()])),
            _ => {
                return Err(fail(
                    number,
                    format!(
                        "principle `{}`: unexpected text {line:?}; expected `tags:`, `weight:`, `Critique:`, `Revision:` or `Compare:`",
                        current.id.trim()
                    ),
                ));
            }
        }
    }
    close(&mut open, principles.last_mut());
    // A paragraph that began with an empty value keeps a leading space.
    for p in &mut principles {
        for text in [&mut p.critique, &mut p.revision, &mut p.compare]
            .into_iter()
            .flatten()
        {
            *text = text.trim().to_owned();
        }
    }
    Ok(principles)
}

#[derive(Debug, Clone, Copy)]
enum Field {
    Critique,
    Revision,
    Compare,
}
