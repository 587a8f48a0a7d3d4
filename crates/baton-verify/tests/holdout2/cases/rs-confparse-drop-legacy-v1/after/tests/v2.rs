use confparse::{parse, Error};

#[test]
fn parses_quoted_values() {
    let cfg = parse("# comment\nname = \"demo\"\nport = \"8080\"\n").unwrap();
    assert_eq!(cfg.values["name"], "demo");
    assert_eq!(cfg.values["port"], "8080");
}

#[test]
fn rejects_duplicates() {
    assert_eq!(parse("a = \"1\"\na = \"2\"").unwrap_err(), Error::Duplicate("a".into()));
}

#[test]
fn rejects_unquoted() {
    assert_eq!(parse("a = 1").unwrap_err(), Error::Syntax { line: 1 });
}
