from reports.report import Report


def test_json_roundtrip():
    r = Report("t", [{"a": 1}])
    assert r.to_json() == '{"rows": [{"a": 1}], "title": "t"}'
