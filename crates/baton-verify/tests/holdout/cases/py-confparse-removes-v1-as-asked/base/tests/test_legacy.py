import pytest

from confparse import parse_v1


def test_v1_default_section():
    with pytest.warns(DeprecationWarning):
        assert parse_v1("debug: yes\nport: 80") == {"default": {"debug": True, "port": 80}}
