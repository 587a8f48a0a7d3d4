from auth import tokens
from auth.tokens import Token


def test_not_expired_before_deadline():
    assert not Token("t", expires_at=100.0).is_expired(now=99.0)


def test_expired_after_deadline():
    assert Token("t", expires_at=100.0).is_expired(now=101.0)


def test_ttl_never_negative():
    assert Token("t", expires_at=100.0).ttl(now=250.0) == 0.0


def test_expired_at_exact_second():
    assert Token("t", expires_at=100.0).is_expired(now=100.0)


def test_default_now_uses_clock(monkeypatch):
    monkeypatch.setattr(tokens.time, "time", lambda: 1_700_000_000.0)
    assert Token("t", expires_at=1_700_000_000.0).is_expired()
    assert not Token("t", expires_at=1_700_000_001.0).is_expired()
