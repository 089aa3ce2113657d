use crate::checker::after_death::{self, EventKind};
use crate::checker::{declare_rule, describe, explain_order, Context, Entry};
use crate::date::{Day, Edtf, Interval, DAWN};
use crate::finding::{Finding, Severity};
use crate::model::Status;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

declare_rule! {
    /// ## What it does
    /// Flags a list that still names a person as designated (sanctioned,
    /// listed) on a date certainly or possibly after a death the evidence
    /// has not rejected, with no word of that death itself. A `designated`
    /// claim whose source restates an earlier listing (its `reported`, when
    /// the listing was first published, is before its source's publication:
    /// a list snapshot, as `claimlint import` writes one source per
    /// snapshot), or that gives no date (listed as of its report, as OFAC's
    /// CSV gives them), counts from the source's date, the day the list
    /// still named the person; any other counts from its own date, the day
    /// of the designation (a report of it published later says nothing of
    /// the list since). A source that states the death too is quiet: the UN
    /// and OFAC keep dead men listed, with a note, until they are delisted;
    /// so is a listing by a list (the same `according_to`, as every
    /// snapshot of one list has) that had stated the death by then. All the
    /// listings after one death are one finding, the death's reports first.
    /// The death's own report date is in the reasoning: a death reported
    /// only after the listing (a note that appears in a later snapshot)
    /// could not have been known then; one reported before it was not taken
    /// up.
    ///
    /// ## Why it matters
    /// A list that names a dead man as an active designation without saying
    /// he is dead misleads everyone who screens against it, and a death
    /// that one list or report states and another ignores is exactly the
    /// contradiction a maintainer must settle: either the death is wrong,
    /// or the list must note it. A listing is not weighed against the
    /// death: it says whom a list names, not that he lives.
    ///
    /// ## Example
    /// Fires (a snapshot of 2019 still lists him, two years after his
    /// death was reported):
    /// ```json
    /// {"who": "Abu Layth al-Tunisi", "status": "killed", "date": "2017-03", "source": "afp-2017"}
    /// {"who": "Abu Layth al-Tunisi", "status": "designated", "date": "2014-09-23", "reported": "2014-09-23", "source": "un-sc-2019-06-01"}
    /// ```
    /// Quiet (the snapshot states the death itself):
    /// ```json
    /// {"who": "Abu Layth al-Tunisi", "status": "designated", "date": "2014-09-23", "reported": "2014-09-23", "source": "un-sc-2019-06-01"}
    /// {"who": "Abu Layth al-Tunisi", "status": "died", "date": "2017", "source": "un-sc-2019-06-01"}
    /// ```
    pub static RULE = {
        id: "listed-after-death",
        severity: Severity::Warning,
        summary: "still listed after a death the list does not state",
        check: check,
    }
}

fn check(ctx: &Context) -> Vec<Finding> {
    let deaths_stated = DeathsStated::of(ctx);
    let listed_silently = |e: &Entry| {
        e.status == Status::Designated
            && listed(ctx, e.claim)
                .is_some_and(|on| !deaths_stated.by_list_of(ctx, e.claim, on.date()))
    };
    let listings = EventKind {
        is_event: &listed_silently,
        when: &|e| listed(ctx, e.claim).map_or(Interval::UNKNOWN, |on| on.date().interval),
        strong: &|_| true,
    };
    after_death::find(ctx, &listings, None, |group, person| {
        let headline = ctx.claim(group.headline(ctx));
        let headline_on = listed(ctx, group.headline(ctx));
        let message = format!(
            "{} but `{}` {}{}",
            group.death_clause(ctx),
            headline.source.as_deref().unwrap_or("an unnamed source"),
            headline_on.map_or(String::new(), |on| on.words()),
            group.more_after("listing", "listings")
        );
        let mut reasoning: Vec<String> = group
            .events
            .iter()
            .map(|&(c, order, d)| {
                let (listing, death) = (ctx.claim(c), ctx.claim(d));
                let on = listed(ctx, c);
                explain_order(
                    &describe(death),
                    &death.when,
                    &format!(
                        "the listing by `{}` ({})",
                        listing.source.as_deref().unwrap_or("?"),
                        on.map_or(String::new(), |on| on.words())
                    ),
                    &on.map_or(Interval::UNKNOWN, |on| on.date().interval),
                    order,
                )
            })
            .collect();
        reasoning.extend(group.orders(ctx, "listings").split_off(group.events.len()));
        let death = ctx.claim(group.death);
        let on = headline_on.map(|on| on.date().interval);
        reasoning.push(match (death.report, on) {
            (Some(said), Some(listed)) if said.certainly_before(&listed) => format!(
                "the death was reported {} before the listing: the list did not take it up",
                in_words(reported(ctx, group.death))
            ),
            (Some(said), Some(listed)) if listed.certainly_before(&said) => format!(
                "the death was reported only {}, after the listing: the list could not know it then",
                in_words(reported(ctx, group.death))
            ),
            _ => "when the death was first reported is not known".to_string(),
        });
        // A listing says who a list names, not whether he lives: it is not
        // weighed against the death (`alive-after-death` weighs signs of
        // life).
        reasoning.push(
            "a listing is no evidence of life: either the death is wrong or the list should state it"
                .to_string(),
        );
        group.secondary_finding(ctx, person, &RULE, message, &reasoning, None)
    })
}

/// What a listing says of when the person was listed.
#[derive(Clone, Copy)]
enum Listed<'d> {
    /// Its source restated an earlier listing on this date: a list
    /// snapshot (the claim's `reported`, when the listing was first
    /// published, is before its source's publication), or an undated
    /// listing (listed as of its report, as OFAC's CSV gives them).
    Restated(&'d Edtf),
    /// The designation was made on this date (a report of it published
    /// later says nothing of the list since).
    Designated(&'d Edtf),
}

impl<'d> Listed<'d> {
    fn date(self) -> &'d Edtf {
        match self {
            Listed::Restated(date) | Listed::Designated(date) => date,
        }
    }

    /// `still listed the person on 2019-06-01 without a word of it`.
    fn words(self) -> String {
        match self {
            Listed::Restated(date) => {
                format!(
                    "still listed the person {} without a word of it",
                    in_words(Some(date))
                )
            }
            Listed::Designated(date) => {
                format!("designated the person {}", in_words(Some(date)))
            }
        }
    }
}

/// When listing `claim` says the person was listed, if it says.
fn listed<'d>(ctx: &Context<'d>, claim: usize) -> Option<Listed<'d>> {
    let claim = ctx.claim(claim);
    let published = ctx
        .dataset
        .source_of(claim)
        .and_then(|s| s.published.as_ref());
    let restated = match (claim.date.as_ref(), claim.reported.as_ref()) {
        // An undated listing says the person is listed as of its report.
        (None, _) => true,
        (Some(_), Some(first)) => {
            published.is_some_and(|p| first.interval.certainly_before(&p.interval))
        }
        (Some(_), None) => false,
    };
    match (restated, published.or(claim.reported.as_ref())) {
        (true, Some(on)) => Some(Listed::Restated(on)),
        _ => claim.date.as_ref().map(Listed::Designated),
    }
}

/// When claim `claim` was reported: its `reported`, else its source's
/// publication date.
fn reported<'d>(ctx: &Context<'d>, claim: usize) -> Option<&'d Edtf> {
    let claim = ctx.claim(claim);
    (claim.reported.as_ref()).or_else(|| ctx.dataset.source_of(claim)?.published.as_ref())
}

/// A date in words after a verb: `on 2019-06-01`, `in 2019-06`, `by 2013`.
fn in_words(date: Option<&Edtf>) -> String {
    match date.map(|d| (d.text.len(), d.words())) {
        Some((10, words)) => format!("on {words}"),
        Some((_, words)) if words.starts_with(char::is_alphabetic) => words,
        Some((_, words)) => format!("in {words}"),
        None => "at an unknown date".to_string(),
    }
}

/// Who stated whose death, and from when: by source id and by originator
/// (`according_to`: every snapshot of one list has the same), the
/// earliest day a death of the entity was reported.
struct DeathsStated<'d> {
    earliest: FxHashMap<(usize, &'d str), Day>,
}

impl<'d> DeathsStated<'d> {
    fn of(ctx: &Context<'d>) -> Self {
        // A pass over every claim, on every core; deaths are few.
        let said: Vec<(usize, Option<&'d str>, Option<&'d str>, Day)> = (ctx.dataset.claims)
            .par_iter()
            .enumerate()
            .filter(|(_, claim)| claim.status.is_death())
            .map(|(c, claim)| {
                let day = reported(ctx, c).map_or(DAWN, |d| d.interval.earliest);
                let entity = ctx.entities.entity_of_claim[c];
                (
                    entity,
                    claim.source.as_deref(),
                    claim.according_to.as_deref(),
                    day,
                )
            })
            .collect();
        let mut earliest: FxHashMap<(usize, &'d str), Day> = FxHashMap::default();
        for (entity, source, according_to, day) in said {
            for who in [source, according_to].into_iter().flatten() {
                let first = earliest.entry((entity, who)).or_insert(day);
                *first = (*first).min(day);
            }
        }
        DeathsStated { earliest }
    }

    /// Whether listing `claim`'s own source states the person's death, or
    /// its list (the same originator) had stated it by `listed`, the day
    /// the source still listed the person: a list that keeps a dead man
    /// listed with a note of his death is doing its job.
    fn by_list_of(&self, ctx: &Context<'d>, claim: usize, listed: &Edtf) -> bool {
        let entity = ctx.entities.entity_of_claim[claim];
        let listing = ctx.claim(claim);
        let by_source = (listing.source.as_deref())
            .is_some_and(|source| self.earliest.contains_key(&(entity, source)));
        let by_list = (listing.according_to.as_deref())
            .and_then(|list| self.earliest.get(&(entity, list)))
            .is_some_and(|&day| day <= listed.interval.latest);
        by_source || by_list
    }
}
