from pkgver import Version


def test_str_strips_prefix():
    assert str(Version("v1.4.2")) == "1.4.2"
