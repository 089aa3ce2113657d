//! Property tests of the loader: no input, however broken, panics or
//! overflows the stack, and a valid record is never lost to a broken
//! neighbour. Run longer with `PROPTEST_CASES=100000 cargo test --release
//! --test fuzz_loader`.

use claimlint::load::load_str;
use proptest::prelude::*;

const VALID: &str =
    r#"{"id": "keep", "who": "Abu Bakr al-Baghdadi", "status": "killed", "date": "2019-10-26"}"#;

/// Fragments that exercise the scanner's corners.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("\"who\"".to_string()),
        Just("\"status\"".to_string()),
        Just("\"claims\"".to_string()),
        Just("\"2019-02-30\"".to_string()),
        Just("\"../2015-05\"".to_string()),
        Just("null".to_string()),
        Just("-1e999".to_string()),
        Just("\u{feff}".to_string()),
        Just("é".to_string()),
        "[ -~]{0,8}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = load_str("fuzz.json", &text);
    }

    #[test]
    fn token_soup_never_panics(parts in prop::collection::vec(fragment(), 0..60)) {
        let _ = load_str("fuzz.json", &parts.concat());
    }

    #[test]
    fn a_broken_neighbour_never_hides_a_valid_record(junk in prop::collection::vec(fragment(), 0..20)) {
        // The junk is a string value, so the array structure stays intact.
        let junk = serde_json::to_string(&junk.concat()).unwrap();
        let text = format!("[{VALID}, {{\"who\": {junk}, \"status\": {junk}, \"date\": {junk}}}]");
        let dataset = load_str("fuzz.json", &text);
        prop_assert!(dataset.claim("keep").is_some(), "{text}");
    }
}

#[test]
fn pathological_sizes_are_handled() {
    let deep = format!("[{}{}]", "[".repeat(1_000_000), "]".repeat(1_000_000));
    assert!(!load_str("deep.json", &deep).errors.is_empty());
    let long_name = format!(
        r#"[{{"who": "{}", "status": "alive"}}]"#,
        "x".repeat(5_000_000)
    );
    assert!(!load_str("long.json", &long_name).errors.is_empty());
    let many = format!("[{}]", vec![VALID.replace("keep", "k"); 1].join(","));
    assert!(load_str("one.json", &many).errors.is_empty());
}
