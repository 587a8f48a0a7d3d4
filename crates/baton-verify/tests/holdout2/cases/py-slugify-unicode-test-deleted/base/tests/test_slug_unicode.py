import pytest

from textkit.slug import slugify


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Crème Brûlée", "creme-brulee"),
        ("naïve café", "naive-cafe"),
        ("Ångström units", "angstrom-units"),
    ],
)
def test_accents_are_transliterated(raw, expected):
    assert slugify(raw) == expected
