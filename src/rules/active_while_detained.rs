use crate::checker::{declare_rule, describe, Context, Entry};
use crate::date::Order;
use crate::evidence::{favour, score};
use crate::finding::{Finding, Severity};
use crate::model::Status;

declare_rule! {
    /// ## What it does
    /// Flags field activity (`active`: led, planned, fought) dated
    /// certainly inside a period of custody: after a capture (`captured`)
    /// and before the next release or escape (`released`, `escaped`), or
    /// after a capture with no release at all. "Certainly inside" means every
    /// day of the activity is after every day of the capture and before
    /// every day of the release, and no date is marked `?`. All the activity
    /// inside one period of custody is listed in one finding: the capture,
    /// the activity, then the release if there is one.
    ///
    /// Proof of life (`alive`) in custody is not flagged: prisoners are
    /// alive, and are seen in court and in prison videos. Activity whose
    /// date may fall outside the period (undated, `2017` against a capture
    /// in June 2017) is not flagged either.
    ///
    /// ## Why it matters
    /// A detained man does not lead raids. Either the capture report was
    /// wrong, the release or escape was never recorded, or the activity was
    /// someone else's (or carried out in his name). `favours` weighs the
    /// capture against the strongest activity inside the period.
    ///
    /// ## Example
    /// Fires (planning attacks while held since 2016):
    /// ```json
    /// {"who": "Ridvan Haqifi", "status": "captured", "date": "2016-11-16", "source": "reuters-2016"}
    /// {"who": "Ridvan Haqifi", "status": "active", "date": "2017-05", "source": "telegrafi-2017"}
    /// ```
    /// Quiet (seen in court while held):
    /// ```json
    /// {"who": "Ridvan Haqifi", "status": "captured", "date": "2016-11-16", "source": "reuters-2016"}
    /// {"who": "Ridvan Haqifi", "status": "alive", "date": "2017-05", "source": "koha-2017"}
    /// ```
    pub static RULE = {
        id: "active-while-detained",
        severity: Severity::Warning,
        summary: "field activity dated inside a period of custody",
        check: check,
    }
}

fn check(ctx: &Context) -> Vec<Finding> {
    ctx.per_entity(|_, timeline, findings| {
        // Activity that can be certainly inside anything: firm dates only,
        // in timeline order (by first day). `free` skips those already
        // reported, so that each capture visits only what is left of its
        // period: linear in the person's claims, not in captures × activity.
        let active: Vec<&Entry> = timeline
            .iter()
            .filter(|a| a.status == Status::Active && !a.when.uncertain)
            .collect();
        if active.is_empty() {
            return;
        }
        let mut free: Vec<usize> = (0..=active.len()).collect();
        let releases = Releases::new(timeline);
        for entry in timeline {
            if entry.status != Status::Captured {
                continue;
            }
            let c = entry.claim;
            // The release that ends this custody: of those not before the
            // capture, the one that may come first (the shortest period).
            let release = releases.ending(entry);
            let from = active.partition_point(|a| a.when.earliest <= entry.when.latest);
            let inside = take_inside(&active, &mut free, from, entry, release);
            let release = release.map(|r| r.claim);
            if inside.is_empty() {
                continue;
            }
            let capture = ctx.claim(c);
            let period = match release {
                Some(r) => format!(
                    "between {} and {}",
                    describe(capture),
                    describe(ctx.claim(r))
                ),
                None => format!(
                    "after {}, with no release or escape recorded",
                    describe(capture)
                ),
            };
            let mut reasoning: Vec<String> = inside
                .iter()
                .map(|&a| format!("{} is certainly {period}", describe(ctx.claim(a))))
                .collect();
            let strongest = inside
                .iter()
                .map(|&a| (a, score(ctx.dataset, ctx.claim(a))))
                .fold(None, |best: Option<(usize, f64)>, cand| match best {
                    Some(b) if b.1 > cand.1 => Some(b),
                    _ => Some(cand),
                })
                .map_or(c, |(a, _)| a);
            let (favours, why) = favour(ctx.dataset, c, strongest, false);
            reasoning.push(format!(
                "weighing the capture against the strongest activity: {why}"
            ));
            let headline = ctx.claim(inside[inside.len() - 1]);
            let message = format!(
                "{} active {} while in custody since captured {}{}",
                ctx.name_of(c),
                headline.date_text(),
                capture.date_text(),
                match release {
                    Some(r) => format!(" ({} {})", ctx.claim(r).status, ctx.claim(r).date_text()),
                    None => " (no release recorded)".into(),
                }
            );
            let grounds: Vec<(Order, Vec<usize>)> = inside
                .iter()
                .map(|&a| {
                    (
                        Order::Certain,
                        std::iter::once(c).chain([a]).chain(release).collect(),
                    )
                })
                .collect();
            let claims: Vec<usize> = std::iter::once(c).chain(inside).chain(release).collect();
            let mut finding = ctx.grouped_finding(
                &RULE,
                &grounds,
                claims,
                message,
                reasoning.join("; "),
                favours,
            );
            // The custody is the subject; another activity inside it only
            // supports the finding.
            ctx.narrow(&mut finding, std::iter::once(c).chain(release).collect());
            findings.push(finding);
        }
    })
}

/// The releases and escapes of one person, for finding the one that ends a
/// custody without a pass over the timeline per capture.
struct Releases<'t> {
    /// By last day.
    by_end: Vec<&'t Entry>,
    /// For each index of `by_end`, the release from there on that may come
    /// first (smallest first day).
    first_from: Vec<Option<&'t Entry>>,
}

impl<'t> Releases<'t> {
    fn new(timeline: &'t [Entry]) -> Self {
        let mut by_end: Vec<&Entry> = timeline
            .iter()
            .filter(|r| matches!(r.status, Status::Released | Status::Escaped))
            .collect();
        by_end.sort_by_key(|r| r.when.latest);
        let mut first_from: Vec<Option<&Entry>> = vec![None; by_end.len() + 1];
        for i in (0..by_end.len()).rev() {
            first_from[i] = match first_from[i + 1] {
                Some(f) if f.when.earliest <= by_end[i].when.earliest => Some(f),
                _ => Some(by_end[i]),
            };
        }
        Releases { by_end, first_from }
    }

    /// Of the releases not before `capture`, the one that may come first.
    fn ending(&self, capture: &Entry) -> Option<&'t Entry> {
        let from = self
            .by_end
            .partition_point(|r| r.when.latest < capture.when.earliest);
        self.first_from[from]
    }
}

/// The activity (claims) certainly after `capture` and before `release`,
/// from `active[from..]`, taking each out of `free` (a "next not taken"
/// forest, `free[len]` the end) so no later capture reports it again.
fn take_inside(
    active: &[&Entry],
    free: &mut [usize],
    from: usize,
    capture: &Entry,
    release: Option<&Entry>,
) -> Vec<usize> {
    fn find(free: &mut [usize], mut i: usize) -> usize {
        while free[i] != i {
            free[i] = free[free[i]];
            i = free[i];
        }
        i
    }
    let mut inside = Vec::new();
    // Nothing is certainly inside a period with a date marked uncertain.
    if capture.when.uncertain || release.is_some_and(|r| r.when.uncertain) {
        return inside;
    }
    let mut i = find(free, from);
    while i < active.len() {
        let a = active[i];
        if release.is_some_and(|r| a.when.earliest >= r.when.earliest) {
            break;
        }
        let certain = capture.when.certainly_before(&a.when)
            && release.is_none_or(|r| a.when.certainly_before(&r.when));
        if certain {
            inside.push(a.claim);
            free[i] = i + 1;
        }
        i = find(free, i + 1);
    }
    inside
}
