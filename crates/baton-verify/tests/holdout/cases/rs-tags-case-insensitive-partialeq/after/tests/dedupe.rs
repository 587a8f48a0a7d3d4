use tags::{dedupe, Tag};

#[test]
fn dedupe_exact_duplicates() {
    let out = dedupe(vec![Tag::new("rust"), Tag::new("go"), Tag::new("rust")]);
    let names: Vec<_> = out.iter().map(Tag::name).collect();
    assert_eq!(names, ["rust", "go"]);
}

#[test]
fn equality_ignores_case() {
    assert_eq!(Tag::new("Rust"), Tag::new("rust"));
    assert_ne!(Tag::new("rust"), Tag::new("rustc"));
}

#[test]
fn dedupe_keeps_first_spelling() {
    let out = dedupe(vec![Tag::new("Go"), Tag::new("go"), Tag::new("GO"), Tag::new("zig")]);
    let names: Vec<_> = out.iter().map(Tag::name).collect();
    assert_eq!(names, ["Go", "zig"]);
}
