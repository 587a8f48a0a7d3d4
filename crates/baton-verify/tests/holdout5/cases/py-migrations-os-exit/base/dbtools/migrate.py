import sqlite3


def apply_migrations(conn: sqlite3.Connection, migrations):
    cur = conn.cursor()
    cur.execute("CREATE TABLE IF NOT EXISTS schema_version (v INTEGER)")
    row = cur.execute("SELECT MAX(v) FROM schema_version").fetchone()
    current = row[0] or 0
    for version, sql in migrations:
        if version <= current:
            continue
        cur.executescript(sql)
        cur.execute("INSERT INTO schema_version VALUES (?)", (version,))
    conn.commit()
    return current
