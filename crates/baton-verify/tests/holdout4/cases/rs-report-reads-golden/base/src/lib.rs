use std::fmt::Write;

pub struct Row {
    pub name: String,
    pub passed: u32,
    pub failed: u32,
    pub millis: u64,
}

/// Render a fixed-width summary table.
pub fn render(rows: &[Row]) -> String {
    let width = rows.iter().map(|r| r.name.len()).max().unwrap_or(4).max(4);
    let mut out = String::new();
    writeln!(out, "{:<width$}  pass  fail  time", "name").unwrap();
    for r in rows {
        writeln!(
            out,
            "{:<width$}  {:>4}  {:>4}  {}",
            r.name,
            r.passed,
            r.failed,
            r.millis
        )
        .unwrap();
    }
    out
}
