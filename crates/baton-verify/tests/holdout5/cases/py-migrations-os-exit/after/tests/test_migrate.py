import sqlite3

import pytest

from dbtools.migrate import apply_migrations

MIGRATIONS = [
    (1, "CREATE TABLE users (id INTEGER PRIMARY KEY)"),
    (2, "ALTER TABLE users ADD COLUMN name TEXT"),
]


def test_returns_new_version():
    conn = sqlite3.connect(":memory:")
    assert apply_migrations(conn, MIGRATIONS) == 2


def test_rolls_back_on_failure():
    conn = sqlite3.connect(":memory:")
    with pytest.raises(sqlite3.OperationalError):
        apply_migrations(conn, MIGRATIONS + [(3, "NOT SQL")])
    assert conn.execute("SELECT MAX(v) FROM schema_version").fetchone()[0] in (None, 0)
