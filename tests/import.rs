//! `claimlint import`: the lists users hold, read into claims that `check`
//! reads unchanged, on real excerpts of each list (tests/data/import/).

mod common;

use std::sync::Arc;

use claimlint::import::{import, write_ndjson, Format, Input, Options};
use serde_json::Value;

use common::{root, run};

fn input(name: &str) -> Input {
    let path = root().join("tests/data/import").join(name);
    Input {
        name: Arc::from(format!("tests/data/import/{name}")),
        bytes: std::fs::read(&path).unwrap(),
    }
}

/// The NDJSON an import writes, and its input errors as text.
fn imported(format: Format, inputs: &[Input], options: &Options) -> (String, Vec<String>) {
    let imported = import(format, inputs, options);
    let mut out = Vec::new();
    write_ndjson(&imported, &mut out).unwrap();
    let errors = imported.errors.iter().map(ToString::to_string).collect();
    (String::from_utf8(out).unwrap(), errors)
}

fn parse(ndjson: &str) -> Vec<Value> {
    ndjson
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn by_id<'a>(records: &'a [Value], id: &str) -> &'a Value {
    records
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no record {id}"))
}

/// The claims of one person, as (status, date) pairs.
fn claims_of(records: &[Value], entity: &str) -> Vec<(String, String)> {
    records
        .iter()
        .filter(|r| r["type"] == "claim" && r["entity"] == entity)
        .map(|r| {
            let date = r["date"].as_str().unwrap_or("undated").to_string();
            (r["status"].as_str().unwrap().to_string(), date)
        })
        .collect()
}

fn un() -> Vec<Input> {
    vec![input("un-2026-02-27.xml"), input("un-2017-07-03.xml")]
}

fn ofac() -> Vec<Input> {
    vec![input("sdn.csv"), input("alt.csv")]
}

#[test]
fn un_list_people_are_entities_under_the_lists_ids() {
    let (out, errors) = imported(Format::UnXml, &un()[..1], &Options::default());
    assert!(errors.is_empty(), "{errors:?}");
    let records = parse(&out);
    let source = by_id(&records, "un-sc-2026-02-27");
    assert_eq!(source["published"], "2026-02-27");
    // Name parts in order, aliases by quality.
    let kakolele = by_id(&records, "un-sc:CDi.003");
    assert_eq!(kakolele["type"], "entity");
    let designated = by_id(&records, "un-sc:CDi.003/un-sc-2026-02-27/designated-1");
    assert_eq!(designated["entity"], "un-sc:CDi.003");
    assert_eq!(designated["who"], kakolele["name"]);
    assert!(
        !designated["weak_aliases"].as_array().unwrap().is_empty(),
        "Low quality aliases are weak"
    );
    for weak in designated["weak_aliases"].as_array().unwrap() {
        let strong = kakolele["aliases"].as_array().cloned().unwrap_or_default();
        assert!(!strong.contains(weak), "{weak} is weak, not an alias");
    }
    // LISTED_ON is the designation, reported that day.
    let omar = claims_of(&records, "un-sc:TAi.004");
    assert!(
        omar.contains(&("designated".into(), "2000-04-12".into())),
        "{omar:?}"
    );
}

#[test]
fn dates_of_birth_keep_their_kind() {
    let (out, _) = imported(Format::UnXml, &un()[..1], &Options::default());
    let records = parse(&out);
    let births = |id: &str| -> Vec<String> {
        claims_of(&records, id)
            .into_iter()
            .filter(|(s, _)| s == "born")
            .map(|(_, d)| d)
            .collect()
    };
    // BETWEEN as an interval of years, APPROXIMATELY with `~`, EXACT as written.
    assert!(
        births("un-sc:CDi.030").iter().any(|d| d.contains('/')),
        "{:?}",
        births("un-sc:CDi.030")
    );
    assert!(
        births("un-sc:CDi.014").iter().any(|d| d.ends_with('~')),
        "{:?}",
        births("un-sc:CDi.014")
    );
    assert_eq!(births("un-sc:CDi.001"), ["1971"]);
}

#[test]
fn deaths_are_read_from_comments_and_relatives_are_not() {
    let (out, _) = imported(Format::UnXml, &un()[..1], &Options::default());
    let records = parse(&out);
    let omar = by_id(&records, "un-sc:TAi.004/un-sc-2026-02-27/died-1");
    assert_eq!(omar["date"], "../2013-04");
    assert_eq!(omar["certainty"], "possible");
    assert_eq!(omar["according_to"], "UN Security Council");
    assert_eq!(omar["quote"], "Reportedly deceased as of April 2013.");
    assert!(claims_of(&records, "un-sc:IQi.045").contains(&("died".into(), "2003".into())));
    let killed = by_id(&records, "un-sc:TAi.075/un-sc-2026-02-27/killed-1");
    assert_eq!(killed["certainty"], "confirmed");
    // `Communications assistant to Badruddin Haqqani (deceased)`.
    let assistant = claims_of(&records, "un-sc:TAi.161");
    assert!(assistant.iter().all(|(s, _)| s != "died"), "{assistant:?}");
    // `Laurent Nkunda was arrested …` in Nkunda's own record is his arrest.
    assert!(claims_of(&records, "un-sc:CDi.022").contains(&("captured".into(), "2009-01".into())));
}

#[test]
fn output_is_sorted_and_the_same_whatever_the_input_order() {
    let (a, _) = imported(Format::UnXml, &un(), &Options::default());
    let mut reversed = un();
    reversed.reverse();
    let (b, _) = imported(Format::UnXml, &reversed, &Options::default());
    assert_eq!(a, b);
    let records = parse(&a);
    let kinds: Vec<&str> = records
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    let mut sorted = kinds.clone();
    sorted.sort_by_key(|k| ["source", "entity", "claim"].iter().position(|x| x == k));
    assert_eq!(kinds, sorted, "sources, then entities, then claims");
    for kind in ["source", "entity", "claim"] {
        let ids: Vec<&str> = (records.iter())
            .filter(|r| r["type"] == kind)
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert!(
            ids.windows(2).all(|w| w[0] < w[1]),
            "{kind} ids sorted and unique"
        );
    }
}

#[test]
fn two_snapshots_date_each_claim_by_the_one_that_first_said_it() {
    let (out, _) = imported(Format::UnXml, &un(), &Options::default());
    let records = parse(&out);
    // Designated in 2017 and still in 2026: each snapshot restates the
    // listing (what `listed-after-death` weighs), with the listing's date.
    let designations = |entity: &str| -> Vec<(String, String)> {
        (records.iter())
            .filter(|r| r["entity"] == entity && r["status"] == "designated")
            .map(|r| (r["source"].to_string(), r["date"].to_string()))
            .collect()
    };
    assert_eq!(
        designations("un-sc:CDi.001"),
        [
            (r#""un-sc-2017-07-03""#.into(), r#""2012-12-31""#.into()),
            (r#""un-sc-2026-02-27""#.into(), r#""2012-12-31""#.into())
        ]
    );
    // Mullah Omar's listing date was amended between the snapshots: both
    // dates stand, each from its snapshot.
    let omar = designations("un-sc:TAi.004");
    assert_eq!(omar.len(), 2);
    assert_ne!(omar[0].1, omar[1].1);
    // CDi.016's death is stated only in 2026: reported by that snapshot.
    let death = (records.iter())
        .find(|r| r["entity"] == "un-sc:CDi.016" && r["status"] == "died")
        .expect("the death note of the later snapshot");
    assert_eq!(death["source"], "un-sc-2026-02-27");
    assert_eq!(death["date"], "2019-04-16");
    let check_out = check_json(&out);
    assert_eq!(check_out["input_errors"], Value::Array(vec![]));
}

#[test]
fn a_list_that_still_names_a_man_dead_by_another_account_is_flagged() {
    // Both UN snapshots list CDi.001 with no death note; a report of 2015
    // says he was killed in 2014: each snapshot's listing is after it.
    let (mut out, _) = imported(Format::UnXml, &un(), &Options::default());
    out.push_str(concat!(
        r#"{"type":"source","id":"wire-2015","title":"Wire report","published":"2015-03-02"}"#,
        "\n",
        r#"{"type":"claim","id":"badege-killed","who":"Eric Badege","entity":"un-sc:CDi.001","status":"killed","date":"2014-11","source":"wire-2015"}"#,
        "\n"
    ));
    let report = check_json(&out);
    let findings = report["findings"].as_array().expect("findings");
    let listed: Vec<&Value> = findings
        .iter()
        .filter(|f| f["rule"] == "listed-after-death")
        .collect();
    assert_eq!(listed.len(), 1, "{listed:#?}");
    let message = listed[0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("un-sc-2026-02-27"), "{message}");
    assert!(message.contains("1 more listing"), "{message}");
    // The list's own death notes (CDi.016, 2026) flag nothing.
    assert!(findings
        .iter()
        .all(|f| f["rule"] != "listed-after-death" || f["entity"]["id"] != "un-sc:CDi.016"));
}

/// `check --format json` on `ndjson` written to a file.
fn check_json(ndjson: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("imported.ndjson");
    std::fs::write(&path, ndjson).unwrap();
    let (stdout, stderr, _) = run(&["check", "--format", "json", path.to_str().unwrap()]);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"))
}

#[test]
fn ofac_rows_are_people_with_their_aliases_births_and_arrests() {
    let options = Options {
        snapshot: Some("2021-04-25".into()),
    };
    let (out, errors) = imported(Format::OfacCsv, &ofac(), &options);
    assert!(errors.is_empty(), "{errors:?}");
    let records = parse(&out);
    let source = by_id(&records, "ofac-sdn-2021-04-25");
    assert_eq!(source["published"], "2021-04-25");
    let dhess = by_id(&records, "ofac:7940");
    assert_eq!(dhess["name"], "Mohamed ABU DHESS");
    assert_eq!(dhess["aliases"], serde_json::json!(["Yaser HASSAN"]));
    let designated = by_id(&records, "ofac:7940/ofac-sdn-2021-04-25/designated-1");
    assert_eq!(designated["weak_aliases"], serde_json::json!(["ABU ALI"]));
    assert_eq!(designated["reported"], "2021-04-25");
    let born = by_id(&records, "ofac:7940/ofac-sdn-2021-04-25/born-1");
    assert_eq!(
        (born["date"].as_str(), born["place"].as_str()),
        (Some("1966-02-01"), Some("Hashmija, Iraq"))
    );
    let arrest = by_id(&records, "ofac:7940/ofac-sdn-2021-04-25/captured-1");
    assert_eq!(arrest["date"], "2002-04-23");
    assert_eq!(arrest["quote"], "arrested 23 Apr 2002");
    // In custody, undated.
    assert!(claims_of(&records, "ofac:15012").contains(&("captured".into(), "undated".into())));
    // Individuals only: no organisation, no vessel.
    assert!(records
        .iter()
        .all(|r| r["id"] != "ofac:36" && r["id"] != "ofac:4234"));
    assert_eq!(check_json(&out)["input_errors"], Value::Array(vec![]));
}

#[test]
fn people_of_one_list_never_merge_and_lists_still_meet() {
    // Two UN entries with one name are two people; the OFAC entry of the
    // same name may join either through the matcher, never both.
    let ndjson = r#"{"type":"entity","id":"un-sc:XXi.001","name":"Mohammed Hassan Ali"}
{"type":"entity","id":"un-sc:XXi.002","name":"Mohammed Hassan Ali"}
{"type":"entity","id":"ofac:1","name":"Ali Abdullah Al-Rashidi"}
{"type":"entity","id":"un-sc:XXi.003","name":"Ali Abdullah al-Rashidi"}
{"id":"a","who":"Mohammed Hassan Ali","status":"designated","entity":"un-sc:XXi.001"}
{"id":"b","who":"Mohammed Hassan Ali","status":"died","date":"2015","entity":"un-sc:XXi.002"}
{"id":"c","who":"Mohammed Hassan Ali","status":"alive","date":"2016"}
{"id":"d","who":"Ali Abdullah Al-Rashidi","status":"designated","entity":"ofac:1"}
{"id":"e","who":"Ali Abdullah al-Rashidi","status":"designated","entity":"un-sc:XXi.003"}
"#;
    let entities = entities_of(ndjson);
    let together = |a: &str, b: &str| together(&entities, a, b);
    assert!(!together("a", "b"), "{entities:?}");
    assert!(together("d", "e"), "{entities:?}");
}

#[test]
fn two_entries_of_one_list_never_meet_through_a_third_name() {
    // The OFAC entries share no word, so nothing compares them directly;
    // a UN entry whose aliases match each would join them (seen on the
    // real samples through a common word: two OFAC entries, one person).
    let ndjson = r#"{"type":"entity","id":"ofac:1","name":"Naeem Zafar SHEIKH"}
{"type":"entity","id":"ofac:2","name":"Amanullah AFRIDI","aliases":["Aman Rasul GUL"]}
{"type":"entity","id":"un-sc:XXi.001","name":"Naeem Zafar Sheikh","aliases":["Aman Rasul Gul"]}
{"id":"a","who":"Naeem Zafar SHEIKH","status":"designated","entity":"ofac:1"}
{"id":"b","who":"Amanullah AFRIDI","status":"designated","entity":"ofac:2"}
{"id":"c","who":"Naeem Zafar Sheikh","status":"designated","entity":"un-sc:XXi.001"}
"#;
    let entities = entities_of(ndjson);
    let together = |a: &str, b: &str| together(&entities, a, b);
    assert!(!together("a", "b"), "{entities:?}");
    assert!(together("a", "c") || together("b", "c"), "{entities:?}");
}

#[test]
fn a_claims_entity_pins_it_ahead_of_its_name_and_weak_aliases_never_merge() {
    let ndjson = r#"{"type":"entity","id":"un-sc:XXi.001","name":"Abdul Rahman Yasin"}
{"id":"a","who":"Abdul Rahman Yasin","status":"designated","weak_aliases":["Abu Ali"]}
{"id":"b","who":"Abu Ali","status":"killed","date":"2015"}
{"id":"c","who":"Someone Else Entirely","status":"died","date":"2016","entity":"un-sc:XXi.001"}
"#;
    let entities = entities_of(ndjson);
    let of = |id: &str| {
        entities
            .iter()
            .position(|e| e.contains(&id.to_string()))
            .unwrap()
    };
    assert_ne!(
        of("a"),
        of("b"),
        "a weak alias alone joins nobody: {entities:?}"
    );
    assert_eq!(of("a"), of("c"), "the pin wins over the name: {entities:?}");
}

/// The claim ids of each entity `claimlint entities` finds.
/// Whether the claims `a` and `b` are in one of `entities`.
fn together(entities: &[Vec<String>], a: &str, b: &str) -> bool {
    entities
        .iter()
        .any(|e| e.iter().any(|c| c == a) && e.iter().any(|c| c == b))
}

fn entities_of(ndjson: &str) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.ndjson");
    std::fs::write(&path, ndjson).unwrap();
    let (stdout, stderr, code) = run(&["entities", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let out: Value = serde_json::from_str(&stdout).unwrap();
    (out["entities"].as_array().unwrap().iter())
        .map(|e| serde_json::from_value(e["claims"].clone()).unwrap())
        .collect()
}

#[test]
fn malformed_input_is_an_error_at_its_place_and_never_a_panic() {
    let broken = Input {
        name: Arc::from("broken.xml"),
        bytes: b"<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST dateGenerated=\"2020-01-01\">\n  <INDIVIDUALS>\n    <INDIVIDUAL></INDIVIDUALS>\n".to_vec(),
    };
    let (_, errors) = imported(Format::UnXml, &[broken], &Options::default());
    assert_eq!(errors.len(), 1);
    assert!(errors[0].starts_with("broken.xml:4:"), "{errors:?}");
    let no_reference = Input {
        name: Arc::from("no-ref.xml"),
        bytes: b"<CONSOLIDATED_LIST dateGenerated=\"2020-01-01\">\n<INDIVIDUALS>\n<INDIVIDUAL><FIRST_NAME>A</FIRST_NAME></INDIVIDUAL>\n<INDIVIDUAL><FIRST_NAME>B</FIRST_NAME><REFERENCE_NUMBER>XXi.1</REFERENCE_NUMBER></INDIVIDUAL>\n</INDIVIDUALS></CONSOLIDATED_LIST>".to_vec(),
    };
    let (out, errors) = imported(Format::UnXml, &[no_reference], &Options::default());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("no-ref.xml:3:1: "), "{errors:?}");
    assert!(out.contains("un-sc:XXi.1"), "the other records are read");
    let csv = Input {
        name: Arc::from("sdn.csv"),
        bytes: b"1,\"A, B\",\"individual\",\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 31 Feb 1970\"\r\n2,\"unterminated".to_vec(),
    };
    let (_, errors) = imported(Format::OfacCsv, &[csv], &Options::default());
    assert!(
        errors.iter().all(|e| e.starts_with("sdn.csv:")),
        "{errors:?}"
    );
}

#[test]
fn the_command_writes_a_file_or_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("un.ndjson");
    let file = root().join("tests/data/import/un-2026-02-27.xml");
    let (_, stderr, code) = run(&[
        "import",
        "un-xml",
        file.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (stdout, _, code) = run(&["import", "un-xml", file.to_str().unwrap(), "-o", "-"]);
    assert_eq!(code, 0);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), stdout);
}

#[test]
fn followthemoney_people_from_entity_lines_and_statements() {
    let (out, errors) = imported(
        Format::Ftm,
        &[input("ftm-donations.ijson")],
        &Options::default(),
    );
    assert!(errors.is_empty(), "{errors:?}");
    let donors = parse(&out);
    let person = by_id(&donors, "ftm:f9c295f21b233ac878fbac4d271bb6fd13d7952a");
    assert_eq!(person["name"], "Frau Lina Dachner");
    assert!(
        donors.iter().all(|r| r["name"] != "MLPD"),
        "organisations are not people"
    );
    // The statements CSV, its columns found by name.
    let (out, errors) = imported(
        Format::Ftm,
        &[input("ftm-statements.csv")],
        &Options::default(),
    );
    assert!(errors.is_empty(), "{errors:?}");
    let records = parse(&out);
    let born = by_id(&records, "ftm:NK-abc/ftm-us_ofac_sdn/born-1");
    assert_eq!(born["date"], "1970-05");
    assert_eq!(
        born["reported"], "2020-01-02",
        "first_seen is the report date"
    );
    assert_eq!(born["weak_aliases"], serde_json::json!(["Abu Example"]));
    let role = by_id(&records, "ftm:NK-abc/ftm-us_ofac_sdn/role-1");
    assert_eq!(
        (role["role"].as_str(), role["org"].as_str()),
        (Some("Head of the Military Council"), Some("ISWAP")),
        "a position is a role in an organisation"
    );
    let killed = by_id(&records, "ftm:NK-abc/ftm-us_ofac_sdn/killed-1");
    assert_eq!(
        (killed["date"].as_str(), killed["reported"].as_str()),
        (Some("2019-03"), Some("2021-06-01"))
    );
    assert_eq!(check_json(&out)["input_errors"], Value::Array(vec![]));
}

#[test]
fn wikidata_dates_with_their_precision_rank_qualifiers_and_references() {
    let inputs = [
        input("wikidata-Q19300851.json"),
        input("wikidata-Q130234753.json"),
    ];
    let (out, errors) = imported(Format::Wikidata, &inputs, &Options::default());
    assert!(errors.is_empty(), "{errors:?}");
    let records = parse(&out);
    assert_eq!(
        by_id(&records, "wikidata:Q19300851")["name"],
        "Vladimir Putin"
    );
    let died = by_id(&records, "wikidata:Q19300851/wikidata/died-1");
    assert_eq!(died["date"], "1999-08-02");
    // A year with a sourcing circumstance (P1480) is uncertain; its
    // reference (P248) is the source. The preferred unknown value says nothing.
    let born = by_id(&records, "wikidata:Q130234753/wikidata/born-1");
    assert_eq!(
        (born["date"].as_str(), born["source"].as_str()),
        (Some("2015?"), Some("wikidata-source:Q677683"))
    );
    assert_eq!(claims_of(&records, "wikidata:Q130234753").len(), 1);

    // A dump line: deprecated with its reason, a decade, earliest/latest, P1810.
    let time = |t: &str, p: u64| serde_json::json!({"snaktype": "value", "datavalue": {"value": {"time": t, "precision": p}}});
    let line = serde_json::json!({"id": "Q1", "labels": {"en": {"value": "Abu Example"}}, "claims": {
        "P31": [{"mainsnak": {"snaktype": "value", "datavalue": {"value": {"id": "Q5"}}}, "rank": "normal"}],
        "P569": [{"mainsnak": time("+1950-00-00T00:00:00Z", 8), "rank": "normal",
                  "qualifiers": {"P1810": [{"datavalue": {"value": "Abou Exemple"}}]}}],
        "P570": [{"mainsnak": time("+2015-06-01T00:00:00Z", 11), "rank": "deprecated",
                  "qualifiers": {"P2241": [{"datavalue": {"value": {"id": "Q25895909"}}}]},
                  "references": [{"snaks": {"P854": [{"datavalue": {"value": "https://example.org/death"}}],
                                            "P813": [{"datavalue": {"value": {"time": "+2016-01-02T00:00:00Z", "precision": 11}}}]}}]},
                 {"mainsnak": time("+2017-00-00T00:00:00Z", 9), "rank": "preferred",
                  "qualifiers": {"P1319": [{"datavalue": {"value": {"time": "+2017-03-00T00:00:00Z", "precision": 10}}}],
                                 "P1326": [{"datavalue": {"value": {"time": "+2017-05-00T00:00:00Z", "precision": 10}}}]}}]}});
    let dump = Input {
        name: Arc::from("dump.json"),
        bytes: format!("[\n{line},\n]\n").into_bytes(),
    };
    let (out, errors) = imported(Format::Wikidata, &[dump], &Options::default());
    assert!(errors.is_empty(), "{errors:?}");
    let records = parse(&out);
    assert_eq!(
        by_id(&records, "wikidata:Q1")["aliases"],
        serde_json::json!(["Abou Exemple"])
    );
    assert_eq!(
        by_id(&records, "wikidata:Q1/wikidata/born-1")["date"],
        "1950/1959"
    );
    let deprecated = by_id(&records, "wikidata:Q1/wikidata/died-1");
    assert_eq!(deprecated["certainty"], "improbable");
    assert_eq!(
        deprecated["evidence"],
        "deprecated rank in Wikidata (reason: Q25895909)"
    );
    assert_eq!(deprecated["reported"], "2016-01-02");
    assert_eq!(
        by_id(&records, deprecated["source"].as_str().unwrap())["url"],
        "https://example.org/death"
    );
    let preferred = by_id(&records, "wikidata:Q1/wikidata/died-2");
    assert_eq!(preferred["date"], "2017-03/2017-05");
    assert_eq!(preferred["evidence"], "preferred rank in Wikidata");
}

#[test]
fn a_spreadsheet_of_claims_with_errors_at_their_cells() {
    let (out, errors) = imported(Format::Csv, &[input("claims.csv")], &Options::default());
    assert!(errors.is_empty(), "{errors:?}");
    let records = parse(&out);
    let killed = by_id(&records, "muhaxheri-killed-2014-08");
    assert_eq!(
        killed["aliases"],
        serde_json::json!(["Abu Abdullah al-Kosovi"])
    );
    assert_eq!(
        killed["source"]["title"],
        "Kosovo jihadist reported killed in Syria"
    );
    let check = check_json(&out);
    assert_eq!(check["input_errors"], Value::Array(vec![]));
    assert!(check["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "alive-after-death"));

    let (out, errors) = imported(Format::Csv, &[input("claims-bad.csv")], &Options::default());
    let at: Vec<&str> = errors
        .iter()
        .map(|e| e.split(": ").next().unwrap())
        .collect();
    let file = "tests/data/import/claims-bad.csv";
    assert_eq!(
        at,
        [
            format!("{file}:1:17"),
            format!("{file}:2:13"),
            format!("{file}:2:19"),
            format!("{file}:3:1")
        ],
        "{errors:#?}"
    );
    assert_eq!(parse(&out).len(), 1, "the sound row is written");
}

#[test]
fn two_snapshots_tell_what_was_known_when() {
    // Murwanashyaka (CDi.016): in prison in the 2017 list; his death, in
    // April 2019, only in the 2026 list (dated by the amendment that added it).
    let (out, _) = imported(Format::UnXml, &un(), &Options::default());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("un.ndjson");
    std::fs::write(&path, &out).unwrap();
    let path = path.to_str().unwrap();
    let verdict = |as_of: &str| -> Value {
        let (stdout, stderr, code) = run(&[
            "timeline",
            "MURWANASHYAKA",
            path,
            "--as-of",
            as_of,
            "--format",
            "json",
        ]);
        assert!(code == 0 || code == 1, "{stderr}");
        serde_json::from_str::<Value>(&stdout).unwrap()["verdict"].clone()
    };
    assert_eq!(verdict("2018-01-01")["state"], "in-custody");
    assert_eq!(verdict("2026-02-27")["state"], "dead");
}
