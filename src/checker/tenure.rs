//! When a `role` was held: its date read as a tenure with a start and an
//! end, each an interval of days. `2019/2022-10-27` started somewhere in
//! 2019 and ended on 2022-10-27; a single date (`2017`) both starts and ends
//! somewhere in it; an open start (`../2020`) may be any day up to the end.

use crate::date::{Edtf, Interval, DAWN};
use crate::model::Claim;

/// When the tenure began.
pub(crate) fn start(claim: &Claim) -> Interval {
    let Some(date) = &claim.date else {
        // Undated: any time up to its report.
        return claim.when;
    };
    match date.text.split_once('/') {
        None => claim.when,
        Some((start, _)) => match start.trim() {
            "" | ".." => Interval {
                earliest: DAWN,
                ..claim.when
            },
            // A tenure cannot start after it ends: `2022/2022-11` started in
            // 2022 but no later than November.
            start => Edtf::parse(start).map_or(claim.when, |e| Interval {
                latest: e.interval.latest.min(claim.when.latest),
                ..e.interval
            }),
        },
    }
}

/// When the tenure ended. An open end (`2022-03-10/..`) means the source
/// still counted him in post: held at least until the claim was reported
/// (or, without a report date, at least on the first day it began).
pub(crate) fn end(claim: &Claim) -> Interval {
    let Some(date) = &claim.date else {
        return claim.when;
    };
    match date.text.split_once('/') {
        None => claim.when,
        Some((_, end)) => match end.trim() {
            "" | ".." => {
                let began = start(claim);
                let held_until = claim
                    .report
                    .map_or(began.latest, |r| r.earliest.max(began.latest));
                Interval {
                    earliest: held_until,
                    ..claim.when
                }
            }
            end => Edtf::parse(end).map_or(claim.when, |e| e.interval),
        },
    }
}

/// The days on which the role was certainly held, if any: from the last
/// possible start to the first possible end.
pub(crate) fn certainly_held(claim: &Claim) -> Option<Interval> {
    let (began, ended) = (start(claim), end(claim));
    (began.latest <= ended.earliest).then_some(Interval {
        earliest: began.latest,
        latest: ended.earliest,
        uncertain: began.uncertain || ended.uncertain || claim.when.uncertain,
        approximate: began.approximate || ended.approximate,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::checker::after_death;
    use crate::date::Order;
    use crate::model::{Pos, Status};

    /// A role claim dated `date`, reported on `reported` if given.
    pub(crate) fn role(date: &str, reported: Option<&str>) -> Claim {
        let edtf = Edtf::parse(date).expect(date);
        Claim {
            id: "r".into(),
            who: "x".into(),
            status: Status::Role,
            when: edtf.interval,
            date: Some(edtf),
            source: None,
            source_at: None,
            aliases: vec![],
            weak_aliases: vec![],
            entity: None,
            reported: None,
            according_to: None,
            certainty: Default::default(),
            reliability: None,
            basis: None,
            evidence: None,
            place: None,
            by: None,
            role: None,
            org: None,
            age: None,
            refutes: vec![],
            quote: None,
            pos: Pos {
                file: "t".into(),
                line: 1,
                column: 1,
            },
            report: reported.map(|r| Edtf::parse(r).expect(r).interval),
        }
    }

    fn iv(text: &str) -> Interval {
        Edtf::parse(text).expect(text).interval
    }

    #[test]
    fn tenures_start_where_their_date_starts() {
        let start_of = |d: &str| start(&role(d, None));
        let death = iv("2022-10-27");
        // Ends on the day of death: started long before.
        assert_eq!(
            after_death::order(&death, &start_of("2019/2022-10-27")),
            Order::Impossible
        );
        // Open end: not held after death by itself.
        assert_eq!(
            after_death::order(&iv("2017"), &start_of("2015/..")),
            Order::Impossible
        );
        assert_eq!(
            after_death::order(&iv("2019-09"), &start_of("2021-06/..")),
            Order::Certain
        );
        // Open start: may have begun any time up to its end.
        assert_eq!(
            after_death::order(&iv("2017"), &start_of("../2020")),
            Order::Possible
        );
        assert_eq!(
            after_death::order(&iv("2017-06"), &start_of("2017")),
            Order::Possible
        );
    }

    #[test]
    fn certainly_held_days() {
        let held = certainly_held(&role("2019-10/2022-02-03", None)).unwrap();
        assert_eq!(held.describe(), "2019-10-31..2022-02-03");
        // Open end: held until the report.
        let held = certainly_held(&role("2022-03-10/..", Some("2023-06-15"))).unwrap();
        assert_eq!(held.describe(), "2022-03-10..2023-06-15");
        // "Held in 2017" does not say on which day.
        assert!(certainly_held(&role("2017", None)).is_none());
        assert!(certainly_held(&role("../2020", None)).is_none());
    }
}
