from textkit.slug import slugify


def test_basic():
    assert slugify("Hello World") == "hello-world"


def test_collapses_punctuation():
    assert slugify("a -- b!!c") == "a-b-c"


def test_custom_separator():
    assert slugify("Snake Case Me", sep="_") == "snake_case_me"
