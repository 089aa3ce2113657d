//! `claimlint report --html FILE`: one self-contained page.
//!
//! A summary, then every person with their timeline drawn as inline SVG
//! (dated claims as points, imprecise dates as bars over their interval,
//! open ends faded with an arrow, deaths marked ✝ in red, proofs of life in
//! green, claims involved in findings highlighted), a verdict slot and
//! their findings. A few lines of inline JS filter findings by rule and
//! severity; without JS the filters stay hidden and everything shows.
//!
//! Nothing is loaded from elsewhere: no external scripts, styles or fonts.
//! Every string from the data goes through [`escape`]; the page's
//! Content-Security-Policy lets only our own script (by its hash) run, so
//! even a missed escape could not execute injected script.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use sha2::{Digest, Sha256};

use crate::date::{civil_from_days, days_from_civil, Day, DAWN, DUSK};
use crate::finding::{Finding, Severity};
use crate::model::{Claim, Dataset, Status};
use crate::reconcile::Entities;
use crate::review::Applied;

/// What the page shows.
pub struct Page<'a> {
    /// The claims, sources and input errors.
    pub dataset: &'a Dataset,
    /// Who is who.
    pub entities: &'a Entities,
    /// What the rules found.
    pub findings: &'a [Finding],
    /// The review file laid over the findings.
    pub reviews: &'a Applied<'a>,
    /// The verdict of every entity, by its index in [`Entities::list`];
    /// empty to leave the verdict slots out.
    pub verdicts: &'a [crate::verdict::Verdict],
}

/// Escapes text for HTML and SVG text and attribute values alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Data text wrapped in `<bdi>`, so right-to-left marks in a name cannot
/// reorder the text around it.
fn bdi(text: &str) -> String {
    format!("<bdi>{}</bdi>", escape(text))
}

/// Our sentences, which quote data in backticks (`` `claim-id` ``): the
/// quoted parts as `<code>`, everything escaped and isolated as data.
pub fn sentence(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", bdi(part));
        } else {
            out.push_str(&bdi(part));
        }
    }
    out
}

/// Short SVG labels: bidi controls dropped (SVG text has no `<bdi>`), cut
/// to `max` characters.
fn label(text: &str, max: usize) -> String {
    let clean: String = text
        .chars()
        .filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect();
    if clean.chars().count() <= max {
        escape(&clean)
    } else {
        let cut: String = clean.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", escape(&cut))
    }
}

const STYLE: &str = r#"
:root { color-scheme: light; --error: #b71c1c; --warning: #e65100; --info: #01579b; --death: #c62828; --life: #2e7d32; --active: #689f38; --custody: #ef6c00; --other: #546e7a; --flag: #ffb300; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 0; color: #1b1f23; background: #f6f7f9; }
header, main { max-width: 1180px; margin: 0 auto; padding: 16px 24px; }
header { background: #fff; border-bottom: 1px solid #d0d7de; max-width: none; }
header > * { max-width: 1132px; margin-left: auto; margin-right: auto; }
h1 { font-size: 24px; margin: 4px auto 8px; }
h2 { font-size: 19px; margin: 0 0 4px; overflow-wrap: anywhere; }
h3 { font-size: 15px; margin: 14px 0 6px; }
.counts { display: flex; gap: 12px; flex-wrap: wrap; margin: 8px auto; }
.count { background: #f6f7f9; border: 1px solid #d0d7de; border-radius: 6px; padding: 6px 12px; }
.count b { font-size: 20px; display: block; }
.sev-error { color: var(--error); } .sev-warning { color: var(--warning); } .sev-info { color: var(--info); }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #e1e4e8; vertical-align: top; overflow-wrap: anywhere; }
form#filters { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; margin: 8px auto; font-size: 14px; }
form#filters fieldset { border: 1px solid #d0d7de; border-radius: 6px; padding: 4px 10px; margin: 0; }
section.entity { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; margin: 18px 0; padding: 16px 20px; }
.entity-id, .muted { color: #57606a; font-size: 13px; }
.aka { font-size: 13px; color: #57606a; overflow-wrap: anywhere; }
.verdict { border-left: 4px solid #8c959f; background: #f6f8fa; padding: 6px 12px; margin: 10px 0; font-size: 14px; }
.verdict.none { color: #57606a; font-style: italic; }
svg.timeline { width: 100%; height: auto; display: block; margin: 8px 0; background: #fcfcfd; border: 1px solid #eaeef2; border-radius: 6px; }
svg.timeline text { font: 11px system-ui, "DejaVu Sans", sans-serif; fill: #24292f; }
svg.timeline .axis line { stroke: #d8dee4; }
svg.timeline .axis text { fill: #57606a; }
svg.timeline .flag-band { fill: #fff3cd; }
svg.timeline .flagged-mark { stroke: var(--flag); stroke-width: 3; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12px; color: #57606a; }
.legend span::before { content: ""; display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; background: var(--c); }
article.finding { border: 1px solid #d0d7de; border-left-width: 5px; border-radius: 6px; padding: 8px 12px; margin: 8px 0; overflow-wrap: anywhere; }
article.finding.sev-error { border-left-color: var(--error); } article.finding.sev-warning { border-left-color: var(--warning); } article.finding.sev-info { border-left-color: var(--info); }
article.finding .head { font-weight: 600; color: #1b1f23; }
article.finding .rule { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; }
article.finding ul { margin: 4px 0; padding-left: 20px; color: #1b1f23; }
.review { display: inline-block; background: #ddf4ff; color: #0a3069; border-radius: 10px; padding: 0 8px; font-size: 12px; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
nav#index { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 20px; margin: 18px 0; }
nav#index ol { columns: 2 320px; margin: 4px 0; padding-left: 22px; font-size: 14px; }
nav#index span { font-size: 12px; margin-left: 4px; }
details#quiet-people ul { columns: 2 360px; font-size: 13px; }
a:focus-visible, summary:focus-visible, input:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
:target { scroll-margin-top: 12px; }
tr:target, article.finding:target { background: #fff8c5; }
svg.timeline .axis-break { fill: #57606a; font-style: italic; }
blockquote { margin: 2px 0 2px 8px; padding-left: 8px; border-left: 3px solid #d0d7de; color: #57606a; }
"#;

const SCRIPT: &str = r#"
(function () {
  var form = document.getElementById('filters');
  if (!form) return;
  form.hidden = false;
  function checked(name) {
    var on = {};
    form.querySelectorAll('input[name="' + name + '"]').forEach(function (i) { on[i.value] = i.checked; });
    return on;
  }
  // A filtered view can be shared: `?severity=error&rule=alive-after-death`
  // (comma-separated values shown) and `reviewed=0` set the boxes on load,
  // and every change writes them back into the address.
  var params = new URLSearchParams(location.search);
  ['severity', 'rule'].forEach(function (name) {
    if (!params.has(name)) return;
    var shown = params.get(name).split(',');
    form.querySelectorAll('input[name="' + name + '"]').forEach(function (i) { i.checked = shown.indexOf(i.value) >= 0; });
  });
  if (params.get('reviewed') === '0') form.querySelector('input[name="reviewed"]').checked = false;
  function remember() {
    var query = new URLSearchParams();
    ['severity', 'rule'].forEach(function (name) {
      var boxes = form.querySelectorAll('input[name="' + name + '"]');
      var on = Array.prototype.filter.call(boxes, function (i) { return i.checked; }).map(function (i) { return i.value; });
      if (on.length < boxes.length) query.set(name, on.join(','));
    });
    if (!form.querySelector('input[name="reviewed"]').checked) query.set('reviewed', '0');
    var search = query.toString();
    try { history.replaceState(null, '', search ? '?' + search : location.pathname); } catch (e) {}
  }
  function apply() {
    var severity = checked('severity'), rule = checked('rule');
    var reviewed = form.querySelector('input[name="reviewed"]').checked;
    document.querySelectorAll('article.finding').forEach(function (f) {
      f.hidden = !(severity[f.dataset.severity] && rule[f.dataset.rule] && (reviewed || !f.dataset.review));
    });
    document.querySelectorAll('section.entity').forEach(function (s) {
      var all = s.querySelectorAll('article.finding').length;
      var shown = s.querySelectorAll('article.finding:not([hidden])').length;
      s.hidden = all > 0 && shown === 0;
    });
  }
  form.addEventListener('change', function () { apply(); remember(); });
  apply();
})();
"#;

/// How a status is drawn.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Death,
    Life,
    Active,
    Custody,
    Other,
}

impl Kind {
    fn of(status: Status) -> Kind {
        match status {
            s if s.is_death() => Kind::Death,
            Status::Alive => Kind::Life,
            Status::Active => Kind::Active,
            s if s.is_custody() => Kind::Custody,
            _ => Kind::Other,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Death => "death",
            Kind::Life => "life",
            Kind::Active => "active",
            Kind::Custody => "custody",
            Kind::Other => "other",
        }
    }

    fn colour(self) -> &'static str {
        match self {
            Kind::Death => "#c62828",
            Kind::Life => "#2e7d32",
            Kind::Active => "#689f38",
            Kind::Custody => "#ef6c00",
            Kind::Other => "#546e7a",
        }
    }
}

const KINDS: [Kind; 5] = [
    Kind::Death,
    Kind::Life,
    Kind::Active,
    Kind::Custody,
    Kind::Other,
];

/// The page: self-contained HTML with its style and script inline.
pub fn render(page: &Page) -> String {
    let dataset = page.dataset;
    let script_hash = {
        let digest = Sha256::digest(SCRIPT.as_bytes());
        base64(&digest)
    };
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{script_hash}'; img-src data:\">\n\
         <title>claimlint report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    );

    // Findings per entity, in report order.
    let mut by_entity: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, f) in page.findings.iter().enumerate() {
        by_entity.entry(f.entity).or_default().push(i);
    }
    let count = |s: Severity| page.findings.iter().filter(|f| f.severity == s).count();
    let reviewed = (0..page.findings.len())
        .filter(|&i| page.reviews.of(i).is_some())
        .count();

    out.push_str("<header>\n<h1>claimlint report</h1>\n<div class=\"counts\">");
    for (value, what, class) in [
        (dataset.claims.len(), "claims", ""),
        (page.entities.list.len(), "people", ""),
        (count(Severity::Error), "errors", " sev-error"),
        (count(Severity::Warning), "warnings", " sev-warning"),
        (count(Severity::Info), "info", " sev-info"),
        (reviewed, "reviewed", ""),
        (dataset.errors.len(), "input errors", ""),
    ] {
        let _ = write!(
            out,
            "<div class=\"count{class}\"><b>{value}</b>{what}</div>"
        );
    }
    out.push_str("</div>\n");
    filters(&mut out, page);
    legend(&mut out);
    out.push_str("</header>\n<main>\n");

    if !dataset.errors.is_empty() {
        out.push_str("<section class=\"entity\" id=\"input-errors\"><h2>Input errors</h2><ul>");
        for e in &dataset.errors {
            let _ = write!(
                out,
                "<li><code>{}:{}:{}</code> {}</li>",
                bdi(&e.file),
                e.line,
                e.column,
                bdi(&e.message)
            );
        }
        out.push_str("</ul></section>\n");
    }
    if !page.reviews.stale.is_empty() {
        out.push_str("<section class=\"entity\" id=\"stale-reviews\"><h2>Stale reviews</h2><p class=\"muted\">These decisions match no finding any more; they stay in the review file until someone removes them.</p><ul>");
        for s in &page.reviews.stale {
            let _ = write!(
                out,
                "<li><code>{}</code> {} by {} ({})</li>",
                escape(s.fingerprint),
                s.review.decision,
                bdi(&s.review.who),
                bdi(&s.review.rule)
            );
        }
        out.push_str("</ul></section>\n");
    }

    // People with findings, most severe first, each in full; everyone
    // else in one list behind a toggle (drawing them all made 10 MB pages).
    let mut order: Vec<usize> = by_entity.keys().copied().collect();
    order.sort_by_key(|&e| {
        let worst = by_entity[&e]
            .iter()
            .map(|&i| page.findings[i].severity)
            .max();
        (std::cmp::Reverse(worst), e)
    });
    index(&mut out, page, &order, &by_entity);
    for &e in &order {
        entity_section(&mut out, page, e, &by_entity[&e]);
    }
    quiet_people(&mut out, page, &by_entity);
    let _ = write!(
        out,
        "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    );
    out
}

/// The people with findings, each a link to their section, with their
/// counts by severity.
fn index(out: &mut String, page: &Page, order: &[usize], by_entity: &BTreeMap<usize, Vec<usize>>) {
    if order.is_empty() {
        out.push_str("<p class=\"muted\">No findings.</p>\n");
        return;
    }
    let _ = write!(
        out,
        "<nav id=\"index\" aria-label=\"people with findings\"><h2>People with findings ({})</h2><ol>",
        order.len()
    );
    for &e in order {
        let findings = &by_entity[&e];
        let _ = write!(
            out,
            "<li><a href=\"#entity-{e}\">{}</a>",
            bdi(&page.entities.list[e].name)
        );
        for severity in [Severity::Error, Severity::Warning, Severity::Info] {
            let n = findings
                .iter()
                .filter(|&&i| page.findings[i].severity == severity)
                .count();
            if n > 0 {
                let _ = write!(
                    out,
                    " <span class=\"sev-{0}\">{n} {0}</span>",
                    severity.as_str()
                );
            }
        }
        out.push_str("</li>");
    }
    out.push_str("</ol></nav>\n");
}

/// Everyone without findings, by name with their verdict, behind a toggle.
fn quiet_people(out: &mut String, page: &Page, by_entity: &BTreeMap<usize, Vec<usize>>) {
    let quiet: Vec<usize> = (0..page.entities.list.len())
        .filter(|e| !by_entity.contains_key(e))
        .collect();
    if quiet.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<details id=\"quiet-people\" class=\"entity\"><summary>{} people without findings</summary><ul>",
        quiet.len()
    );
    for e in quiet {
        let entity = &page.entities.list[e];
        let verdict = page
            .verdicts
            .get(e)
            .map(|v| format!(" — {}", sentence(&v.summary)))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<li id=\"entity-{e}\">{} <span class=\"muted\">({} · {})</span>{verdict}</li>",
            bdi(&entity.name),
            bdi(&entity.id),
            plural(entity.claims.len(), "claim", "claims")
        );
    }
    out.push_str("</ul></details>\n");
}

/// `1 claim`, `2 claims`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn filters(out: &mut String, page: &Page) {
    let rules: BTreeSet<&str> = page.findings.iter().map(|f| f.rule).collect();
    // Hidden until the script shows it: without JS every finding shows.
    out.push_str("<form id=\"filters\" hidden><fieldset><legend>Severity</legend>");
    for s in [Severity::Error, Severity::Warning, Severity::Info] {
        let _ = write!(
            out,
            "<label><input type=\"checkbox\" name=\"severity\" value=\"{0}\" checked> {0}</label> ",
            s.as_str()
        );
    }
    out.push_str("</fieldset><fieldset><legend>Rule</legend>");
    for rule in rules {
        let _ = write!(
            out,
            "<label><input type=\"checkbox\" name=\"rule\" value=\"{0}\" checked> {0}</label> ",
            escape(rule)
        );
    }
    out.push_str(
        "</fieldset><label><input type=\"checkbox\" name=\"reviewed\" checked> reviewed findings</label></form>\n",
    );
}

fn entity_section(out: &mut String, page: &Page, index: usize, findings: &[usize]) {
    let dataset = page.dataset;
    let entity = &page.entities.list[index];
    let _ = write!(
        out,
        "<section class=\"entity\" id=\"entity-{index}\">\n<h2>{}</h2>\n<div class=\"entity-id\">{} · {} · {} · <a href=\"#index\">index</a></div>\n",
        bdi(&entity.name),
        bdi(&entity.id),
        plural(entity.claims.len(), "claim", "claims"),
        plural(findings.len(), "finding", "findings")
    );
    let others: Vec<String> = entity
        .names
        .iter()
        .filter(|n| **n != entity.name)
        .map(|n| bdi(n))
        .collect();
    if !others.is_empty() {
        let _ = writeln!(out, "<div class=\"aka\">also: {}</div>", others.join(", "));
    }
    if let Some(verdict) = page.verdicts.get(index) {
        let _ = writeln!(
            out,
            "<div class=\"verdict\"><b>Verdict</b> (as of {}): {}",
            escape(&verdict.as_of),
            sentence(&verdict.summary)
        );
        for (label, judged) in [
            ("rests on", &verdict.rests_on),
            ("rejects", &verdict.rejects),
        ] {
            if judged.is_empty() {
                continue;
            }
            let _ = writeln!(out, "<ul class=\"judged\">");
            for j in judged {
                let _ = writeln!(
                    out,
                    "<li>{label} <code>{}</code>: {}</li>",
                    escape(&j.id),
                    sentence(&j.reason)
                );
            }
            let _ = writeln!(out, "</ul>");
        }
        out.push_str("</div>\n");
    }

    let claims = crate::render::timeline::ordered_claims(dataset, &entity.claims);
    let flagged: BTreeSet<usize> = findings
        .iter()
        .flat_map(|&i| page.findings[i].claims.iter().copied())
        .collect();
    timeline(out, dataset, &claims, &flagged);

    if !findings.is_empty() {
        out.push_str("<h3>Findings</h3>\n");
        for &i in findings {
            finding(out, page, i);
        }
    }
    let _ = write!(
        out,
        "<details open><summary>Claims ({})</summary><table><thead><tr><th>date</th><th>status</th><th>claim</th><th>who</th><th>source</th><th>where</th></tr></thead><tbody>",
        claims.len()
    );
    for &c in &claims {
        let claim = &dataset.claims[c];
        let in_findings: Vec<String> = (findings.iter())
            .filter(|&&i| page.findings[i].claims.contains(&c))
            .map(|&i| {
                format!(
                    " <a href=\"#finding-{i}\">↑ {}</a>",
                    escape(page.findings[i].rule)
                )
            })
            .collect();
        let _ = write!(
            out,
            "<tr id=\"claim-{c}\"><td>{}</td><td>{}</td><td><code>{}</code>{}</td><td>{}</td><td>{}</td><td><code>{}:{}</code></td></tr>",
            bdi(claim.date_text()),
            bdi(&describe(claim)),
            bdi(&claim.id),
            in_findings.concat(),
            bdi(&claim.who),
            claim.source.as_deref().map_or_else(|| "none".to_string(), bdi),
            bdi(&claim.pos.file),
            claim.pos.line
        );
        if let Some(quote) = &claim.quote {
            let _ = write!(
                out,
                "<tr><td></td><td colspan=\"5\"><blockquote>{}</blockquote></td></tr>",
                bdi(quote)
            );
        }
    }
    out.push_str("</tbody></table></details>\n</section>\n");
}

fn finding(out: &mut String, page: &Page, index: usize) {
    let dataset = page.dataset;
    let f = &page.findings[index];
    let review = page.reviews.of(index);
    let _ = write!(
        out,
        "<article class=\"finding sev-{sev}\" id=\"finding-{index}\" data-rule=\"{rule}\" data-severity=\"{sev}\"{rev}>\n\
         <div class=\"head\"><span class=\"sev-{sev}\">{sev}</span> <span class=\"rule\">[{rule}]</span> {msg}</div>\n<ul>",
        sev = f.severity.as_str(),
        rule = escape(f.rule),
        rev = if review.is_some() { " data-review=\"1\"" } else { "" },
        msg = bdi(&f.message),
    );
    for &c in &f.claims {
        let claim = &dataset.claims[c];
        let rejected = dataset
            .rejection(c)
            .map(|r| format!(" · rejected in review ({})", bdi(r)))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<li><a href=\"#claim-{c}\"><code>{}</code></a> {} — <code>{}:{}</code>{rejected}</li>",
            bdi(&claim.id),
            bdi(&describe(claim)),
            bdi(&claim.pos.file),
            claim.pos.line
        );
    }
    let _ = write!(
        out,
        "</ul>\n<div class=\"muted\">{}",
        sentence(&f.reasoning)
    );
    if let Some(why) = &f.severity_reason {
        let _ = write!(
            out,
            " · {}, lowered from {}: {}",
            f.severity,
            f.default_severity,
            sentence(why)
        );
    }
    if let Some(fav) = f.favours {
        let _ = write!(
            out,
            " · favours <code>{}</code>",
            bdi(&dataset.claims[fav].id)
        );
    }
    let _ = write!(out, " · <code>{}</code></div>", escape(&f.fingerprint));
    if let Some(r) = review {
        let _ = write!(
            out,
            "<div><span class=\"review\">{}</span> by {} at {}",
            r.decision,
            bdi(&r.who),
            escape(&r.when)
        );
        if let Some(wrong) = &r.wrong {
            let _ = write!(out, " · wrong: <code>{}</code>", bdi(wrong));
        }
        if !r.note.is_empty() {
            let _ = write!(out, " — {}", bdi(&r.note));
        }
        out.push_str("</div>");
    }
    out.push_str("\n</article>\n");
}

/// A claim in words: its status, and for a role the role and organisation
/// (`role: leader of Islamic State`), with the agent or place of a death.
fn describe(claim: &Claim) -> String {
    let mut text = claim.status.as_str().to_string();
    if let (Some(role), Some(org)) = (&claim.role, &claim.org) {
        text = format!("{role} of {org}");
    }
    if let Some(by) = &claim.by {
        text.push_str(&format!(" by {by}"));
    }
    if let Some(place) = &claim.place {
        text.push_str(&format!(" in {place}"));
    }
    text
}

/// Geometry of one timeline.
const WIDTH: f64 = 1100.0;
const GUTTER: f64 = 300.0;
const RIGHT: f64 = 24.0;
const ROW: f64 = 22.0;
const TOP: f64 = 26.0;
/// Days before the rest of the claims beyond which a birth is drawn at the
/// edge of a broken axis: ten years.
const FAR_OFF: Day = 3653;

/// The years a timeline spans and where a day falls on it.
struct Scale {
    first_year: i32,
    last_year: i32,
    start: Day,
    end: Day,
    /// The drawing's height: one row per claim.
    height: f64,
    /// Whether a far-off claim (a birth years before the rest) was left
    /// off the axis's start, drawn at its edge.
    cut: bool,
}

impl Scale {
    /// Whole years around the claims' finite days, at least three, so a
    /// point never sits on the frame; `None` when no claim is dated.
    fn of(dataset: &Dataset, claims: &[usize]) -> Option<Scale> {
        let days = |births: bool| {
            claims
                .iter()
                .filter(move |&&c| births || dataset.claims[c].status != Status::Born)
                .flat_map(|&c| {
                    let w = dataset.claims[c].when;
                    [w.earliest, w.latest]
                })
                .filter(|&d| d > DAWN && d < DUSK)
        };
        // A birth long before everything else would squeeze the rest into
        // the last part of the axis: the axis starts with the rest.
        let rest = days(false).min();
        let all = days(true).min();
        let cut = matches!((rest, all), (Some(rest), Some(all)) if rest - all > FAR_OFF);
        let finite = days(!cut);
        let (min, max) = finite.fold(None, |range: Option<(Day, Day)>, d| match range {
            None => Some((d, d)),
            Some((lo, hi)) => Some((lo.min(d), hi.max(d))),
        })?;
        let first_year = civil_from_days(min).0 - 1;
        let mut last_year = civil_from_days(max).0 + 2;
        if last_year - first_year < 3 {
            last_year = first_year + 3;
        }
        Some(Scale {
            first_year,
            last_year,
            start: days_from_civil(first_year, 1, 1),
            end: days_from_civil(last_year, 1, 1),
            height: TOP + ROW * claims.len() as f64 + 10.0,
            cut,
        })
    }

    /// The x coordinate of `day`.
    fn x(&self, day: Day) -> f64 {
        let plot = WIDTH - GUTTER - RIGHT;
        let day = day.clamp(self.start, self.end);
        GUTTER + plot * f64::from(day - self.start) / f64::from((self.end - self.start).max(1))
    }
}

/// One person's claims drawn on a time axis, a row each, the flagged ones
/// banded.
fn timeline(out: &mut String, dataset: &Dataset, claims: &[usize], flagged: &BTreeSet<usize>) {
    let Some(scale) = Scale::of(dataset, claims) else {
        out.push_str("<p class=\"muted\">No dated claims: nothing to draw.</p>\n");
        return;
    };
    let height = scale.height;
    let _ = write!(
        out,
        "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"timeline\">\n<defs>"
    );
    for kind in KINDS {
        let colour = kind.colour();
        let name = kind.name();
        let _ = write!(
            out,
            "<linearGradient id=\"fade-start-{name}\"><stop offset=\"0\" stop-color=\"{colour}\" stop-opacity=\"0\"/><stop offset=\"1\" stop-color=\"{colour}\" stop-opacity=\"0.75\"/></linearGradient>\
             <linearGradient id=\"fade-end-{name}\"><stop offset=\"0\" stop-color=\"{colour}\" stop-opacity=\"0.75\"/><stop offset=\"1\" stop-color=\"{colour}\" stop-opacity=\"0\"/></linearGradient>"
        );
    }
    out.push_str("</defs>\n<g class=\"axis\">");
    axis(out, &scale);
    out.push_str("</g>\n");
    for (row, &c) in claims.iter().enumerate() {
        claim_row(
            out,
            &dataset.claims[c],
            c,
            row,
            flagged.contains(&c),
            &scale,
        );
    }
    if scale.cut {
        // The axis starts after a far-off claim (a birth): say it is broken.
        let _ = write!(
            out,
            "<text class=\"axis-break\" x=\"{:.1}\" y=\"14\" text-anchor=\"end\">earlier ⫽</text>",
            GUTTER - 4.0
        );
    }
    out.push_str("</svg>\n");
}

/// The year lines and labels, at a step that keeps them legible.
fn axis(out: &mut String, scale: &Scale) {
    let (first_year, last_year, height) = (scale.first_year, scale.last_year, scale.height);
    let span = last_year - first_year;
    let step = match span {
        0..=12 => 1,
        13..=30 => 2,
        31..=70 => 5,
        71..=150 => 10,
        _ => 50,
    };
    for year in first_year..=last_year {
        if year % step != 0 {
            continue;
        }
        let px = scale.x(days_from_civil(year, 1, 1));
        let _ = write!(
            out,
            "<line x1=\"{px:.1}\" y1=\"{:.1}\" x2=\"{px:.1}\" y2=\"{:.1}\"/><text x=\"{px:.1}\" y=\"14\" text-anchor=\"middle\">{year}</text>",
            TOP - 6.0,
            height - 4.0
        );
    }
}

/// One claim's row: its label, and its date drawn as a point or a bar.
fn claim_row(
    out: &mut String,
    claim: &Claim,
    index: usize,
    row: usize,
    is_flagged: bool,
    scale: &Scale,
) {
    let y = TOP + ROW * row as f64;
    let mid = y + ROW / 2.0;
    let kind = Kind::of(claim.status);
    let _ = write!(
        out,
        "<g class=\"claim kind-{}{}\" data-claim=\"{}\"><title>{} — {} {} ({})</title>",
        kind.name(),
        if is_flagged { " flagged" } else { "" },
        escape(&claim.id),
        escape(&claim.id),
        escape(&claim.who),
        claim.status.as_str(),
        escape(claim.date_text())
    );
    if is_flagged {
        let _ = write!(
            out,
            "<rect class=\"flag-band\" x=\"0\" y=\"{y:.1}\" width=\"{WIDTH}\" height=\"{ROW}\"/>"
        );
    }
    let _ = write!(
        out,
        "<a href=\"#claim-{index}\"><text x=\"8\" y=\"{:.1}\">{} · {}</text></a>",
        mid + 4.0,
        label(claim.date_text(), 16),
        label(&describe(claim), 34)
    );
    mark(out, claim, mid, is_flagged, scale);
    out.push_str("</g>\n");
}

/// A claim's date: a point (a cross for a death) when it is a day or so at
/// this scale, else a bar, faded towards an open end.
fn mark(out: &mut String, claim: &Claim, mid: f64, is_flagged: bool, scale: &Scale) {
    let kind = Kind::of(claim.status);
    let colour = kind.colour();
    let w = claim.when;
    let open_start = w.earliest <= DAWN;
    let open_end = w.latest >= DUSK;
    let x0 = if open_start {
        GUTTER
    } else {
        scale.x(w.earliest)
    };
    let x1 = if open_end {
        WIDTH - RIGHT
    } else {
        scale.x(w.latest + 1)
    };
    let stroke = if is_flagged {
        " class=\"flagged-mark\""
    } else {
        ""
    };
    let dash = if w.uncertain {
        " stroke-dasharray=\"3 2\" fill-opacity=\"0.45\""
    } else {
        ""
    };
    if x1 - x0 < 7.0 && !open_start && !open_end {
        // A point in time at this scale.
        let cx = (x0 + x1) / 2.0;
        match kind {
            Kind::Death => {
                let _ = write!(
                    out,
                    "<text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" style=\"font-size:17px;font-weight:700;fill:{colour}\">✝</text>",
                    mid + 6.0
                );
            }
            _ => {
                let _ = write!(
                    out,
                    "<circle cx=\"{cx:.1}\" cy=\"{mid:.1}\" r=\"5.5\" fill=\"{colour}\"{stroke}{dash}/>"
                );
            }
        }
    } else {
        let fill = match (open_start, open_end) {
            (true, false) => format!("url(#fade-start-{})", kind.name()),
            (false, true) => format!("url(#fade-end-{})", kind.name()),
            (true, true) => colour.to_string(),
            (false, false) => colour.to_string(),
        };
        let opacity = if open_start && open_end {
            " fill-opacity=\"0.15\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"10\" rx=\"3\" fill=\"{fill}\" stroke=\"{colour}\"{opacity}{dash}{stroke}/>",
            mid - 5.0,
            (x1 - x0).max(2.0)
        );
        if open_start {
            let _ = write!(
                out,
                "<path d=\"M{:.1} {mid:.1} l8 -6 v12 z\" fill=\"{colour}\" opacity=\"0.6\"/>",
                GUTTER - 10.0
            );
        }
        if open_end {
            let _ = write!(
                out,
                "<path d=\"M{:.1} {mid:.1} l-8 -6 v12 z\" fill=\"{colour}\" opacity=\"0.6\"/>",
                WIDTH - RIGHT + 10.0
            );
        }
        if kind == Kind::Death {
            // Deaths keep their cross even as bars.
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" style=\"font-size:15px;font-weight:700;fill:{colour}\">✝</text>",
                x1.min(WIDTH - RIGHT) + 3.0,
                mid + 5.0
            );
        }
    }
}

/// What the colours and shapes mean.
fn legend(out: &mut String) {
    out.push_str("<div class=\"legend\">");
    for (kind, text) in [
        (Kind::Death, "death ✝"),
        (Kind::Life, "proof of life"),
        (Kind::Active, "activity"),
        (Kind::Custody, "custody"),
        (Kind::Other, "other"),
    ] {
        let _ = write!(out, "<span style=\"--c:{}\">{text}</span>", kind.colour());
    }
    out.push_str("<span style=\"--c:#fff3cd\">row of a claim in a finding (its point ringed gold)</span><span style=\"--c:transparent\">bars: imprecise dates; faded ▸ open ends; dashed: uncertain; earlier ⫽: the axis starts after a far-off birth</span></div>\n");
}

/// Standard base64 (for the script hash in the CSP).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_text_and_attributes() {
        assert_eq!(
            escape(r#"<script>"x" & 'y'</script>"#),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
        assert_eq!(label("\u{202e}abc", 10), "abc");
        assert_eq!(label("abcdef", 4), "abc…");
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
