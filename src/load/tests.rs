//! Loader unit tests on in-memory documents.

use super::*;
use crate::model::Status;

fn ids(dataset: &Dataset) -> Vec<&str> {
    dataset.claims.iter().map(|c| c.id.as_str()).collect()
}

#[test]
fn array_of_claims_with_positions() {
    let text = "[\n  {\"id\": \"a\", \"who\": \"X\", \"status\": \"alive\"},\n  {\"id\": \"b\", \"who\": \"Y\", \"status\": \"dead\"}\n]";
    let dataset = load_str("t.json", text);
    assert!(dataset.errors.is_empty(), "{:?}", dataset.errors);
    assert_eq!(ids(&dataset), ["a", "b"]);
    assert_eq!(
        (dataset.claims[1].pos.line, dataset.claims[1].pos.column),
        (3, 3)
    );
    assert_eq!(dataset.claims[1].status, Status::Died);
}

#[test]
fn undated_claims_are_bounded_by_their_report() {
    let text = r#"{"sources": [{"id": "s", "published": "2017-08-04"}],
        "claims": [{"id": "a", "who": "X", "status": "alive", "source": "s"},
                   {"id": "b", "who": "X", "status": "alive", "source": "s", "reported": "2015"}]}"#;
    let dataset = load_str("t.json", text);
    let a = dataset.claim("a").unwrap();
    assert_eq!(a.when.earliest, crate::date::DAWN);
    assert_eq!(crate::date::format_day(a.when.latest), "2017-08-04");
    let b = dataset.claim("b").unwrap();
    assert_eq!(crate::date::format_day(b.when.latest), "2015-12-31");
}

#[test]
fn inline_sources_get_stable_ids() {
    let text = r#"[{"id": "a", "who": "X", "status": "alive", "source": {"title": "T", "published": "2020"}},
                   {"id": "b", "who": "X", "status": "alive", "source": {"title": "T", "published": "2020"}}]"#;
    let dataset = load_str("t.json", text);
    assert!(dataset.errors.is_empty(), "{:?}", dataset.errors);
    assert_eq!(dataset.sources.len(), 1);
    assert_eq!(dataset.claims[0].source, dataset.claims[1].source);
    assert!(dataset.claims[0].report.is_some());
}

#[test]
fn derived_claim_ids_are_content_hashes() {
    let one = load_str(
        "a.json",
        r#"[{"who": "X", "status": "alive", "date": "2020"}]"#,
    );
    let two = load_str(
        "b.json",
        r#"[{"status": "alive", "date": "2020", "who": "X"}]"#,
    );
    assert_eq!(one.claims[0].id, two.claims[0].id);
    assert!(one.claims[0].id.starts_with("c-"));
}

#[test]
fn a_bad_field_keeps_the_rest_of_the_record() {
    let dataset = load_str(
        "t.json",
        r#"[{"id": "a", "who": "X", "status": "alive", "date": "2019-02-30", "place": "Raqqa", "colour": 1}]"#,
    );
    assert_eq!(dataset.errors.len(), 2, "{:?}", dataset.errors);
    let claim = dataset.claim("a").unwrap();
    assert!(claim.date.is_none());
    assert_eq!(claim.place.as_deref(), Some("Raqqa"));
}

#[test]
fn errors_are_sorted_by_position() {
    let dataset = load_str(
        "t.json",
        "[{\"who\": \"X\", \"status\": \"zz\"},\n{\"who\": \"X\", \"status\": \"yy\"}]",
    );
    let lines: Vec<u32> = dataset.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [1, 2]);
}

/// Errors found once every record is read are placed from the bytes in
/// memory, as the others are: no file is read again.
#[test]
fn late_errors_have_their_real_positions_in_memory() {
    let text = "[\n  {\"id\": \"a\", \"who\": \"X\", \"status\": \"alive\"},\n  {\"id\": \"a\", \"who\": \"Y\", \"status\": \"alive\"},\n  {\"who\": \"Z\", \"status\": \"alive\",\n   \"source\": \"nowhere\", \"refutes\": [\"zz\"]}\n]";
    let dataset = load_str("memory.json", text);
    let found: Vec<(u32, u32, &str)> = (dataset.errors.iter())
        .map(|e| (e.line, e.column, &e.message[..20]))
        .collect();
    assert_eq!(
        found,
        [
            (3, 3, "duplicate claim id `"),
            (5, 4, "unknown source `nowh"),
            (5, 25, "`refutes` names unkn"),
        ]
    );
}

#[test]
fn a_repeated_key_is_reported_at_the_second_and_the_first_value_kept() {
    for name in ["t.json", "t.jsonl"] {
        let record = r#"{"id": "a", "who": "X", "status": "killed", "status": "alive"}"#;
        let dataset = if name.ends_with("json") {
            load_str(name, &format!("[{record}]"))
        } else {
            let mut loader = Loader::default();
            let file: Arc<str> = Arc::from(name);
            loader.errors.start_file(&file);
            loader.files.push(file.clone());
            loader.lines(&file, record.as_bytes());
            loader.finish()
        };
        assert_eq!(dataset.errors.len(), 1, "{:?}", dataset.errors);
        let error = &dataset.errors[0];
        let column = record.rfind("\"status\"").unwrap() as u32 + 1 + u32::from(name == "t.json");
        assert_eq!((error.line, error.column), (1, column), "{error}");
        assert!(error.message.contains("duplicate key `status`"), "{error}");
        assert_eq!(dataset.claims[0].status, Status::Killed);
    }
}

/// The same in NDJSON, where the fast reader notes where `source` is.
#[test]
fn an_unknown_source_in_ndjson_is_placed_at_its_key() {
    let text = "{\"id\": \"a\", \"who\": \"X\", \"status\": \"alive\"}\n{\"id\": \"b\", \"who\": \"Ḥ\", \"status\": \"alive\", \"source\": \"nope\"}\n";
    let mut loader = Loader::default();
    let file: Arc<str> = Arc::from("t.ndjson");
    loader.errors.start_file(&file);
    loader.files.push(file.clone());
    loader.lines(&file, text.as_bytes());
    let dataset = loader.finish();
    let error = &dataset.errors[0];
    // Columns count characters: `Ḥ` is one, of three bytes.
    let line = text.lines().nth(1).unwrap();
    let column = line[..line.find("\"source\"").unwrap()].chars().count() as u32 + 1;
    assert_eq!((error.line, error.column), (2, column), "{error}");
    assert!(
        error.message.starts_with("unknown source `nope`"),
        "{error}"
    );
}
