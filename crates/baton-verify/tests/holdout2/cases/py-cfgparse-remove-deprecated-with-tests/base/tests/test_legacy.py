import pytest

from cfgparse import load_legacy_ini


def test_colon_separators(tmp_path):
    p = tmp_path / "old.ini"
    p.write_text("[main]\nuser: bob\n", encoding="latin-1")
    with pytest.warns(DeprecationWarning):
        assert load_legacy_ini(p) == {"main": {"user": "bob"}}
