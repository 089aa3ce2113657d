//! Command-line definitions (clap), and the command line's own enums mapped
//! onto the library's types: domain types know nothing of clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use claimlint::date::{Day, Edtf};
use claimlint::finding::Severity;
use claimlint::review::{Decision, RejectReason};

#[derive(Debug, Parser)]
#[command(
    name = "claimlint",
    version,
    about = "Checks datasets of claims about people for provenance gaps and contradictions",
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to colour output: an explicit choice wins, then NO_COLOR, then
    /// whether stdout is a terminal.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// Configuration file (default: the nearest claimlint.toml in the
    /// dataset's directory or its parents).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Print what the run did (files, candidate name pairs) on stderr.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate, reconcile and run the rules; print findings.
    Check(CheckArgs),
    /// List the entities, their names and why they were merged.
    Entities(ListingArgs),
    /// One person's claims in date order, with findings and the verdict.
    Timeline(TimelineArgs),
    /// Every source's and originator's track record, worst first.
    #[command(after_help = claimlint::render::sources::COLUMNS)]
    Sources(ListingArgs),
    /// Would these two names be merged, with what score and why.
    Match(MatchArgs),
    /// List the rule catalogue.
    Rules(FormatArgs),
    /// Print one rule's documentation.
    Explain {
        /// The rule id, e.g. alive-after-death; or `basis` for the
        /// vocabulary of a claim's `basis` and how each entry is weighed.
        id: String,
    },
    /// Review findings one by one and record decisions in the review file.
    ///
    /// In a terminal, without options, an interactive review goes through
    /// the unreviewed findings one at a time. The scriptable forms record
    /// one decision or one entity judgement and exit.
    #[command(after_help = REVIEW_HELP)]
    Review(ReviewArgs),
    /// Write a self-contained HTML page: each person's timeline and findings.
    Report(ReportArgs),
    /// Print the JSON Schema of the input.
    Schema,
    /// Turn a list users already hold into claims (NDJSON that `check` reads).
    #[command(after_help = IMPORT_HELP)]
    Import(ImportArgs),
}

const IMPORT_HELP: &str = "\
Each listed person becomes an entity record under the list's own id
(un-sc:CDi.001, ofac:6906) that every claim about them names in `entity`;
death and custody statements are read from the lists' free text. The output
is sorted NDJSON that `claimlint check` reads as it is.

Examples:
  claimlint import un-xml tests/data/import/un-2017-07-03.xml tests/data/import/un-2026-02-27.xml
  claimlint import ofac-csv --snapshot 2021-04-25 \\
      tests/data/import/sdn.csv tests/data/import/alt.csv";

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The input's format.
    #[arg(value_enum)]
    pub format: ImportFormat,

    /// The files to read (several snapshots of one list, or OFAC's sdn.csv
    /// with alt.csv).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,

    /// Where to write the claims (NDJSON); `-` for stdout.
    #[arg(short, long, value_name = "OUT", default_value = "-")]
    pub output: PathBuf,

    /// The snapshot's date (EDTF), for lists that do not state one (OFAC's
    /// CSV): the claims' report date.
    #[arg(long, value_name = "DATE")]
    pub snapshot: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// The UN Security Council consolidated list (XML).
    UnXml,
    /// OFAC's legacy SDN CSV (sdn.csv, alt.csv).
    OfacCsv,
    /// FollowTheMoney entity JSON lines or statements CSV.
    Ftm,
    /// Wikidata entity JSON (Special:EntityData documents or dump lines).
    Wikidata,
    /// A spreadsheet: a header of claim field names, one claim a row.
    Csv,
}

impl ImportFormat {
    /// The library's format.
    pub fn format(self) -> claimlint::import::Format {
        use claimlint::import::Format;
        match self {
            ImportFormat::UnXml => Format::UnXml,
            ImportFormat::OfacCsv => Format::OfacCsv,
            ImportFormat::Ftm => Format::Ftm,
            ImportFormat::Wikidata => Format::Wikidata,
            ImportFormat::Csv => Format::Csv,
        }
    }
}

const REVIEW_HELP: &str = "\
Decisions:
  confirmed   a real contradiction, kept as a known issue (no longer fails `check`)
  dismissed   a false alarm (hidden by `check` unless --show-reviewed)
  resolved    settled; --wrong names the claim judged wrong, which is rejected too

Reasons a claim is rejected (--reason):
  misreported        the event did not happen as reported
  misdated           the event happened, but not when the claim dates it
  wrong-person       the claim is about someone else
  superseded         a later report corrects it
  unreliable-source  its source is not to be relied on for this
  duplicate          another claim records the same report
A rejected claim stays in every view, marked, but no longer counts: every
finding that exists only because of it is settled, now and later.

Examples:
  claimlint review claims/
  claimlint review --fingerprint 2abd5c7a1c32e619 --decision dismissed \\
      --note \"the role's start is open: nothing dates it after August 2014\" claims/
  claimlint review --fingerprint d3891ea2ad29f65c --decision resolved \\
      --wrong muhaxheri-killed-2014-08 --note \"Peshmerga claim retracted\" claims/
  claimlint review --reject mainok-killed-2019-09 --reason misreported \\
      --note \"the 2023 designation names him as leader\" claims/
  claimlint review --same \"Humam al-Shami\" --as \"Usama al-Muhajir\" --note \"...\" claims/
  claimlint review --not-same \"Abu Usama al-Muhajir\" --as \"Usama al-Muhajir\" claims/
  claimlint review --accept-all --note \"baseline\" claims/
  claimlint review --prune claims/

Interactive keys: c confirm, d dismiss, r resolve (then the number of the
wrong claim), x reject a claim (its number, then the reason), = / - same /
not-same person (ambiguous-alias), s skip, p previous, n note, u undo,
? keys, q quit. Every decision is saved at once.

The review file is claimlint-review.json in the first PATH (or beside it, when
PATH is a file), or --review-file FILE. Every write is made under a lock and
merged with what is on disk, so concurrent reviewers lose nothing.";

#[derive(Debug, Args)]
pub struct DatasetArgs {
    /// Files or directories to read (.json, .jsonl, .ndjson).
    #[arg(default_value = "claims")]
    pub paths: Vec<PathBuf>,

    /// The review file (default: claimlint-review.json in the first PATH,
    /// or beside it when PATH is a file).
    #[arg(long, value_name = "FILE")]
    pub review_file: Option<PathBuf>,
}

/// A dataset listed for a person or a script.
#[derive(Debug, Args)]
pub struct ListingArgs {
    #[command(flatten)]
    pub dataset: DatasetArgs,

    #[command(flatten)]
    pub output: FormatArgs,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub dataset: DatasetArgs,

    /// How findings are written.
    #[arg(
        long = "output-format",
        visible_alias = "format",
        value_enum,
        value_name = "FORMAT",
        default_value_t = OutputFormat::Full
    )]
    pub output_format: OutputFormat,

    /// Run only these rules: ids or id prefixes (`alive-after-death`,
    /// `custody`), comma-separated; `ALL` for every rule.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,

    /// Also run these rules (ids or prefixes), on top of the configuration
    /// or --select.
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub extend_select: Vec<String>,

    /// Do not run these rules (ids or prefixes).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,

    /// Print only the summary line (the exit status says the rest).
    #[arg(short, long, conflicts_with = "statistics")]
    pub quiet: bool,

    /// Exit with 1 when an unreviewed finding at or above this severity is
    /// reported; reviewed findings (confirmed, dismissed, resolved) never fail.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// Also show dismissed findings in human and Markdown output (confirmed
    /// and resolved ones are always shown, marked as reviewed).
    #[arg(long)]
    pub show_reviewed: bool,

    /// Print only the number of findings per rule, a table, and the
    /// summary (in JSON a `statistics` object beside the findings).
    #[arg(long)]
    pub statistics: bool,

    #[command(flatten)]
    pub when: AsOfArgs,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("judgement").args(["same", "not_same"])))]
pub struct ReviewArgs {
    /// Files or directories to read (.json, .jsonl, .ndjson).
    #[arg(default_value = "claims")]
    pub paths: Vec<PathBuf>,

    /// The review file (default: claimlint-review.json in the first PATH,
    /// or beside it when PATH is a file).
    #[arg(long, value_name = "FILE")]
    pub review_file: Option<PathBuf>,

    /// Decide about the finding with this fingerprint (as `check` prints it).
    #[arg(long, value_name = "FP", requires_all = ["decision", "note"])]
    pub fingerprint: Option<String>,

    /// The decision about --fingerprint.
    #[arg(long, value_enum, requires = "fingerprint")]
    pub decision: Option<DecisionArg>,

    /// With --decision resolved: the id of the claim judged wrong (one of the
    /// finding's claims). The claim is rejected too (see --reject), which
    /// settles every other finding that rests only on it.
    #[arg(long, value_name = "CLAIM_ID", requires = "fingerprint")]
    pub wrong: Option<String>,

    /// Reject the claim with this id: it stays in the data and in every
    /// view, marked, but no longer counts; every finding that exists only
    /// because of it is settled, now and later. Needs --reason.
    #[arg(long, value_name = "CLAIM_ID", requires = "reason", conflicts_with_all = ["fingerprint", "judgement", "prune", "accept_all"])]
    pub reject: Option<String>,

    /// Why the claim of --reject (or --wrong) is wrong [default with --wrong: misreported].
    #[arg(long, value_enum, value_name = "REASON")]
    pub reason: Option<RejectReasonArg>,

    /// Remove the decisions, judgements and rejections that match nothing
    /// any more, printing each one removed.
    #[arg(long, conflicts_with_all = ["fingerprint", "judgement", "accept_all"])]
    pub prune: bool,

    /// Record every open finding as confirmed, with --note: a baseline when
    /// adopting claimlint on an existing dataset (only new findings fail
    /// `check` after it).
    #[arg(long, requires = "note", conflicts_with_all = ["fingerprint", "judgement"])]
    pub accept_all: bool,

    /// Why: recorded with the decision or judgement.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,

    /// Who decides (default: `git config user.name`, else $USER / $USERNAME).
    #[arg(long, value_name = "NAME")]
    pub reviewer: Option<String>,

    /// Judge that this name and the one given with --as are the same person.
    #[arg(long, value_name = "NAME", requires = "as_name", conflicts_with_all = ["fingerprint", "not_same"])]
    pub same: Option<String>,

    /// Judge that this name and the one given with --as are different people.
    #[arg(
        long,
        value_name = "NAME",
        requires = "as_name",
        conflicts_with = "fingerprint"
    )]
    pub not_same: Option<String>,

    /// The other name of a --same / --not-same judgement.
    #[arg(long = "as", value_name = "NAME", requires = "judgement")]
    pub as_name: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The HTML file to write (replaced atomically).
    #[arg(long, value_name = "FILE")]
    pub html: PathBuf,

    /// Files or directories to read (.json, .jsonl, .ndjson).
    #[arg(default_value = "claims")]
    pub paths: Vec<PathBuf>,

    /// The review file (default: claimlint-review.json in the first PATH,
    /// or beside it when PATH is a file).
    #[arg(long, value_name = "FILE")]
    pub review_file: Option<PathBuf>,

    #[command(flatten)]
    pub when: AsOfArgs,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// The person: a name as written, any spelling of it, or an entity id.
    pub name: String,

    #[command(flatten)]
    pub dataset: DatasetArgs,

    #[command(flatten)]
    pub output: FormatArgs,

    #[command(flatten)]
    pub when: AsOfArgs,
}

/// What could be known on a date, or what had happened by it.
#[derive(Debug, Args)]
pub struct AsOfArgs {
    /// What could be known on this date (EDTF): only claims reported by
    /// then count, and verdicts speak for that day.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// The event-time view: every claim counts, and verdicts speak for this
    /// date by the dates of the events (EDTF).
    #[arg(long, value_name = "DATE", conflicts_with = "as_of")]
    pub events_as_of: Option<String>,
}

impl AsOfArgs {
    /// The day of `--as-of`: claims reported after it are left out.
    pub fn known(&self) -> anyhow::Result<Option<Day>> {
        last_day("--as-of", self.as_of.as_deref())
    }

    /// The day verdicts speak for: `--as-of` or `--events-as-of`.
    pub fn verdict_day(&self) -> anyhow::Result<Option<Day>> {
        match &self.events_as_of {
            Some(text) => last_day("--events-as-of", Some(text)),
            None => self.known(),
        }
    }
}

/// The last day of an EDTF date given to `option`.
fn last_day(option: &str, text: Option<&str>) -> anyhow::Result<Option<Day>> {
    let Some(text) = text else { return Ok(None) };
    let edtf = Edtf::parse(text).map_err(|e| anyhow::anyhow!("{option}: {e}"))?;
    Ok(Some(edtf.interval.latest))
}

#[derive(Debug, Args)]
pub struct FormatArgs {
    /// How the listing is written.
    #[arg(
        long = "output-format",
        visible_alias = "format",
        value_enum,
        value_name = "FORMAT",
        default_value_t = ListFormat::Human
    )]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct MatchArgs {
    /// Two names to compare.
    #[arg(
        num_args = 2,
        required_unless_present = "pairs",
        conflicts_with = "pairs"
    )]
    pub names: Vec<String>,

    /// A CSV file (`name1,name2` header) or JSON-lines file of pairs.
    ///
    /// The file's names are read as one dataset: a part few of them hold
    /// is rare, and a name inside another on a rare part is the same
    /// person, as `entities` decides it.
    #[arg(long, value_name = "FILE")]
    pub pairs: Option<PathBuf>,

    /// Output format [default: human for two names, JSON lines for --pairs]
    #[arg(long, value_enum)]
    pub format: Option<MatchFormat>,
}

/// What `match` prints: a readable block or JSON (lines).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MatchFormat {
    Human,
    Json,
}

/// The formats of the listings (`entities`, `timeline`, `sources`, `rules`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Text for a person.
    #[value(alias = "full")]
    Human,
    /// A stable, sorted JSON document.
    Json,
}

impl ListFormat {
    /// The renderers' listing format.
    pub fn to_render(self) -> claimlint::render::Format {
        match self {
            ListFormat::Human => claimlint::render::Format::Human,
            ListFormat::Json => claimlint::render::Format::Json,
        }
    }
}

/// The formats of `check`'s report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Each finding in full: its claims, reasoning and fingerprint.
    #[value(alias = "human")]
    Full,
    /// One line per finding: `file:line:col: severity[rule] Person: message`.
    Concise,
    /// A stable, sorted JSON document (`version`, `summary`, `findings`, `input_errors`).
    Json,
    /// One JSON object per finding per line.
    JsonLines,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// A pull-request comment (GitHub-flavoured Markdown, within a comment's size).
    Markdown,
    /// GitHub Actions workflow annotations.
    Github,
    /// A GitLab Code Quality report.
    Gitlab,
    /// reviewdog's Diagnostic Format (rdjson).
    Rdjson,
    /// JUnit XML.
    Junit,
    /// schema.org ClaimReview JSON-LD: the verdict on each disputed claim.
    Claimreview,
}

impl OutputFormat {
    /// Whether the output is text for a person (a spinner may run, notes
    /// go to stderr).
    pub fn is_for_people(self) -> bool {
        matches!(self, OutputFormat::Full | OutputFormat::Concise)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// `--fail-on`: the least severity that fails the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Info,
    Warning,
    Error,
}

impl From<FailOn> for Severity {
    fn from(value: FailOn) -> Severity {
        match value {
            FailOn::Info => Severity::Info,
            FailOn::Warning => Severity::Warning,
            FailOn::Error => Severity::Error,
        }
    }
}

/// `--decision`: what the reviewer decided about a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DecisionArg {
    /// A real contradiction, kept as a known issue.
    Confirmed,
    /// A false alarm.
    Dismissed,
    /// Settled: one named claim is judged wrong.
    Resolved,
}

impl From<DecisionArg> for Decision {
    fn from(value: DecisionArg) -> Decision {
        match value {
            DecisionArg::Confirmed => Decision::Confirmed,
            DecisionArg::Dismissed => Decision::Dismissed,
            DecisionArg::Resolved => Decision::Resolved,
        }
    }
}

/// `--reason`: why a claim is judged wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RejectReasonArg {
    /// The event did not happen as reported (a false death report).
    Misreported,
    /// The event happened, but not when the claim dates it.
    Misdated,
    /// The claim is about someone else.
    WrongPerson,
    /// A later report corrects it.
    Superseded,
    /// Its source is not to be relied on for this.
    UnreliableSource,
    /// Another claim records the same report.
    Duplicate,
}

impl From<RejectReasonArg> for RejectReason {
    fn from(value: RejectReasonArg) -> RejectReason {
        match value {
            RejectReasonArg::Misreported => RejectReason::Misreported,
            RejectReasonArg::Misdated => RejectReason::Misdated,
            RejectReasonArg::WrongPerson => RejectReason::WrongPerson,
            RejectReasonArg::Superseded => RejectReason::Superseded,
            RejectReasonArg::UnreliableSource => RejectReason::UnreliableSource,
            RejectReasonArg::Duplicate => RejectReason::Duplicate,
        }
    }
}
