use std::io::{Read, Write};
use std::net::TcpStream;

/// Fetch the status line of an HTTP/1.0 GET request.
pub fn status_line(host: &str, path: &str) -> std::io::Result<String> {
    let mut s = TcpStream::connect((host, 80))?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n")?;
    let mut buf = String::new();
    s.read_to_string(&mut buf)?;
    Ok(buf.lines().next().unwrap_or_default().to_string())
}

pub fn parse_status(line: &str) -> Option<u16> {
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_code() {
        assert_eq!(parse_status("HTTP/1.1 404 Not Found"), Some(404));
    }

    #[test]
    #[ignore = "requires network access"]
    fn live_example_com() {
        let line = status_line("example.com", "/").unwrap();
        assert_eq!(parse_status(&line), Some(200));
    }
}
