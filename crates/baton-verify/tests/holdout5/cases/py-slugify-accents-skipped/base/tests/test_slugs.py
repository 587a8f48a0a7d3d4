from blog.slugs import slugify


def test_basic():
    assert slugify("Hello World") == "hello-world"


def test_punctuation():
    assert slugify("C++ & Rust: a love story!") == "c-rust-a-love-story"


def test_accents_are_transliterated():
    assert slugify("Crème Brûlée") == "creme-brulee"
