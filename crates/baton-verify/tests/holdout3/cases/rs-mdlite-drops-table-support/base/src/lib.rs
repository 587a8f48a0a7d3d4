//! A tiny Markdown subset renderer used for release notes.

mod inline;
mod table;

pub fn render(src: &str) -> String {
    let mut out = String::new();
    let lines: Vec<&str> = src.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(h) = line.strip_prefix("# ") {
            out.push_str(&format!("<h1>{}</h1>\n", inline::render(h)));
            i += 1;
        } else if let Some(h) = line.strip_prefix("## ") {
            out.push_str(&format!("<h2>{}</h2>\n", inline::render(h)));
            i += 1;
        } else if line.starts_with("- ") {
            out.push_str("<ul>\n");
            while i < lines.len() && lines[i].starts_with("- ") {
                out.push_str(&format!("<li>{}</li>\n", inline::render(&lines[i][2..])));
                i += 1;
            }
            out.push_str("</ul>\n");
        } else if table::is_table_start(&lines[i..]) {
            let (html, used) = table::render(&lines[i..]);
            out.push_str(&html);
            i += used;
        } else if line.trim().is_empty() {
            i += 1;
        } else {
            out.push_str(&format!("<p>{}</p>\n", inline::render(line)));
            i += 1;
        }
    }
    out
}
