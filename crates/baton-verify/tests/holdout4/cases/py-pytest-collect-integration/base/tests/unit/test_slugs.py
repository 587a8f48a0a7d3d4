from blogkit.slugs import slugify


def test_ascii_folding():
    assert slugify("Crème Brûlée, at last!") == "creme-brulee-at-last"


def test_truncates():
    assert len(slugify("x" * 100)) == 60
