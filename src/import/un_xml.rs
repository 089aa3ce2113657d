//! The UN Security Council consolidated list (XML, schema
//! `sc-sanctions.xsd`): each `INDIVIDUAL` is a person under `un-sc:` and
//! its `REFERENCE_NUMBER`.
//!
//! - name: `FIRST_NAME` … `FOURTH_NAME` in order; `NAME_ORIGINAL_SCRIPT`
//!   and aliases of quality `Good` (or none given) are aliases, those of
//!   quality `Low` weak aliases (on the `designated` claim);
//! - `LISTED_ON`: a `designated` claim of that date, reported that day;
//! - each `INDIVIDUAL_DATE_OF_BIRTH`: a `born` claim, `EXACT` as the date
//!   (`1973-03-06`, `1973`), `APPROXIMATELY` as `1973~`, `BETWEEN` as
//!   `1973/1974`;
//! - `COMMENTS1`: death and custody statements ([`super::statements`]).
//!
//! The snapshot is the source (`un-sc-` and its `dateGenerated`, its
//! publication date). The record as it stands was public by its last
//! `LAST_DAY_UPDATED` (else `LISTED_ON`): that is the report date of what
//! it says besides the listing, so a note seen only in a later snapshot is
//! dated by the amendment that added it.

use roxmltree::{Document, Node, ParsingOptions};

use super::records::{Event, Imported, Person, SourceRecord};
use super::{clean, error_at, statements_of, Input};
use crate::date::Edtf;
use crate::model::{Certainty, Pos, Status};

/// The prefix of the list's ids.
const PREFIX: &str = "un-sc";
/// Who asserts what the list says.
const ACCORDING_TO: &str = "UN Security Council";

/// Reads one snapshot of the list into `imported`.
pub fn read(input: &Input, imported: &mut Imported) {
    let text = match std::str::from_utf8(&input.bytes) {
        Ok(text) => text,
        Err(err) => {
            let (line, column) = crate::load::line_column_of_byte(&input.bytes, err.valid_up_to());
            imported.errors.push(error_at(
                &input.name,
                line,
                column,
                "the UN list is XML in UTF-8, but this byte is not UTF-8".into(),
            ));
            return;
        }
    };
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    let document = match Document::parse_with_options(text, options) {
        Ok(document) => document,
        Err(err) => {
            let pos = err.pos();
            imported.errors.push(error_at(
                &input.name,
                pos.row,
                pos.col,
                format!("not well-formed XML: {err}"),
            ));
            return;
        }
    };
    let root = document.root_element();
    let at = |node: Node| -> Pos {
        let pos = document.text_pos_at(node.range().start);
        Pos {
            file: input.name.clone(),
            line: pos.row,
            column: pos.col,
        }
    };
    if root.tag_name().name() != "CONSOLIDATED_LIST" {
        imported.error(
            &at(root),
            format!(
                "expected the UN consolidated list (root element CONSOLIDATED_LIST), found `{}`",
                root.tag_name().name()
            ),
        );
        return;
    }
    let generated = root
        .attribute("dateGenerated")
        .and_then(|d| d.get(..10))
        .filter(|d| Edtf::parse(d).is_ok());
    let Some(generated) = generated else {
        imported.error(
            &at(root),
            "the list has no `dateGenerated` (YYYY-MM-DD…): the snapshot's date is what its claims are reported by",
        );
        return;
    };
    let source = format!("{PREFIX}-{generated}");
    let mut record = SourceRecord::new(source.clone());
    record.title = Some("Consolidated United Nations Security Council Sanctions List".into());
    record.publisher = Some("United Nations Security Council".into());
    record.url = Some("https://scsanctions.un.org/resources/xml/en/consolidated.xml".into());
    record.published = Some(generated.to_string());
    record.reliability = Some("A".into());
    imported.add_source(record);
    let individuals = root
        .children()
        .filter(|n| n.has_tag_name("INDIVIDUALS"))
        .flat_map(|n| n.children())
        .filter(|n| n.has_tag_name("INDIVIDUAL"));
    for individual in individuals {
        let pos = at(individual);
        match person(individual, generated) {
            Ok(person) => imported.add_person(&source, person, &pos),
            Err(message) => imported.error(&pos, message),
        }
    }
}

/// The trimmed text of the child `tag`, if it has any.
fn child_text<'a>(node: Node<'a, '_>, tag: &str) -> Option<&'a str> {
    node.children()
        .find(|n| n.has_tag_name(tag))
        .and_then(|n| n.text())
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// The `VALUE`s of the child `tag`, trimmed, the empty ones left out.
fn values<'a>(node: Node<'a, '_>, tag: &str) -> Vec<&'a str> {
    node.children()
        .filter(|n| n.has_tag_name(tag))
        .flat_map(|n| n.children().filter(|v| v.has_tag_name("VALUE")))
        .filter_map(|v| v.text().map(str::trim))
        .filter(|t| !t.is_empty())
        .collect()
}

/// One `INDIVIDUAL` as a person, or why it cannot be one.
fn person(node: Node, generated: &str) -> Result<Person, String> {
    let reference = child_text(node, "REFERENCE_NUMBER")
        .ok_or("an INDIVIDUAL without a REFERENCE_NUMBER; it was left out")?;
    let name = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"]
        .iter()
        .filter_map(|tag| child_text(node, tag))
        .map(clean)
        .collect::<Vec<_>>()
        .join(" ");
    let (mut aliases, weak) = aliases(node);
    aliases.extend(child_text(node, "NAME_ORIGINAL_SCRIPT").map(clean));
    let listed_on = child_text(node, "LISTED_ON").map(xml_date);
    // The record as it stands was public by its last amendment (when the
    // list dates it), else by the snapshot.
    let updated = (values(node, "LAST_DAY_UPDATED").into_iter().map(xml_date))
        .max()
        .unwrap_or(generated);
    let mut events = vec![Event {
        weak_aliases: weak,
        reported: listed_on.map(str::to_string),
        according_to: Some(ACCORDING_TO.into()),
        evidence: child_text(node, "UN_LIST_TYPE").map(|l| format!("UN sanctions list: {l}")),
        ..Event::new(Status::Designated, listed_on.map(str::to_string))
    }];
    let births = births(node);
    // Alternatives: the list does not know which.
    let alternatives = (births.len() > 1).then_some(Certainty::Possible);
    for date in births {
        events.push(Event {
            certainty: alternatives,
            reported: Some(updated.to_string()),
            according_to: Some(ACCORDING_TO.into()),
            ..Event::new(Status::Born, Some(date))
        });
    }
    if let Some(comments) = child_text(node, "COMMENTS1") {
        let names: Vec<&str> = std::iter::once(&name)
            .chain(&aliases)
            .map(String::as_str)
            .collect();
        events.extend(statements_of(comments, &names, ACCORDING_TO, Some(updated)));
    }
    // An amendment the list did not date: what it tells of is reported by
    // the snapshot, not by the last dated amendment before it.
    for event in &mut events[1..] {
        if starts_after(event.date.as_deref(), updated) {
            event.reported = Some(generated.to_string());
        }
    }
    Ok(Person {
        id: format!("{PREFIX}:{reference}"),
        name,
        aliases,
        events,
    })
}

/// The strong and the weak aliases: `Low` quality is weak; `Good`, an
/// empty quality and anything else strong. An `ALIAS_NAME` may pack several
/// names separated by `;`.
fn aliases(node: Node) -> (Vec<String>, Vec<String>) {
    let (mut strong, mut weak) = (Vec::new(), Vec::new());
    for alias in node
        .children()
        .filter(|n| n.has_tag_name("INDIVIDUAL_ALIAS"))
    {
        let Some(names) = child_text(alias, "ALIAS_NAME") else {
            continue;
        };
        let low = child_text(alias, "QUALITY").is_some_and(|q| q.eq_ignore_ascii_case("low"));
        let names = names.split(';').map(clean).filter(|n| !n.is_empty());
        if low {
            weak.extend(names);
        } else {
            strong.extend(names);
        }
    }
    (strong, weak)
}

/// Each date of birth as EDTF, never collapsed: `EXACT` as written,
/// `APPROXIMATELY` with `~`, `BETWEEN` as an interval of years.
fn births(node: Node) -> Vec<String> {
    let mut dates = Vec::new();
    for birth in node
        .children()
        .filter(|n| n.has_tag_name("INDIVIDUAL_DATE_OF_BIRTH"))
    {
        let kind = child_text(birth, "TYPE_OF_DATE")
            .unwrap_or("")
            .to_ascii_uppercase();
        let date = child_text(birth, "DATE").map(|d| xml_date(d).to_string());
        let year = child_text(birth, "YEAR").map(str::to_string);
        let range = child_text(birth, "FROM_YEAR").zip(child_text(birth, "TO_YEAR"));
        let edtf = match (kind.as_str(), date, year, range) {
            ("BETWEEN", _, _, Some((from, to))) => Some(format!("{from}/{to}")),
            ("APPROXIMATELY", None, Some(year), _) => Some(format!("{year}~")),
            ("APPROXIMATELY", Some(date), _, _) => Some(format!("{date}~")),
            (_, Some(date), _, _) => Some(date),
            (_, None, Some(year), _) => Some(year),
            (_, None, None, Some((from, to))) => Some(format!("{from}/{to}")),
            _ => None,
        };
        if let Some(edtf) = edtf.filter(|e| !dates.contains(e)) {
            dates.push(edtf);
        }
    }
    dates
}

/// Whether the EDTF `date` starts after the day `day` ends.
fn starts_after(date: Option<&str>, day: &str) -> bool {
    let (Some(Ok(date)), Ok(day)) = (date.map(Edtf::parse), Edtf::parse(day)) else {
        return false;
    };
    date.interval.earliest > day.interval.latest
}

/// An `xs:date` without its time zone (`2015-07-01-04:00` → `2015-07-01`):
/// the list's dates are days, wherever they were written.
fn xml_date(text: &str) -> &str {
    match (text.get(..10), text.as_bytes().get(10)) {
        (Some(day), Some(b'-' | b'+' | b'Z' | b'T')) => day,
        _ => text,
    }
}
