//! Hard budgets: money, tokens, turns and wall time, for a run and every
//! agent under it.
//!
//! A [`Budget`] is a node in a tree. A child is carved out of its parent:
//! whatever it spends is also spent by every ancestor, and a charge must fit
//! at every level, so the whole tree never spends more than the run's budget
//! however many children run at once.
//!
//! Before a model call the agent [`reserve`](Budget::reserve)s the call's
//! worst case (the prompt so far plus `max_tokens`, at the model's price).
//! The reservation counts against every level until the call ends and is
//! [`settle`](Reservation::settle)d with what it really cost, so concurrent
//! calls cannot jointly overrun. The only way past a limit is a call that
//! costs more than its own worst case (a provider reporting more than it
//! was asked for), which is why a budget can be overrun by at most one call.
//!
//! The whole tree shares one lock: budget operations happen once per model
//! call, so contention is negligible, and one lock makes each check-and-
//! reserve across all levels atomic without any lock ordering to get wrong.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use baton_protocol::{BudgetKind, Price};
use serde::{Deserialize, Serialize};

/// Limits; `None` is unlimited.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd: Option<f64>,
    /// Input plus output tokens, cached ones included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<u64>,
    /// Model calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turns: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wall_ms: Option<u64>,
}

impl Limits {
    pub fn is_unlimited(&self) -> bool {
        *self == Self::default()
    }
}

/// The worst case of one model call.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Ask {
    pub usd: f64,
    pub tokens: u64,
}

/// What one call really consumed.
pub type Spend = Ask;

/// A limit a charge would cross.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[error("the {kind:?} budget ({limit}) would be exceeded: {used} used or reserved")]
pub struct Exceeded {
    pub kind: BudgetKind,
    pub limit: f64,
    /// Spent plus reserved, plus this call's worst case.
    pub used: f64,
}

#[derive(Debug, Default, Clone, Copy)]
struct Ledger {
    spent: Ask,
    reserved: Ask,
    turns: u32,
}

#[derive(Debug)]
struct Node {
    limits: Limits,
    deadline: Option<Instant>,
    parent: Option<usize>,
    ledger: Ledger,
}

#[derive(Debug, Default)]
struct Tree {
    nodes: Vec<Node>,
}

impl Tree {
    /// The node and its ancestors, nearest first.
    fn path(&self, mut at: usize) -> Vec<usize> {
        let mut path = vec![at];
        while let Some(parent) = self.nodes.get(at).and_then(|n| n.parent) {
            path.push(parent);
            at = parent;
        }
        path
    }
}

/// One agent's view of the budget tree.
#[derive(Debug, Clone)]
pub struct Budget {
    tree: Arc<Mutex<Tree>>,
    node: usize,
}

impl Budget {
    /// The run's budget.
    pub fn root(limits: Limits) -> Self {
        let node = Node {
            limits,
            deadline: deadline_after(Instant::now(), limits.wall_ms),
            parent: None,
            ledger: Ledger::default(),
        };
        Self {
            tree: Arc::new(Mutex::new(Tree { nodes: vec![node] })),
            node: 0,
        }
    }

    pub fn unlimited() -> Self {
        Self::root(Limits::default())
    }

    /// A child's budget, carved out of this one: its own limits, if any,
    /// and always within what is left above it.
    pub fn child(&self, limits: Limits) -> Self {
        let mut tree = self.lock();
        let parent_deadline = tree.nodes.get(self.node).and_then(|n| n.deadline);
        let own = deadline_after(Instant::now(), limits.wall_ms);
        let deadline = match (own, parent_deadline) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        tree.nodes.push(Node {
            limits,
            deadline,
            parent: Some(self.node),
            ledger: Ledger::default(),
        });
        Self {
            tree: self.tree.clone(),
            node: tree.nodes.len() - 1,
        }
    }

    /// When this agent must stop, counting every ancestor's wall limit.
    pub fn deadline(&self) -> Option<Instant> {
        self.lock().nodes.get(self.node).and_then(|n| n.deadline)
    }

    /// The tightest wall-time limit over this node and its ancestors, in
    /// milliseconds, for reporting.
    pub fn wall_limit_ms(&self) -> Option<u64> {
        let tree = self.lock();
        tree.path(self.node)
            .into_iter()
            .filter_map(|at| tree.nodes.get(at).and_then(|n| n.limits.wall_ms))
            .min()
    }

    /// Reserves one model call's worst case at every level, counting it as
    /// a turn, or says which limit it would cross (and reserves nothing).
    pub fn reserve(&self, ask: Ask) -> Result<Reservation, Exceeded> {
        self.reserve_at(ask, Instant::now())
    }

    fn reserve_at(&self, ask: Ask, now: Instant) -> Result<Reservation, Exceeded> {
        let mut tree = self.lock();
        let path = tree.path(self.node);
        for &at in &path {
            let Some(node) = tree.nodes.get(at) else {
                continue;
            };
            check(node, ask, now)?;
        }
        for &at in &path {
            if let Some(node) = tree.nodes.get_mut(at) {
                node.ledger.reserved.usd += ask.usd;
                node.ledger.reserved.tokens += ask.tokens;
                node.ledger.turns += 1;
            }
        }
        Ok(Reservation {
            budget: self.clone(),
            ask,
            settled: false,
        })
    }

    /// Records spending that happened outside any reservation: what an
    /// earlier run of a resumed agent spent. Counted at every level.
    pub fn charge(&self, spend: Spend) {
        let mut tree = self.lock();
        for at in tree.path(self.node) {
            if let Some(node) = tree.nodes.get_mut(at) {
                node.ledger.spent.usd += spend.usd;
                node.ledger.spent.tokens += spend.tokens;
            }
        }
    }

    /// What this node (with its descendants) has spent so far.
    pub fn spent(&self) -> Spend {
        self.lock()
            .nodes
            .get(self.node)
            .map(|n| n.ledger.spent)
            .unwrap_or_default()
    }

    pub fn turns(&self) -> u32 {
        self.lock()
            .nodes
            .get(self.node)
            .map(|n| n.ledger.turns)
            .unwrap_or_default()
    }

    /// The tightest money and token headroom left for this node, counting
    /// every ancestor and what is reserved: `None` when unlimited.
    pub fn remaining(&self) -> (Option<f64>, Option<u64>) {
        let tree = self.lock();
        let mut usd: Option<f64> = None;
        let mut tokens: Option<u64> = None;
        for at in tree.path(self.node) {
            let Some(node) = tree.nodes.get(at) else {
                continue;
            };
            let used = node.ledger.spent.usd + node.ledger.reserved.usd;
            if let Some(limit) = node.limits.usd {
                let left = (limit - used).max(0.0);
                usd = Some(usd.map_or(left, |u| u.min(left)));
            }
            let used = node.ledger.spent.tokens + node.ledger.reserved.tokens;
            if let Some(limit) = node.limits.tokens {
                let left = limit.saturating_sub(used);
                tokens = Some(tokens.map_or(left, |t| t.min(left)));
            }
        }
        (usd, tokens)
    }

    fn lock(&self) -> MutexGuard<'_, Tree> {
        // A panic while holding the lock leaves plain numbers behind, still
        // consistent enough to keep enforcing limits.
        self.tree
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Tokens for text no model has counted yet, erring high: about three
/// characters a token (English prose runs near four, code and JSON lower).
pub fn estimate_tokens(chars: usize) -> u64 {
    (chars as u64).div_ceil(3)
}

/// The most one call can cost: the whole prompt at the dearer of the input
/// and cache-write prices, and every allowed output token. Without a price
/// the money side is unknown and counted as zero.
pub fn worst_case(prompt_tokens: u64, max_tokens: u32, price: Option<&Price>) -> Ask {
    let usd = price.map_or(0.0, |p| {
        (prompt_tokens as f64 * p.input.max(p.cache_write) + f64::from(max_tokens) * p.output)
            / 1_000_000.0
    });
    Ask {
        usd,
        tokens: prompt_tokens + u64::from(max_tokens),
    }
}

/// The most output tokens a call with this prompt can be allowed within
/// `remaining` (money and tokens left, `None` for unlimited): `None` when
/// nothing limits it, zero when even the prompt does not fit.
pub fn affordable_output(
    prompt_tokens: u64,
    price: Option<&Price>,
    remaining: (Option<f64>, Option<u64>),
) -> Option<u64> {
    let by_tokens = remaining.1.map(|left| left.saturating_sub(prompt_tokens));
    let by_money = match (remaining.0, price) {
        (Some(left), Some(price)) if price.output > 0.0 => {
            let prompt_usd =
                prompt_tokens as f64 * price.input.max(price.cache_write) / 1_000_000.0;
            Some(((left - prompt_usd).max(0.0) * 1_000_000.0 / price.output).floor() as u64)
        }
        _ => None,
    };
    match (by_tokens, by_money) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn deadline_after(now: Instant, wall_ms: Option<u64>) -> Option<Instant> {
    wall_ms.map(|ms| now + Duration::from_millis(ms))
}

fn check(node: &Node, ask: Ask, now: Instant) -> Result<(), Exceeded> {
    let limits = &node.limits;
    let ledger = &node.ledger;
    if let Some(limit) = limits.turns
        && ledger.turns >= limit
    {
        return Err(Exceeded {
            kind: BudgetKind::Turns,
            limit: f64::from(limit),
            used: f64::from(ledger.turns) + 1.0,
        });
    }
    if let Some(deadline) = node.deadline
        && now >= deadline
    {
        let limit = limits.wall_ms.unwrap_or_default() as f64;
        return Err(Exceeded {
            kind: BudgetKind::WallTimeMs,
            limit,
            used: limit + now.duration_since(deadline).as_millis() as f64,
        });
    }
    let tokens = ledger.spent.tokens + ledger.reserved.tokens + ask.tokens;
    if let Some(limit) = limits.tokens
        && tokens > limit
    {
        return Err(Exceeded {
            kind: BudgetKind::Tokens,
            limit: limit as f64,
            used: tokens as f64,
        });
    }
    let usd = ledger.spent.usd + ledger.reserved.usd + ask.usd;
    if let Some(limit) = limits.usd
        && usd > limit
    {
        return Err(Exceeded {
            kind: BudgetKind::Usd,
            limit,
            used: usd,
        });
    }
    Ok(())
}

/// A model call's worst case, held against every level until the call
/// ends. Dropping it unsettled releases it and charges nothing (for a call
/// that never reached the provider).
#[derive(Debug)]
pub struct Reservation {
    budget: Budget,
    ask: Ask,
    settled: bool,
}

impl Reservation {
    /// Replaces the worst case with what the call really consumed.
    pub fn settle(mut self, spend: Spend) {
        self.release(spend);
        self.settled = true;
    }

    fn release(&self, spend: Spend) {
        let mut tree = self.budget.lock();
        for at in tree.path(self.budget.node) {
            if let Some(node) = tree.nodes.get_mut(at) {
                let ledger = &mut node.ledger;
                ledger.reserved.usd = (ledger.reserved.usd - self.ask.usd).max(0.0);
                ledger.reserved.tokens = ledger.reserved.tokens.saturating_sub(self.ask.tokens);
                ledger.spent.usd += spend.usd;
                ledger.spent.tokens += spend.tokens;
            }
        }
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        if !self.settled {
            self.release(Spend::default());
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    fn usd(limit: f64) -> Limits {
        Limits {
            usd: Some(limit),
            ..Limits::default()
        }
    }

    fn ask(usd: f64, tokens: u64) -> Ask {
        Ask { usd, tokens }
    }

    #[test]
    fn a_call_that_would_cross_a_limit_is_refused_before_it_is_made() {
        let run = Budget::root(usd(1.0));
        run.reserve(ask(0.6, 10)).unwrap().settle(ask(0.5, 10));
        let refused = run.reserve(ask(0.6, 10)).unwrap_err();
        assert_eq!(refused.kind, BudgetKind::Usd);
        assert!((refused.used - 1.1).abs() < 1e-9, "{refused:?}");
        // A cheaper call still fits.
        run.reserve(ask(0.4, 10)).unwrap().settle(ask(0.4, 10));
        assert!((run.spent().usd - 0.9).abs() < 1e-9);
    }

    #[test]
    fn children_spend_their_parents_money() {
        let run = Budget::root(usd(1.0));
        let a = run.child(usd(0.8));
        let b = run.child(Limits::default());
        a.reserve(ask(0.7, 0)).unwrap().settle(ask(0.7, 0));
        // b has no limit of its own, but only 0.3 is left above it.
        assert_eq!(b.reserve(ask(0.4, 0)).unwrap_err().kind, BudgetKind::Usd);
        b.reserve(ask(0.3, 0)).unwrap().settle(ask(0.3, 0));
        assert!((run.spent().usd - 1.0).abs() < 1e-9);
        let (left, _) = a.remaining();
        assert!(left.unwrap().abs() < 1e-9, "{left:?}");
    }

    #[test]
    fn reservations_hold_until_settled_and_are_released_when_dropped() {
        let run = Budget::root(Limits {
            tokens: Some(100),
            ..Limits::default()
        });
        let held = run.reserve(ask(0.0, 80)).unwrap();
        assert_eq!(
            run.reserve(ask(0.0, 30)).unwrap_err().kind,
            BudgetKind::Tokens
        );
        drop(held);
        let held = run.reserve(ask(0.0, 30)).unwrap();
        held.settle(ask(0.0, 10));
        assert_eq!(run.spent().tokens, 10);
        assert_eq!(run.remaining().1, Some(90));
    }

    #[test]
    fn the_worst_case_prices_every_prompt_and_output_token() {
        let price = Price {
            input: 3.0,
            output: 15.0,
            cache_read: 0.3,
            cache_write: 3.75,
        };
        let worst = worst_case(1_000_000, 1_000, Some(&price));
        assert!((worst.usd - (3.75 + 0.015)).abs() < 1e-9, "{worst:?}");
        assert_eq!(worst.tokens, 1_001_000);
        assert_eq!(worst_case(10, 5, None).usd, 0.0);
        assert_eq!(estimate_tokens(7), 3);
        // $1 left, a 100k-token prompt ($0.375): $0.625 buys 41,666 output tokens at $15/M.
        let fits = affordable_output(100_000, Some(&price), (Some(1.0), None));
        assert_eq!(fits, Some(41_666));
        assert_eq!(
            affordable_output(100, Some(&price), (None, Some(150))),
            Some(50)
        );
        assert_eq!(affordable_output(100, Some(&price), (None, None)), None);
        assert_eq!(
            affordable_output(500, None, (Some(0.1), Some(400))),
            Some(0)
        );
    }

    #[test]
    fn turns_and_wall_time() {
        let run = Budget::root(Limits {
            turns: Some(2),
            ..Limits::default()
        });
        let child = run.child(Limits::default());
        run.reserve(Ask::default()).unwrap().settle(Ask::default());
        child
            .reserve(Ask::default())
            .unwrap()
            .settle(Ask::default());
        assert_eq!(
            child.reserve(Ask::default()).unwrap_err().kind,
            BudgetKind::Turns
        );
        assert_eq!(run.turns(), 2);

        let timed = Budget::root(Limits {
            wall_ms: Some(1_000),
            ..Limits::default()
        });
        let child = timed.child(Limits {
            wall_ms: Some(60_000),
            ..Limits::default()
        });
        // The child's own limit is longer; the parent's deadline wins.
        assert_eq!(child.deadline(), timed.deadline());
        let later = timed.deadline().unwrap() + Duration::from_millis(5);
        let late = child.reserve_at(Ask::default(), later).unwrap_err();
        assert_eq!(late.kind, BudgetKind::WallTimeMs);
    }

    mod property {
        #![allow(clippy::unwrap_used)]

        use super::*;
        use proptest::prelude::*;

        #[derive(Debug, Clone)]
        struct Plan {
            /// (parent index among earlier nodes, limit in cents or none)
            nodes: Vec<(usize, Option<u32>)>,
            /// (node, worst case in cents, actual as a share of it)
            calls: Vec<(usize, u32, u8)>,
            root_cents: u32,
        }

        fn plans() -> impl Strategy<Value = Plan> {
            (
                proptest::collection::vec((any::<usize>(), proptest::option::of(1u32..500)), 0..12),
                proptest::collection::vec((any::<usize>(), 1u32..200, 0u8..=100), 1..80),
                1u32..1000,
            )
                .prop_map(|(nodes, calls, root_cents)| Plan {
                    nodes,
                    calls,
                    root_cents,
                })
        }

        proptest! {
            /// Random trees, random calls, interleaved reservations: no node
            /// ever spends past its limit (every actual cost is within its
            /// worst case), and the root never spends past the run's budget.
            #[test]
            fn no_level_of_the_tree_is_ever_overrun(plan in plans()) {
                let root = Budget::root(usd(f64::from(plan.root_cents) / 100.0));
                let mut budgets = vec![(root.clone(), Some(plan.root_cents))];
                for (parent, cents) in &plan.nodes {
                    let parent = budgets[parent % budgets.len()].0.clone();
                    let child = parent.child(cents.map_or(Limits::default(), |c| usd(f64::from(c) / 100.0)));
                    budgets.push((child, *cents));
                }
                let mut open: Vec<(Reservation, f64)> = Vec::new();
                for (i, (node, cents, share)) in plan.calls.iter().enumerate() {
                    let budget = &budgets[node % budgets.len()].0;
                    let worst = f64::from(*cents) / 100.0;
                    if let Ok(reservation) = budget.reserve(ask(worst, 0)) {
                        open.push((reservation, worst * f64::from(*share) / 100.0));
                    }
                    // Settle some calls late, so reservations overlap.
                    if i % 3 == 0 && !open.is_empty() {
                        let (reservation, actual) = open.remove(0);
                        reservation.settle(ask(actual, 0));
                    }
                }
                for (reservation, actual) in open {
                    reservation.settle(ask(actual, 0));
                }
                for (budget, cents) in &budgets {
                    if let Some(cents) = cents {
                        prop_assert!(budget.spent().usd <= f64::from(*cents) / 100.0 + 1e-9);
                    }
                }
                prop_assert!(root.spent().usd <= f64::from(plan.root_cents) / 100.0 + 1e-9);
            }
        }
    }
}
