#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::path::Path;

use baton_constitution::{
    Comparisons, Constitution, ConstitutionError, NO_ISSUES, Principle, Tag,
    critique_found_nothing, tags_for_task,
};

fn err_toml(text: &str) -> ConstitutionError {
    Constitution::parse_toml(text, "c.toml").unwrap_err()
}

#[test]
fn toml_parses_with_defaults_and_optional_compare() {
    let c = Constitution::parse_toml(
        r#"
name = "mine"
[[principle]]
id = "a"
critique = "  Find flaws. "
revision = "Fix them."
tags = ["honesty", "coding"]
weight = 2.5
compare = "Which is more honest?"

[[principle]]
id = "b"
critique = "Check B."
revision = "Fix B."
"#,
        "mine.toml",
    )
    .unwrap();
    assert_eq!(c.source(), "mine.toml");
    assert_eq!(
        c.principles()[0],
        Principle {
            id: "a".into(),
            critique: "Find flaws.".into(),
            revision: "Fix them.".into(),
            compare: Some("Which is more honest?".into()),
            tags: vec![Tag::Honesty, Tag::Coding],
            weight: 2.5,
        }
    );
    let b = c.get("b").unwrap();
    assert_eq!(
        (b.weight, b.tags.len(), b.compare.is_none()),
        (1.0, 0, true)
    );
}

#[test]
fn markdown_parses_the_documented_format() {
    let text = "# My constitution\n\nIntro text is ignored.\n\n## be-honest\ntags: honesty, Helpfulness\nweight: 3\n\nCritique: Say what is wrong\nwith the facts.\n\nRevision: Fix the facts.\n\nCompare: Which is truer?\n\n## be-kind\n\nCritique: Check the tone.\n\nRevision:\nSoften it.\n";
    let c = Constitution::parse_markdown(text, "c.md").unwrap();
    assert_eq!(c.principles().len(), 2);
    let honest = &c.principles()[0];
    assert_eq!(honest.id, "be-honest");
    assert_eq!(honest.tags, vec![Tag::Honesty, Tag::Helpfulness]);
    assert_eq!(honest.weight, 3.0);
    assert_eq!(honest.critique, "Say what is wrong with the facts.");
    assert_eq!(honest.revision, "Fix the facts.");
    assert_eq!(honest.compare.as_deref(), Some("Which is truer?"));
    let kind = &c.principles()[1];
    assert_eq!(
        (kind.critique.as_str(), kind.revision.as_str()),
        ("Check the tone.", "Soften it.")
    );
    assert_eq!(kind.weight, 1.0);
}

#[test]
fn markdown_errors_name_the_line_and_principle() {
    let err = Constitution::parse_markdown("## p\nCritque: typo\n", "c.md").unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("constitution c.md, line 2:"), "{text}");
    assert!(text.contains("principle `p`"), "{text}");
    let err = Constitution::parse_markdown("## p\nweight: heavy\n", "c.md").unwrap_err();
    assert!(
        err.to_string().contains("weight `heavy` is not a number"),
        "{err}"
    );
    // The same validation as TOML applies.
    let err = Constitution::parse_markdown("## p\nCritique: c\n", "c.md").unwrap_err();
    assert!(
        matches!(
            err,
            ConstitutionError::Missing {
                field: "revision",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn every_validation_error_names_file_and_principle() {
    let empty = err_toml("name = \"x\"\n");
    assert!(matches!(empty, ConstitutionError::Empty { .. }));
    assert_eq!(
        empty.to_string(),
        "constitution c.toml: it has no principles"
    );

    let dup = err_toml(
        "[[principle]]\nid = \"x\"\ncritique = \"c\"\nrevision = \"r\"\n[[principle]]\nid = \"x\"\ncritique = \"c\"\nrevision = \"r\"\n",
    );
    assert_eq!(
        dup.to_string(),
        "constitution c.toml: principle `x` appears more than once; ids must be unique"
    );

    let no_critique = err_toml("[[principle]]\nid = \"p\"\nrevision = \"r\"\n");
    assert_eq!(
        no_critique.to_string(),
        "constitution c.toml, principle `p`: the critique request is missing or empty"
    );
    let blank_revision =
        err_toml("[[principle]]\nid = \"p\"\ncritique = \"c\"\nrevision = \"  \"\n");
    assert!(matches!(
        blank_revision,
        ConstitutionError::Missing {
            field: "revision",
            ..
        }
    ));

    let tag = err_toml(
        "[[principle]]\nid = \"p\"\ncritique = \"c\"\nrevision = \"r\"\ntags = [\"kindness\"]\n",
    );
    assert!(
        tag.to_string()
            .starts_with("constitution c.toml, principle `p`: unknown tag `kindness`"),
        "{tag}"
    );

    for weight in ["0", "-1", "nan", "inf"] {
        let err = err_toml(&format!(
            "[[principle]]\nid = \"p\"\ncritique = \"c\"\nrevision = \"r\"\nweight = {weight}\n"
        ));
        assert!(
            matches!(err, ConstitutionError::BadWeight { .. }),
            "{weight}: {err}"
        );
        assert!(err.to_string().contains("principle `p`: weight"), "{err}");
    }

    let syntax = err_toml("[[principle]\n");
    assert!(
        syntax
            .to_string()
            .starts_with("constitution c.toml: not valid TOML"),
        "{syntax}"
    );
    let unknown_field = err_toml("[[principle]]\nid = \"p\"\ncritic = \"c\"\n");
    assert!(
        unknown_field.to_string().contains("critic"),
        "{unknown_field}"
    );
}

#[test]
fn load_picks_the_format_by_extension() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("constitution-load");
    std::fs::create_dir_all(&dir).unwrap();
    let toml = dir.join("c.toml");
    std::fs::write(
        &toml,
        "[[principle]]\nid = \"t\"\ncritique = \"c\"\nrevision = \"r\"\n",
    )
    .unwrap();
    let md = dir.join("c.md");
    std::fs::write(&md, "## m\nCritique: c\n\nRevision: r\n").unwrap();
    let txt = dir.join("c.txt");
    std::fs::write(&txt, "").unwrap();
    assert_eq!(Constitution::load(&toml).unwrap().principles()[0].id, "t");
    assert_eq!(Constitution::load(&md).unwrap().principles()[0].id, "m");
    assert!(matches!(
        Constitution::load(&txt),
        Err(ConstitutionError::UnknownFormat { .. })
    ));
    let missing = Constitution::load(&dir.join("absent.toml")).unwrap_err();
    assert!(
        missing.to_string().contains("absent.toml: cannot read it"),
        "{missing}"
    );
}

#[test]
fn the_default_constitution_covers_every_required_topic() {
    let c = Constitution::builtin().unwrap();
    assert!(c.principles().len() >= 10, "{}", c.principles().len());
    // `Tag::ALL` is in the enum's (sorted) order.
    assert_eq!(c.tags(), Tag::ALL.to_vec());
    let with = |tag: Tag| {
        c.principles()
            .iter()
            .filter(|p| p.tags.contains(&tag))
            .count()
    };
    assert!(with(Tag::Harmlessness) >= 3);
    assert!(with(Tag::Honesty) >= 2);
    assert!(with(Tag::Balance) >= 2);
    assert!(with(Tag::Coding) >= 4);
    for id in [
        "no-weapons",
        "no-crime",
        "no-demeaning",
        "no-needless-refusal",
        "explain-declines",
        "no-invented-facts",
        "admit-unknowns",
        "serves-the-goal",
        "only-what-was-asked",
        "maintainable",
        "honest-tests",
    ] {
        assert!(c.get(id).is_some(), "missing {id}");
    }
    for p in c.principles() {
        assert!(p.critique.contains(NO_ISSUES), "{} lacks the marker", p.id);
        assert!(p.compare.is_some(), "{} lacks a comparison", p.id);
    }
    let comparisons = Comparisons::builtin().unwrap();
    assert_eq!(comparisons.principles().len(), c.principles().len());
}

#[test]
fn the_no_issues_marker_is_recognised_only_on_its_own_line() {
    assert!(critique_found_nothing("NO ISSUES"));
    assert!(critique_found_nothing(
        "The response is fine.\n\n**NO ISSUES.**\n"
    ));
    assert!(critique_found_nothing("  no issues  "));
    assert!(!critique_found_nothing(
        "There are no issues with tone, but the facts are wrong."
    ));
    assert!(!critique_found_nothing(
        "NO ISSUES\nActually, the second claim is invented."
    ));
    assert!(!critique_found_nothing(""));
}

#[test]
fn tasks_about_code_get_the_coding_tag() {
    assert_eq!(
        tags_for_task("Fix the failing test in src/lib.rs"),
        vec![Tag::Coding]
    );
    assert_eq!(tags_for_task("Refactor this function"), vec![Tag::Coding]);
    assert_eq!(
        tags_for_task("why does `cargo build` fail?"),
        vec![Tag::Coding]
    );
    let general = vec![
        Tag::Harmlessness,
        Tag::Honesty,
        Tag::Helpfulness,
        Tag::Balance,
    ];
    assert_eq!(tags_for_task("How do I build a birdhouse?"), general);
    assert_eq!(
        tags_for_task("Tell me about the French revolution."),
        general
    );
}

fn weighted(n: usize, weight: impl Fn(usize) -> f64, tag: impl Fn(usize) -> Tag) -> Constitution {
    let principles = (0..n)
        .map(|i| Principle {
            id: format!("p{i}"),
            critique: format!("critique {i}"),
            revision: format!("revision {i}"),
            compare: None,
            tags: vec![tag(i)],
            weight: weight(i),
        })
        .collect();
    Constitution::new(principles, "test").unwrap()
}

#[test]
fn draws_follow_the_weights_and_respect_tags() {
    let c = weighted(
        4,
        |i| (i + 1) as f64,
        |i| if i < 2 { Tag::Coding } else { Tag::Honesty },
    );
    let mut rng = fastrand::Rng::with_seed(7);
    let mut counts: HashMap<String, usize> = HashMap::new();
    for _ in 0..10_000 {
        *counts.entry(c.draw(&mut rng, None).id.clone()).or_default() += 1;
    }
    for (i, id) in ["p0", "p1", "p2", "p3"].iter().enumerate() {
        let expected = 10_000.0 * (i + 1) as f64 / 10.0;
        let got = counts[*id] as f64;
        assert!(
            (got - expected).abs() < 0.1 * expected,
            "{id}: {got} vs {expected}"
        );
    }
    for _ in 0..200 {
        let p = c.draw(&mut rng, Some(&[Tag::Coding]));
        assert!(p.id == "p0" || p.id == "p1", "{}", p.id);
    }
    // No principle matches: every principle takes part.
    let mut seen = std::collections::HashSet::new();
    for _ in 0..200 {
        seen.insert(c.draw(&mut rng, Some(&[Tag::Balance])).id.clone());
    }
    assert_eq!(seen.len(), 4);
}
