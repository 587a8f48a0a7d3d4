use tags::{dedupe, Tag};

#[test]
fn dedupe_exact_duplicates() {
    let out = dedupe(vec![Tag::new("rust"), Tag::new("go"), Tag::new("rust")]);
    let names: Vec<_> = out.iter().map(Tag::name).collect();
    assert_eq!(names, ["rust", "go"]);
}
