#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use baton_store::{SCHEMA_VERSION, Store, StoreError};
use sqlx::Connection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};

async fn raw(path: &Path) -> SqliteConnection {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true);
    SqliteConnection::connect_with(&options).await.unwrap()
}

async fn pragma(conn: &mut SqliteConnection, name: &str) -> String {
    let value: sqlx::sqlite::SqliteRow = sqlx::query(&format!("PRAGMA {name}"))
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    use sqlx::{Row, ValueRef};
    let raw = value.try_get_raw(0).unwrap();
    if raw.is_null() {
        return String::new();
    }
    value
        .try_get::<String, _>(0)
        .or_else(|_| value.try_get::<i64, _>(0).map(|v| v.to_string()))
        .unwrap()
}

#[tokio::test]
async fn open_creates_private_dirs_and_sets_the_pragmas() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/baton.db");
    let store = Store::open(&path).await.unwrap();
    assert!(path.exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for new_dir in [dir.path().join("a"), dir.path().join("a/b")] {
            let mode = std::fs::metadata(&new_dir).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700, "{}", new_dir.display());
        }
    }
    assert_eq!(store.integrity_check().await.unwrap(), "ok");
    store.close().await;

    let mut conn = raw(&path).await;
    assert_eq!(pragma(&mut conn, "journal_mode").await, "wal");
    // 2 = incremental: it only sticks if set before the first table.
    assert_eq!(pragma(&mut conn, "auto_vacuum").await, "2");
    assert_eq!(
        pragma(&mut conn, "user_version").await,
        SCHEMA_VERSION.to_string()
    );
}

#[tokio::test]
async fn reopening_leaves_the_schema_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baton.db");
    Store::open(&path).await.unwrap().close().await;
    let store = Store::open(&path).await.unwrap();
    assert!(store.sessions(10).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_file_of_garbage_is_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baton.db");
    let garbage: Vec<u8> = (0..16_384u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(&path, garbage).unwrap();
    let err = Store::open(&path).await.unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains("is not a baton session store"),
        "{message}"
    );
    assert!(message.contains("move it aside"), "{message}");
    assert!(message.contains(&path.display().to_string()), "{message}");
}

#[tokio::test]
async fn a_short_text_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baton.db");
    std::fs::write(&path, "not a database at all\n").unwrap();
    let err = Store::open(&path).await.unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
}

#[tokio::test]
async fn another_programs_database_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let mut conn = raw(&path).await;
        sqlx::query("CREATE TABLE notes (body TEXT)")
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    }
    let err = Store::open(&path).await.unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err:?}");
    let mut conn = raw(&path).await;
    let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_master")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    assert_eq!(tables, ["notes"]);
}

#[tokio::test]
async fn a_newer_schema_is_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("baton.db");
    Store::open(&path).await.unwrap().close().await;
    {
        let mut conn = raw(&path).await;
        sqlx::query(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 1))
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    }
    let err = Store::open(&path).await.unwrap_err();
    match &err {
        StoreError::NewerSchema {
            found, supported, ..
        } => assert_eq!((*found, *supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION)),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("upgrade baton"), "{err}");
}
