pub fn render(text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let mut out = String::new();
    let mut in_code = false;
    for ch in escaped.chars() {
        if ch == '`' {
            out.push_str(if in_code { "</code>" } else { "<code>" });
            in_code = !in_code;
        } else {
            out.push(ch);
        }
    }
    if in_code {
        out.push_str("</code>");
    }
    out
}
