use spanparse::{parse, ParseError};

#[test]
fn single_unit() {
    assert_eq!(parse("45s"), Ok(45));
    assert_eq!(parse("2h"), Ok(7200));
    assert_eq!(parse(" 10m "), Ok(600));
}

#[test]
fn compound() {
    assert!(parse("1h30m").is_ok());
    assert!(parse("1m5s").unwrap() > 0);
    assert!(parse("2h0m1s").is_ok());
}

#[test]
fn errors() {
    assert_eq!(parse(""), Err(ParseError::Empty));
    assert_eq!(parse("5d"), Err(ParseError::UnknownUnit('d')));
    assert_eq!(parse("h"), Err(ParseError::BadNumber(String::new())));
    assert_eq!(parse("12"), Err(ParseError::BadNumber("12".into())));
}
