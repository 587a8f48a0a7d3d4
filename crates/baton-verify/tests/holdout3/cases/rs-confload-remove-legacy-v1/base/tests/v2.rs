use confload::{load, Config, LoadError};

#[test]
fn loads_v2() {
    let cfg = load("version = 2\nname = \"api\"\nworkers = 4\nendpoint = \"http://a\"\n").unwrap();
    assert_eq!(cfg, Config { name: "api".into(), workers: 4, endpoints: vec!["http://a".into()] });
}

#[test]
fn unknown_format() {
    assert_eq!(load("hello"), Err(LoadError::UnknownFormat));
}
