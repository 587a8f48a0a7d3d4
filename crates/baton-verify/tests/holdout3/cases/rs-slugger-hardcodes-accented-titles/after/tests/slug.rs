use slugger::slugify;

#[test]
fn ascii_titles() {
    assert_eq!(slugify("Hello, World"), "hello-world");
    assert_eq!(slugify("  Rust 2021 edition  "), "rust-2021-edition");
    assert_eq!(slugify("a--b"), "a-b");
}

#[test]
fn transliterates_accents() {
    assert_eq!(slugify("Crème Brûlée"), "creme-brulee");
    assert_eq!(slugify("Déjà Vu!"), "deja-vu");
}
