//! `claimlint report --html`: a self-contained page, escaped, and what a
//! person sees when a real browser (headless Chromium) renders it.
//!
//! Chromium comes from `scripts/install-test-deps.sh` (run by `.ci/run`). A
//! missing browser fails the browser test with a clear message; with
//! `CLAIMLINT_SKIP_BROWSER=1` it reports as ignored, with that reason.
//! That is decided at run time, so this target runs under libtest-mimic
//! (`harness = false`): `main` lists the tests.

mod common;

use common::trial;
use libtest_mimic::{Completion, Failed, Trial};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() -> std::process::ExitCode {
    let tests = vec![
        trial(
            "the_page_is_self_contained_and_escapes_hostile_data",
            the_page_is_self_contained_and_escapes_hostile_data,
        ),
        trial("verdicts_are_shown_escaped", verdicts_are_shown_escaped),
        trial("the_page_links_within_itself", the_page_links_within_itself),
        Trial::ignorable_test(
            "a_browser_shows_the_timelines_and_no_injected_element",
            a_browser_shows_the_timelines_and_no_injected_element,
        ),
        trial(
            "the_injection_check_would_catch_an_injection",
            the_injection_check_would_catch_an_injection,
        ),
    ];
    libtest_mimic::run(&libtest_mimic::Arguments::from_args(), tests).exit_code()
}

const HOSTILE: &str = "tests/data/hostile.json";

/// Where this test keeps its pages and screenshots, for a human to look at.
fn out_dir(name: &str) -> PathBuf {
    let dir = common::root().join("target/test-output/html").join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn report(dataset: &str, file: &Path) -> String {
    let (stdout, stderr, code) =
        common::run(&["report", "--html", file.to_str().unwrap(), dataset]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.is_empty(),
        "the page goes to the file, not stdout: {stdout}"
    );
    assert!(stderr.contains("wrote"), "{stderr}");
    std::fs::read_to_string(file).unwrap()
}

/// Element and attribute names of an HTML document, skipping quoted
/// attribute values and text (where escaped data lives).
fn markup(html: &str) -> (BTreeMap<String, usize>, Vec<String>) {
    let mut elements = BTreeMap::new();
    let mut attributes = Vec::new();
    let chars: Vec<char> = html.chars().collect();
    let mut i = 0;
    let mut in_script = false;
    while i < chars.len() {
        if chars[i] != '<' {
            i += 1;
            continue;
        }
        i += 1;
        let closing = chars.get(i) == Some(&'/');
        if closing {
            i += 1;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_ascii_alphanumeric() || chars[i] == '-' || chars[i] == '!')
        {
            i += 1;
        }
        let name: String = chars[start..i]
            .iter()
            .collect::<String>()
            .to_ascii_lowercase();
        if in_script && !(closing && name == "script") {
            continue;
        }
        if name.is_empty() {
            continue;
        }
        if !closing {
            *elements.entry(name.clone()).or_insert(0) += 1;
        }
        in_script = name == "script" && !closing;
        // Attributes up to the closing `>`.
        while i < chars.len() && chars[i] != '>' {
            if chars[i] == '"' || chars[i] == '\'' {
                let quote = chars[i];
                i += 1;
                while i < chars.len() && chars[i] != quote {
                    i += 1;
                }
                i += 1;
                continue;
            }
            if chars[i].is_ascii_alphabetic() && !closing {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_ascii_alphanumeric() || "-_:".contains(chars[i]))
                {
                    i += 1;
                }
                attributes.push(
                    chars[start..i]
                        .iter()
                        .collect::<String>()
                        .to_ascii_lowercase(),
                );
                continue;
            }
            i += 1;
        }
    }
    (elements, attributes)
}

fn assert_no_injection(html: &str) {
    if let Err(injection) = check_no_injection(html) {
        panic!("{injection}");
    }
}

/// The first element or attribute in `html` that our page never writes.
/// A `Result` rather than assertions so that the test of this check sees
/// it catch injections without panics (this target runs under
/// libtest-mimic, which does not capture the panic messages of a passing test).
fn check_no_injection(html: &str) -> Result<(), String> {
    let (elements, attributes) = markup(html);
    let allowed = [
        "!doctype",
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "main",
        "h1",
        "h2",
        "h3",
        "div",
        "b",
        "form",
        "fieldset",
        "legend",
        "label",
        "input",
        "section",
        "p",
        "ul",
        "li",
        "code",
        "bdi",
        "svg",
        "defs",
        "lineargradient",
        "stop",
        "g",
        "line",
        "text",
        "rect",
        "circle",
        "path",
        "article",
        "span",
        "details",
        "summary",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "blockquote",
        "script",
        "a",
        "nav",
        "ol",
    ];
    if let Some(name) = elements
        .keys()
        .find(|name| !allowed.contains(&name.as_str()))
    {
        return Err(format!("unexpected element <{name}> in the page"));
    }
    if elements.get("script") != Some(&1) {
        return Err(format!("only our own script: {elements:?}"));
    }
    for attribute in &attributes {
        if attribute.starts_with("on") {
            return Err(format!("event handler attribute {attribute}"));
        }
        if ["src", "xlink:href"].contains(&attribute.as_str()) {
            return Err(format!("external reference {attribute}"));
        }
    }
    // Links only within the page: data cannot write ` href="` (its quotes
    // are escaped), so every one is ours and must be a fragment.
    for (at, _) in html.match_indices(" href=\"") {
        if !html[at + 7..].starts_with('#') {
            return Err(format!(
                "a link out of the page: {}",
                &html[at..html.len().min(at + 60)]
            ));
        }
    }
    Ok(())
}

/// The report to work in: an index of the people with findings, each a
/// link to their section; every link lands on an element of the page
/// (finding to claim row and back, timeline row to claim); one legend;
/// people without findings listed, not drawn.
fn the_page_links_within_itself() {
    let dir = out_dir("links");
    let html = report("claims", &dir.join("claims.html"));
    let ids: std::collections::BTreeSet<&str> = html
        .split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    let targets: Vec<&str> = html
        .split(" href=\"#")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(targets.len() > 40, "links: {}", targets.len());
    for target in &targets {
        assert!(
            ids.contains(target),
            "a link to #{target}, which is not on the page"
        );
    }
    assert!(html.contains("<nav id=\"index\""), "an index of people");
    assert!(
        targets.iter().any(|t| t.starts_with("finding-")),
        "claims link back to findings"
    );
    assert!(
        targets.iter().any(|t| t.starts_with("claim-")),
        "findings link to claims"
    );
    assert_eq!(html.matches("class=\"legend\"").count(), 1, "one legend");
    assert!(
        html.contains("41 people without findings"),
        "the others behind a toggle"
    );
    assert_eq!(
        html.matches("<section class=\"entity\" id=\"entity-")
            .count(),
        2
    );
    assert_no_injection(&html);
}

fn the_page_is_self_contained_and_escapes_hostile_data() {
    let dir = out_dir("static");
    let html = report(HOSTILE, &dir.join("hostile.html"));
    // The raw hostile strings never appear; their escaped forms do.
    for raw in [
        "<script>alert(1)</script>",
        "</svg><script>",
        "<img src=x",
        "<svg onload",
        "<iframe",
        "<b onclick",
        "\"onmouseover=alert(1)",
    ] {
        assert!(!html.contains(raw), "unescaped {raw}");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; al-Muhajir"));
    assert!(html
        .contains("Evil &quot;quoted&quot; &#39;single&#39; &lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("data-claim=\"c2-&quot;&#39;&gt;&lt;svg onload=alert(3)&gt;\""));
    assert_no_injection(&html);
    // Self-contained: nothing fetched from elsewhere.
    for external in ["<link", "@import", "url(http", "src=\"http", "@font-face"] {
        assert!(!html.contains(external), "{external}");
    }
    assert!(html.contains("Content-Security-Policy"));
    // Every timeline closes what it opens.
    assert_eq!(html.matches("<svg").count(), html.matches("</svg>").count());
    assert!(
        html.contains("<b>Verdict</b> (as of "),
        "every person has a verdict"
    );
}

fn verdicts_are_shown_escaped() {
    let config = claimlint::config::Config::default();
    let analysis = claimlint::analyse(&[HOSTILE.into()], &config.options());
    let file = claimlint::review::ReviewFile::new();
    let reviews = claimlint::review::Applied::new(
        &file,
        &analysis.findings,
        &analysis.dataset,
        &analysis.entities,
    );
    let mut verdicts = claimlint::verdict::verdicts(&analysis.dataset, &analysis.entities, None);
    verdicts[0].summary = "killed <2017> per test".to_string();
    let page = claimlint::render::html::render(&claimlint::render::html::Page {
        dataset: &analysis.dataset,
        entities: &analysis.entities,
        findings: &analysis.findings,
        reviews: &reviews,
        verdicts: &verdicts,
    });
    assert!(
        page.contains("<bdi>killed &lt;2017&gt; per test</bdi>"),
        "escaped verdict"
    );
    // A verdict box for each person with findings; the others' verdicts
    // are listed with their names.
    let with_findings: std::collections::BTreeSet<usize> =
        analysis.findings.iter().map(|f| f.entity).collect();
    assert_eq!(page.matches("<b>Verdict</b>").count(), with_findings.len());
    assert_eq!(
        page.matches("<li id=\"entity-").count(),
        analysis.entities.list.len() - with_findings.len()
    );
}

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            let ok = Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success());
            ok.then(|| PathBuf::from(name))
        })
}

fn browser(chromium: &Path, args: &[&str], page: &Path) -> std::process::Output {
    browse(chromium, args, &format!("file://{}", page.display()))
}

/// Chromium, headless, on `url` (a page with a query or fragment).
fn browse(chromium: &Path, args: &[&str], url: &str) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
        ])
        .args([
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .output()
        .expect("chromium runs")
}

/// Width, height and the share of pixels that are not the page background.
fn inspect_png(path: &Path) -> (u32, u32, f64, usize) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(channels).collect();
    let background = [0xf6u8, 0xf7, 0xf9];
    let ink = pixels
        .iter()
        .filter(|p| p[..3] != background && p[..3] != [255, 255, 255])
        .count();
    let colours: std::collections::BTreeSet<[u8; 3]> =
        pixels.iter().map(|p| [p[0], p[1], p[2]]).collect();
    (
        info.width,
        info.height,
        ink as f64 / pixels.len() as f64,
        colours.len(),
    )
}

fn a_browser_shows_the_timelines_and_no_injected_element() -> Result<Completion, Failed> {
    let Some(chromium) = chromium() else {
        return common::tool_missing(
            "Chromium",
            "CLAIMLINT_SKIP_BROWSER",
            "to test the HTML report: run scripts/install-test-deps.sh \
             (or set CHROMIUM=/path/to/chromium)",
        );
    };
    let dir = out_dir("browser");
    for (dataset, name, people) in [
        (
            HOSTILE,
            "hostile",
            vec![
                "al-Muhajir",
                "Evil \"quoted\" 'single' &lt;img src=x onerror=alert(1)&gt;",
            ],
        ),
        (
            "claims",
            "claims",
            vec!["Lavdrim Muhaxheri", "Abubakar Mainok"],
        ),
    ] {
        let page = dir.join(format!("{name}.html"));
        report(dataset, &page);
        let shot = dir.join(format!("{name}.png"));
        let _ = std::fs::remove_file(&shot);
        let output = browser(
            &chromium,
            &[
                &format!("--screenshot={}", shot.display()),
                "--window-size=1280,2000",
            ],
            &page,
        );
        assert!(
            shot.is_file(),
            "no screenshot: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let (width, height, ink, colours) = inspect_png(&shot);
        assert_eq!((width, height), (1280, 2000), "{name}: screenshot size");
        assert!(
            ink > 0.02,
            "{name}: the page looks blank ({ink:.3} of pixels drawn)"
        );
        assert!(
            colours > 50,
            "{name}: only {colours} colours: no timelines drawn?"
        );

        let output = browser(&chromium, &["--dump-dom"], &page);
        let dom = String::from_utf8_lossy(&output.stdout).into_owned();
        std::fs::write(dir.join(format!("{name}.dom.html")), &dom).unwrap();
        assert!(
            dom.contains("<h1>claimlint report</h1>"),
            "{name}: {}",
            &dom[..dom.len().min(500)]
        );
        for person in people {
            assert!(
                dom.contains(person),
                "{name}: {person} not in the rendered page"
            );
        }
        assert!(
            dom.matches("<svg class=\"timeline\"").count() >= 2,
            "{name}: SVG timelines"
        );
        assert!(
            dom.contains("<form id=\"filters\">"),
            "{name}: the script ran and showed the filters"
        );
        assert_no_injection(&dom);
        if name == "claims" {
            filters_apply(&chromium, &page);
        }
        if name == "hostile" {
            assert!(
                dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                "the name shows as text"
            );
            assert!(
                dom.contains("class=\"claim kind-death flagged\""),
                "the flagged death is highlighted"
            );
        }
    }
    Ok(Completion::Completed)
}

/// The filters, as a shared address sets them, hide what they leave out:
/// only the alive-after-death warnings show, and their people's sections.
fn filters_apply(chromium: &Path, page: &Path) {
    let url = format!(
        "file://{}?severity=warning&rule=alive-after-death",
        page.display()
    );
    let dom = String::from_utf8_lossy(&browse(chromium, &["--dump-dom"], &url).stdout).into_owned();
    let articles: Vec<&str> = dom
        .split("<article class=\"finding")
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or(""))
        .collect();
    assert!(
        articles.len() >= 8,
        "{} findings in the page",
        articles.len()
    );
    for article in &articles {
        let wanted = article.contains("data-rule=\"alive-after-death\"")
            && article.contains("data-severity=\"warning\"");
        assert_eq!(
            !article.contains("hidden"),
            wanted,
            "filtered wrongly: {article}"
        );
    }
}

fn the_injection_check_would_catch_an_injection() {
    let page =
        "<html><body><script>x</script><p title=\"<img src=x>\">a &lt;b&gt;</p></body></html>";
    assert_no_injection(page);
    for bad in [
        "<a href=\"https://x.org\">x</a>",
        "<img src=x>",
        "<p onclick=\"x\">",
        "<script>y</script>",
        "<svg onload=alert(1)>",
    ] {
        let page = format!("<html><body><script>x</script>{bad}</body></html>");
        assert!(check_no_injection(&page).is_err(), "{bad} not caught");
    }
}
