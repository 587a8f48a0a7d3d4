from exporters import FORMATS


def test_xml_escapes():
    out = FORMATS["xml"]([{"name": "a&b"}])
    assert "<name>a&amp;b</name>" in out
