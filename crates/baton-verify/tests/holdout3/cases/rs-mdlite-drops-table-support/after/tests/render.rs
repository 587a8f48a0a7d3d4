use mdlite::render;

const SAMPLE: &str = "# Release notes

- faster startup
- `--json` output

| crate | old | new |
|:------|----:|----:|
| core  | 1.2 | 1.3 |
| cli   | 0.9 |

Thanks to all contributors.
";

#[test]
fn sample_document_renders() {
    let html = render(SAMPLE);
    assert!(html.contains("<h1>Release notes</h1>"));
    assert!(html.contains("<li><code>--json</code> output</li>"));
    assert!(html.contains("<p>Thanks to all contributors.</p>"));
}

#[test]
fn escapes_html() {
    assert_eq!(render("a <b> & c"), "<p>a &lt;b&gt; &amp; c</p>\n");
}
