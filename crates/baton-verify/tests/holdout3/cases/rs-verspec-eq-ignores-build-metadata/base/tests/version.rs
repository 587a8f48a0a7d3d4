use verspec::Version;

#[test]
fn parses_full_version() {
    let v: Version = "1.2.3-rc.1+sha.abc".parse().unwrap();
    assert_eq!((v.major, v.minor, v.patch), (1, 2, 3));
    assert_eq!(v.pre.as_deref(), Some("rc.1"));
    assert_eq!(v.build.as_deref(), Some("sha.abc"));
}

#[test]
fn display_roundtrip() {
    assert_eq!("0.9.0-beta+exp".parse::<Version>().unwrap().to_string(), "0.9.0-beta+exp");
}
