//! The overview's figures, computed from the analysis: the timeline (calls per day, by outcome),
//! calls per service, and the principals table's rows and sort orders. Pure and natively tested;
//! the components only draw them (inline SVG written by our code, no chart library).
//!
//! The charts count *observed calls that needed a permission* (each `ObservedCall`'s `count`):
//! an event that needs two actions (S3 `CopyObject`) counts twice, and calls that need no
//! permission or could not be mapped are not in them (they are listed on their own).

use iam_engine::{Day, Outcome, PrincipalActivity, PrincipalKind};
use std::collections::{BTreeMap, BTreeSet};

/// Calls by outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Outcomes {
    pub success: u64,
    pub denied: u64,
    pub error: u64,
}

impl Outcomes {
    pub fn total(&self) -> u64 {
        self.success + self.denied + self.error
    }

    fn add(&mut self, outcome: Outcome, count: u64) {
        match outcome {
            Outcome::Success => self.success += count,
            Outcome::Denied => self.denied += count,
            Outcome::Error => self.error += count,
        }
    }
}

/// One bar of the timeline: a day, or several consecutive days when the window is long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimelineBar {
    pub first_day: Day,
    pub last_day: Day,
    pub calls: Outcomes,
}

/// Calls per day from the first to the last day seen, days without calls included (a gap is
/// information). Windows longer than `max_bars` days are grouped into bars of equal whole
/// numbers of days.
pub fn timeline<'a>(principals: impl IntoIterator<Item = &'a PrincipalActivity>, max_bars: usize) -> Vec<TimelineBar> {
    let mut per_day: BTreeMap<Day, Outcomes> = BTreeMap::new();
    for principal in principals {
        for call in &principal.calls {
            per_day.entry(call.day).or_default().add(call.outcome, call.count);
        }
    }
    let (Some((&first, _)), Some((&last, _))) = (per_day.first_key_value(), per_day.last_key_value()) else {
        return Vec::new();
    };
    let n_days = (last.0 - first.0) as usize + 1;
    let days_per_bar = n_days.div_ceil(max_bars.max(1)).max(1);
    let n_bars = n_days.div_ceil(days_per_bar);
    let mut bars: Vec<TimelineBar> = (0..n_bars)
        .map(|bar| {
            let first_day = Day(first.0 + (bar * days_per_bar) as i32);
            let last_day = Day((first_day.0 + days_per_bar as i32 - 1).min(last.0));
            TimelineBar { first_day, last_day, calls: Outcomes::default() }
        })
        .collect();
    for (day, outcomes) in per_day {
        let bar = &mut bars[(day.0 - first.0) as usize / days_per_bar];
        bar.calls.success += outcomes.success;
        bar.calls.denied += outcomes.denied;
        bar.calls.error += outcomes.error;
    }
    bars
}

/// One bar of the per-service chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceBar {
    /// The IAM service prefix (`s3`), or `None` for the services beyond the chart's rows.
    pub prefix: Option<String>,
    pub calls: Outcomes,
}

/// Calls per service prefix, the busiest first (ties by prefix); beyond `max_rows - 1` services
/// the rest are summed into one last bar.
pub fn service_bars<'a>(principals: impl IntoIterator<Item = &'a PrincipalActivity>, max_rows: usize) -> Vec<ServiceBar> {
    let mut per_service: BTreeMap<&str, Outcomes> = BTreeMap::new();
    for principal in principals {
        for call in &principal.calls {
            per_service.entry(prefix_of(&call.action)).or_default().add(call.outcome, call.count);
        }
    }
    let mut bars: Vec<ServiceBar> = per_service.into_iter().map(|(prefix, calls)| ServiceBar { prefix: Some(prefix.to_owned()), calls }).collect();
    bars.sort_by(|left, right| right.calls.total().cmp(&left.calls.total()).then_with(|| left.prefix.cmp(&right.prefix)));
    let max_rows = max_rows.max(2);
    if bars.len() > max_rows {
        let rest = bars.split_off(max_rows - 1);
        let mut others = Outcomes::default();
        for bar in rest {
            others.success += bar.calls.success;
            others.denied += bar.calls.denied;
            others.error += bar.calls.error;
        }
        bars.push(ServiceBar { prefix: None, calls: others });
    }
    bars
}

fn prefix_of(action: &str) -> &str {
    action.split_once(':').map(|(prefix, _)| prefix).unwrap_or(action)
}

/// The services a principal used (prefixes of the actions it called), sorted.
pub fn services_used(principal: &PrincipalActivity) -> BTreeSet<&str> {
    principal.calls.iter().map(|call| prefix_of(&call.action)).collect()
}

/// A sortable column of the principals table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortColumn {
    #[default]
    Principal,
    Kind,
    Events,
    Services,
    Failed,
    FirstSeen,
    LastSeen,
}

impl SortColumn {
    pub const ALL: [SortColumn; 7] =
        [SortColumn::Principal, SortColumn::Kind, SortColumn::Events, SortColumn::Services, SortColumn::Failed, SortColumn::FirstSeen, SortColumn::LastSeen];

    /// Numbers and dates read best largest or latest first; names A to Z.
    pub fn descending_first(self) -> bool {
        !matches!(self, SortColumn::Principal | SortColumn::Kind)
    }
}

fn kind_rank(kind: PrincipalKind) -> u8 {
    match kind {
        PrincipalKind::Role => 0,
        PrincipalKind::User => 1,
        PrincipalKind::Root => 2,
        PrincipalKind::Account => 3,
    }
}

/// The principals' positions in display order. Ties keep ARN order, so the order is total and
/// does not depend on the previous sort.
pub fn sorted_principals(principals: &[PrincipalActivity], column: SortColumn, descending: bool) -> Vec<usize> {
    let services: Vec<usize> = principals.iter().map(|principal| services_used(principal).len()).collect();
    let mut order: Vec<usize> = (0..principals.len()).collect();
    order.sort_by(|&left, &right| {
        let (a, b) = (&principals[left], &principals[right]);
        let by_column = match column {
            SortColumn::Principal => a.arn.cmp(&b.arn),
            SortColumn::Kind => kind_rank(a.kind).cmp(&kind_rank(b.kind)),
            SortColumn::Events => a.n_events.cmp(&b.n_events),
            SortColumn::Services => services[left].cmp(&services[right]),
            SortColumn::Failed => a.n_failed.cmp(&b.n_failed),
            SortColumn::FirstSeen => a.first_seen.cmp(&b.first_seen),
            SortColumn::LastSeen => a.last_seen.cmp(&b.last_seen),
        };
        let by_column = if descending { by_column.reverse() } else { by_column };
        by_column.then_with(|| a.arn.cmp(&b.arn))
    });
    order
}

/// Keeps the principals whose ARN contains `filter` (case-insensitive); all when it is blank.
pub fn matches_filter(principal: &PrincipalActivity, filter: &str) -> bool {
    let filter = filter.trim();
    filter.is_empty() || principal.arn.to_lowercase().contains(&filter.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use iam_engine::{ObservedCall, PrincipalFlags, Timestamp};

    fn call(action: &str, day: i32, outcome: Outcome, count: u64) -> ObservedCall {
        let at = Day(day).first_second();
        ObservedCall {
            action: action.to_owned(),
            resource: None,
            day: Day(day),
            region: "eu-west-1".to_owned(),
            outcome,
            via_service: None,
            passes_role: None,
            count,
            first_seen: at,
            last_seen: at,
        }
    }

    fn principal(arn: &str, kind: PrincipalKind, n_events: u64, first: i64, calls: Vec<ObservedCall>) -> PrincipalActivity {
        PrincipalActivity {
            arn: arn.to_owned(),
            kind,
            flags: PrincipalFlags::default(),
            n_events,
            n_failed: 0,
            first_seen: Timestamp(first),
            last_seen: Timestamp(first + 10),
            calls,
            source_ips: Vec::new(),
            mfa: Default::default(),
        }
    }

    #[test]
    fn the_timeline_has_a_bar_per_day_with_gaps_and_outcomes() {
        let principals = [
            principal("a", PrincipalKind::Role, 3, 0, vec![call("s3:GetObject", 100, Outcome::Success, 2), call("s3:PutObject", 103, Outcome::Denied, 1)]),
            principal("b", PrincipalKind::User, 1, 0, vec![call("ec2:RunInstances", 100, Outcome::Error, 4)]),
        ];
        let bars = timeline(&principals, 90);
        assert_eq!(bars.len(), 4, "days 100 to 103, the empty ones included");
        assert_eq!(bars[0].calls, Outcomes { success: 2, denied: 0, error: 4 });
        assert_eq!(bars[1].calls.total(), 0);
        assert_eq!((bars[3].first_day, bars[3].calls.denied), (Day(103), 1));
        assert!(timeline(&[], 90).is_empty());
    }

    #[test]
    fn long_windows_are_grouped_into_equal_bars() {
        let principals =
            [principal("a", PrincipalKind::Role, 2, 0, vec![call("s3:GetObject", 0, Outcome::Success, 1), call("s3:GetObject", 364, Outcome::Success, 5)])];
        let bars = timeline(&principals, 90);
        assert!(bars.len() <= 90, "{}", bars.len());
        assert_eq!(bars[0].first_day, Day(0));
        assert_eq!(bars.last().unwrap().last_day, Day(364));
        assert_eq!(bars.iter().map(|bar| bar.calls.total()).sum::<u64>(), 6);
        assert!(bars.windows(2).all(|pair| pair[0].last_day.0 + 1 == pair[1].first_day.0), "bars are contiguous");
    }

    #[test]
    fn services_are_ranked_and_the_tail_is_summed() {
        let principals = [principal(
            "a",
            PrincipalKind::Role,
            1,
            0,
            vec![
                call("s3:GetObject", 1, Outcome::Success, 5),
                call("ec2:RunInstances", 1, Outcome::Success, 9),
                call("kms:Decrypt", 1, Outcome::Denied, 1),
                call("sqs:SendMessage", 1, Outcome::Success, 1),
            ],
        )];
        let bars = service_bars(&principals, 3);
        let names: Vec<Option<&str>> = bars.iter().map(|bar| bar.prefix.as_deref()).collect();
        assert_eq!(names, [Some("ec2"), Some("s3"), None]);
        assert_eq!(bars[2].calls, Outcomes { success: 1, denied: 1, error: 0 });
    }

    #[test]
    fn every_column_sorts_both_ways_with_arn_as_tie_breaker() {
        let principals = [
            principal("arn:b", PrincipalKind::User, 5, 30, vec![call("s3:GetObject", 1, Outcome::Success, 1)]),
            principal("arn:a", PrincipalKind::Role, 5, 20, vec![call("s3:GetObject", 1, Outcome::Success, 1), call("ec2:X", 1, Outcome::Success, 1)]),
            principal("arn:c", PrincipalKind::Role, 9, 10, vec![]),
        ];
        assert_eq!(sorted_principals(&principals, SortColumn::Principal, false), [1, 0, 2]);
        assert_eq!(sorted_principals(&principals, SortColumn::Principal, true), [2, 0, 1]);
        assert_eq!(sorted_principals(&principals, SortColumn::Events, true), [2, 1, 0], "ties by ARN");
        assert_eq!(sorted_principals(&principals, SortColumn::Services, true), [1, 0, 2]);
        assert_eq!(sorted_principals(&principals, SortColumn::FirstSeen, false), [2, 1, 0]);
        assert_eq!(sorted_principals(&principals, SortColumn::Kind, false), [1, 2, 0]);
        for column in SortColumn::ALL {
            assert_eq!(sorted_principals(&principals, column, false).len(), 3);
        }
        assert!(matches_filter(&principals[0], " ARN:B "));
        assert!(!matches_filter(&principals[0], "arn:a"));
    }
}
