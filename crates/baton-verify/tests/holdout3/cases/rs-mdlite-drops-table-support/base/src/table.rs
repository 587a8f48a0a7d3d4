//! GitHub-style pipe tables.

use crate::inline;

#[derive(Clone, Copy)]
enum Align {
    Left,
    Center,
    Right,
}

fn cells(line: &str) -> Vec<&str> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(|c| c.trim()).collect()
}

fn parse_align(cell: &str) -> Option<Align> {
    let c = cell.trim();
    if c.is_empty() || !c.chars().all(|ch| ch == '-' || ch == ':') {
        return None;
    }
    Some(match (c.starts_with(':'), c.ends_with(':')) {
        (true, true) => Align::Center,
        (false, true) => Align::Right,
        _ => Align::Left,
    })
}

pub fn is_table_start(lines: &[&str]) -> bool {
    lines.len() >= 2
        && lines[0].contains('|')
        && cells(lines[1]).iter().all(|c| parse_align(c).is_some())
}

fn style(a: Align) -> &'static str {
    match a {
        Align::Left => "",
        Align::Center => " style=\"text-align:center\"",
        Align::Right => " style=\"text-align:right\"",
    }
}

/// Render a table starting at `lines[0]`; returns the HTML and the number of
/// lines consumed.
pub fn render(lines: &[&str]) -> (String, usize) {
    let header = cells(lines[0]);
    let aligns: Vec<Align> = cells(lines[1]).iter().filter_map(|c| parse_align(c)).collect();
    let mut html = String::from("<table>\n<thead>\n<tr>");
    for (i, h) in header.iter().enumerate() {
        html.push_str(&format!("<th{}>{}</th>", style(aligns[i]), inline::render(h)));
    }
    html.push_str("</tr>\n</thead>\n<tbody>\n");
    let mut used = 2;
    for line in &lines[2..] {
        if !line.contains('|') {
            break;
        }
        let row = cells(line);
        html.push_str("<tr>");
        for i in 0..header.len() {
            html.push_str(&format!("<td{}>{}</td>", style(aligns[i]), inline::render(row[i])));
        }
        html.push_str("</tr>\n");
        used += 1;
    }
    html.push_str("</tbody>\n</table>\n");
    (html, used)
}
