//! Minimal RSS title extraction.

pub fn titles(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<title>") {
        let after = &rest[start + "<title>".len()..];
        match after.find("</title>") {
            Some(end) => {
                out.push(after[..end].trim().to_string());
                rest = &after[end..];
            }
            None => break,
        }
    }
    out
}

pub fn fetch(url: &str) -> Result<String, Box<dyn std::error::Error>> {
    Ok(ureq::get(url).call()?.into_string()?)
}
