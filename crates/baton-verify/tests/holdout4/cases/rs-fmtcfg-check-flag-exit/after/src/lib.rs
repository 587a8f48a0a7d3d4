/// Normalise `key = value` lines: trim, single spaces around `=`, sorted keys
/// within each `[section]`.
pub fn format(src: &str) -> String {
    let mut out = String::new();
    let mut section: Vec<(String, String)> = Vec::new();
    let flush = |section: &mut Vec<(String, String)>, out: &mut String| {
        section.sort();
        for (k, v) in section.drain(..) {
            out.push_str(&format!("{k} = {v}\n"));
        }
    };
    for line in src.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with('[') {
            flush(&mut section, &mut out);
            out.push_str(line);
            out.push('\n');
        } else if let Some((k, v)) = line.split_once('=') {
            section.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    flush(&mut section, &mut out);
    out
}
