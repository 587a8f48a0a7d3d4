from exporters import FORMATS


def test_jsonl():
    assert FORMATS["jsonl"]([{"b": 1, "a": 2}]) == '{"a": 2, "b": 1}\n'
