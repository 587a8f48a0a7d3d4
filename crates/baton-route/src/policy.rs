//! The hand-configured policies: fixed, rules, and the cascade.

use serde::{Deserialize, Serialize};

use crate::{Candidate, Choice, RouteError, RouteRequest, Router, find, fitting, fitting_frontier};

/// Always the same model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fixed {
    pub model: String,
}

impl Fixed {
    pub fn new(model: impl Into<String>) -> Self {
        Self {
            model: model.into(),
        }
    }
}

impl Router for Fixed {
    fn choose(
        &self,
        request: &RouteRequest,
        candidates: &[Candidate],
    ) -> Result<Choice, RouteError> {
        let model = find(&self.model, candidates)?;
        // A fixed model that cannot hold the task would fail anyway; say so
        // now rather than after a wasted call.
        let tokens = request.estimated_tokens();
        if !model.fits(tokens) {
            return Err(RouteError::NothingFits {
                tokens,
                largest: model.context_window,
            });
        }
        Ok(Choice {
            model: model.name.clone(),
            reason: format!("fixed: always {}", model.name),
        })
    }
}

/// One rule: when every condition given holds, use `model`. Conditions left
/// out match anything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub model: String,
    /// The request's role must be this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The task must be at least this many characters long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_chars: Option<usize>,
    /// The task must be at most this many characters long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_chars: Option<usize>,
    /// The task must contain one of these (case-insensitive substrings).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
}

impl Rule {
    /// Why the rule matches, or `None` if it does not.
    fn matches(&self, request: &RouteRequest, lowered_task: &str) -> Option<String> {
        let mut why = Vec::new();
        if let Some(role) = &self.role {
            if request.role.as_deref() != Some(role.as_str()) {
                return None;
            }
            why.push(format!("role {role}"));
        }
        let chars = request.task.chars().count();
        if let Some(min) = self.min_chars {
            if chars < min {
                return None;
            }
            why.push(format!("{chars} chars ≥ {min}"));
        }
        if let Some(max) = self.max_chars {
            if chars > max {
                return None;
            }
            why.push(format!("{chars} chars ≤ {max}"));
        }
        if !self.keywords.is_empty() {
            let hit = self
                .keywords
                .iter()
                .find(|k| lowered_task.contains(&k.to_lowercase()))?;
            why.push(format!("keyword \"{hit}\""));
        }
        if why.is_empty() {
            why.push("matches everything".to_owned());
        }
        Some(why.join(", "))
    }
}

/// The first matching rule wins; with none, `default`, else the cheapest
/// model on the frontier that fits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub rules: Vec<Rule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

impl Router for Rules {
    fn choose(
        &self,
        request: &RouteRequest,
        candidates: &[Candidate],
    ) -> Result<Choice, RouteError> {
        let lowered = request.task.to_lowercase();
        let fit = fitting(request, candidates)?;
        for (i, rule) in self.rules.iter().enumerate() {
            let Some(why) = rule.matches(request, &lowered) else {
                continue;
            };
            let model = find(&rule.model, candidates)?;
            // A rule whose model cannot hold the task falls through to the
            // next rule, like a rule that did not match.
            if fit.iter().any(|c| c.name == model.name) {
                return Ok(Choice {
                    model: model.name.clone(),
                    reason: format!("rules: rule {} ({why})", i + 1),
                });
            }
        }
        if let Some(default) = &self.default {
            let model = find(default, candidates)?;
            if fit.iter().any(|c| c.name == model.name) {
                return Ok(Choice {
                    model: model.name.clone(),
                    reason: "rules: no rule matched; the default".to_owned(),
                });
            }
        }
        let cheapest = cheapest(request, candidates)?;
        Ok(Choice {
            reason: "rules: no rule matched; the cheapest model that fits".to_owned(),
            model: cheapest.name,
        })
    }
}

fn cheapest(request: &RouteRequest, candidates: &[Candidate]) -> Result<Candidate, RouteError> {
    fitting_frontier(request, candidates)?
        .into_iter()
        .next()
        .ok_or(RouteError::NoCandidates)
}

/// Why a cascade moves up a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Escalation {
    /// The child ended in an error or gave up.
    Failed,
    /// The child ran out of its budget (turns, tokens or money).
    OutOfBudget,
    /// The child finished but its completion gate (tests, a check) failed.
    GateFailed,
}

impl Escalation {
    fn describe(self) -> &'static str {
        match self {
            Escalation::Failed => "it failed",
            Escalation::OutOfBudget => "it ran out of budget",
            Escalation::GateFailed => "it failed its completion gate",
        }
    }
}

/// Cheapest first: start with the cheapest model on the frontier that can
/// hold the task, and move to the next one up when a child fails.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cascade;

impl Cascade {
    /// The model to try after `model` on the frontier of the candidates that
    /// fit: the cheapest of higher quality, `None` when `model` is already
    /// the best. A dominated `model` escalates the same way, so escalation
    /// always gains quality; a `model` that is not a candidate is an error.
    pub fn next_after(
        &self,
        model: &str,
        request: &RouteRequest,
        candidates: &[Candidate],
    ) -> Result<Option<Candidate>, RouteError> {
        let current = find(model, candidates)?;
        Ok(fitting_frontier(request, candidates)?
            .into_iter()
            .find(|c| c.quality > current.quality))
    }

    /// [`Cascade::next_after`] as a [`Choice`] whose reason says why.
    pub fn escalate(
        &self,
        model: &str,
        why: Escalation,
        request: &RouteRequest,
        candidates: &[Candidate],
    ) -> Result<Option<Choice>, RouteError> {
        Ok(self
            .next_after(model, request, candidates)?
            .map(|next| Choice {
                reason: format!(
                    "cascade: escalated from {model} because {}; {} is the next on the cost/quality frontier",
                    why.describe(),
                    next.name
                ),
                model: next.name,
            }))
    }
}

impl Router for Cascade {
    fn choose(
        &self,
        request: &RouteRequest,
        candidates: &[Candidate],
    ) -> Result<Choice, RouteError> {
        let frontier = fitting_frontier(request, candidates)?;
        let first = frontier.first().ok_or(RouteError::NoCandidates)?;
        let then = frontier
            .get(1)
            .map_or("none left".to_owned(), |c| format!("then {}", c.name));
        Ok(Choice {
            model: first.name.clone(),
            reason: format!(
                "cascade: the cheapest of {} models on the frontier that fit (escalation: {then})",
                frontier.len()
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    fn models() -> Vec<Candidate> {
        vec![
            Candidate::new("opus", 5.0, 25.0, 0.95),
            Candidate::new("haiku", 1.0, 5.0, 0.7).with_context_window(1_000),
            Candidate::new("nano", 0.05, 0.4, 0.4),
            Candidate::new("sonnet", 3.0, 15.0, 0.85),
            Candidate::new("stale", 4.0, 20.0, 0.6), // dominated by sonnet
        ]
    }

    #[test]
    fn fixed_picks_its_model_or_names_the_known_ones() {
        let choice = Fixed::new("sonnet")
            .choose(&RouteRequest::new("hi"), &models())
            .unwrap();
        assert_eq!(choice.model, "sonnet");
        assert_eq!(choice.reason, "fixed: always sonnet");
        let error = Fixed::new("gpt-9")
            .choose(&RouteRequest::new("hi"), &models())
            .unwrap_err()
            .to_string();
        assert!(error.contains("`gpt-9`"), "{error}");
        assert!(
            error.contains("opus, haiku, nano, sonnet, stale"),
            "{error}"
        );
    }

    fn rules() -> Rules {
        Rules {
            rules: vec![
                Rule {
                    model: "opus".into(),
                    role: Some("architect".into()),
                    ..Rule::default()
                },
                Rule {
                    model: "sonnet".into(),
                    keywords: vec!["Refactor".into(), "prove".into()],
                    ..Rule::default()
                },
                Rule {
                    model: "haiku".into(),
                    max_chars: Some(40),
                    ..Rule::default()
                },
            ],
            default: Some("sonnet".into()),
        }
    }

    #[test]
    fn rules_match_role_keywords_and_length_in_order() {
        let rules = rules();
        let choose = |r: RouteRequest| rules.choose(&r, &models()).unwrap();

        let c = choose(RouteRequest::new("refactor it").with_role("architect"));
        assert_eq!(c.model, "opus");
        assert_eq!(c.reason, "rules: rule 1 (role architect)");

        let c = choose(RouteRequest::new("please REFACTOR the parser"));
        assert_eq!(c.model, "sonnet");
        assert_eq!(c.reason, "rules: rule 2 (keyword \"Refactor\")");

        let c = choose(RouteRequest::new("fix the typo"));
        assert_eq!(c.model, "haiku");
        assert_eq!(c.reason, "rules: rule 3 (12 chars ≤ 40)");

        let c = choose(RouteRequest::new("x".repeat(41)));
        assert_eq!(c.model, "sonnet");
        assert_eq!(c.reason, "rules: no rule matched; the default");
    }

    #[test]
    fn a_rule_whose_model_is_too_small_falls_through() {
        let rules = rules();
        // A short task, but 4_000 tokens of context: haiku's window is 1_000.
        let request =
            RouteRequest::new("short task that haiku would get").with_context_tokens(4_000);
        let c = rules.choose(&request, &models()).unwrap();
        assert_eq!(c.model, "sonnet");
        let no_default = Rules {
            default: None,
            ..rules
        };
        let c = no_default.choose(&request, &models()).unwrap();
        assert_eq!(c.model, "nano");
        assert_eq!(
            c.reason,
            "rules: no rule matched; the cheapest model that fits"
        );
    }

    #[test]
    fn cascade_starts_cheap_and_escalates_along_the_frontier() {
        let cascade = Cascade;
        let request = RouteRequest::new("do it");
        let list = models();
        let first = cascade.choose(&request, &list).unwrap();
        assert_eq!(first.model, "nano");
        assert_eq!(
            first.reason,
            "cascade: the cheapest of 4 models on the frontier that fit (escalation: then haiku)"
        );
        let mut order = vec![first.model];
        while let Some(next) = cascade
            .next_after(order.last().unwrap(), &request, &list)
            .unwrap()
        {
            order.push(next.name);
        }
        assert_eq!(order, ["nano", "haiku", "sonnet", "opus"]);

        // A dominated model escalates to the cheapest better one on the
        // frontier, which may even cost less.
        let next = cascade
            .next_after("stale", &request, &list)
            .unwrap()
            .unwrap();
        assert_eq!(next.name, "haiku");

        assert!(matches!(
            cascade.next_after("gpt-9", &request, &list),
            Err(RouteError::UnknownModel { .. })
        ));

        let choice = cascade
            .escalate("haiku", Escalation::GateFailed, &request, &list)
            .unwrap()
            .unwrap();
        assert_eq!(choice.model, "sonnet");
        assert!(
            choice
                .reason
                .contains("escalated from haiku because it failed its completion gate"),
            "{}",
            choice.reason
        );
    }

    #[test]
    fn cascade_skips_models_too_small_for_the_task() {
        let request = RouteRequest::new("big").with_context_tokens(5_000);
        let list = models();
        let order: Vec<String> =
            std::iter::successors(Some(Cascade.choose(&request, &list).unwrap().model), |m| {
                Cascade
                    .next_after(m, &request, &list)
                    .unwrap()
                    .map(|c| c.name)
            })
            .collect();
        assert_eq!(order, ["nano", "sonnet", "opus"]);
        assert_eq!(
            Cascade
                .escalate("opus", Escalation::OutOfBudget, &request, &list)
                .unwrap(),
            None
        );
    }

    #[test]
    fn policies_are_interchangeable_behind_the_trait() {
        let routers: Vec<Box<dyn Router>> = vec![
            Box::new(Fixed::new("opus")),
            Box::new(rules()),
            Box::new(Cascade),
        ];
        let request = RouteRequest::new("prove it, carefully and at length").with_role("architect");
        let chosen: Vec<String> = routers
            .iter()
            .map(|r| r.choose(&request, &models()).unwrap().model)
            .collect();
        assert_eq!(chosen, ["opus", "opus", "nano"]);
    }
}
