//! `--select`, `--extend-select` and `--ignore`: which rules run, by id or
//! id prefix, as ruff selects its rules.

use anyhow::{bail, Result};

use claimlint::checker::{Rule, Settings};
use claimlint::rules::RULES;
use claimlint::suggest::did_you_mean;

/// Narrows or widens the rules `settings` runs: `--select` replaces the
/// configured set, `--extend-select` adds to it, `--ignore` takes away. A
/// rule turned on here that the configuration had off runs at its default
/// severity; one left on keeps its configured level. A selector that names
/// no rule is an error.
pub fn apply(
    settings: &mut Settings,
    select: &[String],
    extend: &[String],
    ignore: &[String],
) -> Result<()> {
    if select.is_empty() && extend.is_empty() && ignore.is_empty() {
        return Ok(());
    }
    let picked = |selectors: &[String]| -> Result<Vec<&'static Rule>> {
        let mut rules = Vec::new();
        for selector in selectors {
            let matching: Vec<&Rule> = RULES
                .iter()
                .copied()
                .filter(|r| selects(selector, r))
                .collect();
            if matching.is_empty() {
                let hint = did_you_mean(selector, RULES.iter().map(|r| r.id));
                bail!("no rule is `{selector}` or starts with it{hint} (see `claimlint rules`)");
            }
            rules.extend(matching);
        }
        Ok(rules)
    };
    let (select, extend, ignore) = (picked(select)?, picked(extend)?, picked(ignore)?);
    for rule in RULES {
        let on = if select.is_empty() {
            settings.level(rule).is_some()
        } else {
            select.iter().any(|r| r.id == rule.id)
        };
        let on = (on || extend.iter().any(|r| r.id == rule.id))
            && !ignore.iter().any(|r| r.id == rule.id);
        let level = match settings.level(rule) {
            Some(level) if on => Some(level),
            None if on => Some(rule.severity),
            _ => None,
        };
        settings.levels.insert(rule.id.to_string(), level);
    }
    Ok(())
}

/// Whether `selector` names `rule`: `ALL`, its id, or a prefix of its id
/// ending at a word (`custody` names `custody-after-death` and
/// `custody-order`, `cust` names nothing).
fn selects(selector: &str, rule: &Rule) -> bool {
    selector == "ALL"
        || rule.id == selector
        || rule
            .id
            .strip_prefix(selector)
            .is_some_and(|rest| rest.starts_with('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(settings: &Settings) -> Vec<&'static str> {
        RULES
            .iter()
            .filter(|r| settings.level(r).is_some())
            .map(|r| r.id)
            .collect()
    }

    #[test]
    fn select_replaces_extend_adds_ignore_removes() {
        let mut settings = Settings::default();
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        apply(
            &mut settings,
            &s(&["custody"]),
            &s(&["multiple-deaths"]),
            &s(&["custody-order"]),
        )
        .unwrap();
        let mut running = on(&settings);
        running.sort_unstable();
        assert_eq!(running, ["custody-after-death", "multiple-deaths"]);
        let mut settings = Settings::default();
        apply(&mut settings, &[], &[], &s(&["ambiguous-alias"])).unwrap();
        assert_eq!(on(&settings).len(), RULES.len() - 1);
        let err = apply(
            &mut Settings::default(),
            &s(&["alive-after-deth"]),
            &[],
            &[],
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("did you mean `alive-after-death`"),
            "{err}"
        );
        assert!(apply(&mut Settings::default(), &s(&["cust"]), &[], &[]).is_err());
    }
}
