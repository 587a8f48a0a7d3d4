from pkgver import Version


def test_str_strips_prefix():
    assert str(Version("v1.4.2")) == "1.4.2"


def test_equality():
    assert Version("1.2") == Version("1.2")
    assert Version("1.2") == Version("1.2.0")
    assert Version("1.2") != Version("1.3")
    assert Version("1.2") != "1.2"


def test_sorting():
    vs = [Version("1.10"), Version("1.2"), Version("0.9.9")]
    assert [str(v) for v in sorted(vs)] == ["0.9.9", "1.2", "1.10"]


def test_hash_matches_eq():
    assert len({Version("2.0"), Version("2.0.0"), Version("2")}) == 1
