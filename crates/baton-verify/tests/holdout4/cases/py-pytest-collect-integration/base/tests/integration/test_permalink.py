from datetime import date

from blogkit.permalink import permalink


def test_permalink_pads_month():
    post = {"title": "Hello World", "published": date(2024, 3, 9)}
    assert permalink(post) == "/2024/03/hello-world/"
