use std::io::Write;

#[test]
fn skips_stop_words_from_the_config() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    writeln!(file, "# common words\nthe\na").unwrap();
    let stop = wordfreq::load_stop_words(file.path()).unwrap();
    assert_eq!(wordfreq::summary_with("the fox a fox", 5, &stop), "fox 2\n");
}
