use feedcheck::titles;

#[test]
fn extracts_titles() {
    let xml = "<rss><channel><title>Blog</title><item><title> Post 1 </title></item></channel></rss>";
    assert_eq!(titles(xml), vec!["Blog".to_string(), "Post 1".to_string()]);
}

#[test]
fn unterminated_title() {
    assert!(titles("<title>oops").is_empty());
}
