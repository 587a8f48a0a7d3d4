//! Compaction inside the agent loop: the summary call goes through the
//! budget like any model call and is reported like one, and the outcome is
//! announced on the event stream.

use std::time::Instant;

use baton_models::{ModelClient, ModelRequest, StreamEvent};
use baton_protocol::{Cost, Event, Message, Usage};
use futures::StreamExt;
use tokio_util::sync::CancellationToken;

use super::{Calibration, Compaction, CompactionOutcome, CompactionSettings, Prepared, Window};
use crate::Emitter;
use crate::budget::{Budget, Spend, estimate_tokens, worst_case};

/// What the agent loop lends a compaction.
pub(crate) struct RunContext<'a> {
    pub model: &'a dyn ModelClient,
    pub budget: &'a Budget,
    pub emitter: &'a Emitter,
    pub cancel: &'a CancellationToken,
}

/// Compacts the context of `request` (the next call, as far as it is
/// known) when its estimated `prompt_tokens` reach the threshold. Emits
/// `compacted` when the context is replaced (the caller must then use the
/// returned context), a warning when it is refused, and `model_finished`
/// for the summary call. The context is `None` when it stays as it was.
pub(crate) async fn compact_if_due(
    run: RunContext<'_>,
    settings: &CompactionSettings,
    request: &ModelRequest,
    prompt_tokens: u64,
    calibration: Calibration,
) -> (Option<Vec<Message>>, Usage, Cost) {
    let window = Window::of(run.model);
    if !settings.is_due(prompt_tokens, window.context_window) {
        return (None, Usage::default(), Cost::default());
    }
    let overhead = ModelRequest {
        messages: Default::default(),
        ..request.clone()
    };
    let window = Window {
        overhead_tokens: calibration.tokens(super::estimate_request_tokens(&overhead)),
        ..window
    };
    let messages = request.messages.as_slice();
    let job = match super::prepare(messages, settings, window, calibration, true) {
        Ok(Prepared::Due(job)) => job,
        Ok(Prepared::NotNeeded(_)) => return (None, Usage::default(), Cost::default()),
        Err(error) => {
            run.emitter.emit(Event::Warning {
                message: format!("context not compacted: {error}"),
            });
            return (None, Usage::default(), Cost::default());
        }
    };
    let (summary, usage, cost) = match job.request().cloned() {
        Some(request) => match summarise(&run, request, &calibration).await {
            Summarised::Done {
                summary,
                usage,
                cost,
            } => (summary, usage, cost),
            Summarised::Interrupted { usage, cost } => return (None, usage, cost),
        },
        None => (
            Err("nothing old enough to summarise".into()),
            Usage::default(),
            Cost::default(),
        ),
    };
    let compaction = job.finish(summary);
    report(&run, &compaction);
    let context = match compaction.outcome {
        CompactionOutcome::Compacted(_) => Some(compaction.context),
        CompactionOutcome::NotNeeded | CompactionOutcome::Refused => None,
    };
    (context, usage, cost)
}

fn report(run: &RunContext<'_>, compaction: &Compaction) {
    if let Some(why) = &compaction.summary_failure {
        run.emitter.emit(Event::Warning {
            message: format!("context summary not used ({why}); dropping old context instead"),
        });
    }
    match compaction.outcome {
        CompactionOutcome::Compacted(strategy) => run.emitter.emit(Event::Compacted {
            before_tokens: compaction.before_tokens,
            after_tokens: compaction.after_tokens,
            strategy,
            context: compaction.context.clone(),
        }),
        CompactionOutcome::Refused => run.emitter.emit(Event::Warning {
            message: format!(
                "context not compacted: it would not get smaller than its {} tokens",
                compaction.before_tokens
            ),
        }),
        CompactionOutcome::NotNeeded => {}
    }
}

enum Summarised {
    Done {
        summary: Result<String, String>,
        usage: Usage,
        cost: Cost,
    },
    /// Cancelled or out of time: the loop stops next, so there is no point
    /// in a fallback.
    Interrupted { usage: Usage, cost: Cost },
}

async fn summarise(
    run: &RunContext<'_>,
    request: ModelRequest,
    calibration: &Calibration,
) -> Summarised {
    let price = run.model.info().price;
    let cost_of = |usage: &Usage| price.map(|p| p.cost(usage)).unwrap_or_default();
    let spend = |usage: &Usage, cost: &Cost| Spend {
        usd: cost.total_usd,
        tokens: usage.total_tokens(),
    };
    let prompt = calibration.tokens(estimate_tokens(
        request.system.as_ref().map_or(0, String::len) + super::context_chars(&request.messages),
    ));
    let reservation =
        match run
            .budget
            .reserve(worst_case(prompt, request.max_tokens, price.as_ref()))
        {
            Ok(reservation) => reservation,
            Err(exceeded) => {
                return Summarised::Done {
                    summary: Err(format!("the budget cannot afford a summary: {exceeded}")),
                    usage: Usage::default(),
                    cost: Cost::default(),
                };
            }
        };
    let deadline = run.budget.deadline();
    let started = Instant::now();
    let mut live = Usage::default();
    let mut stream = run.model.stream(request);
    loop {
        let next = tokio::select! {
            biased;
            () = run.cancel.cancelled() => None,
            () = sleep_until(deadline) => None,
            next = stream.next() => Some(next),
        };
        let Some(next) = next else {
            let cost = cost_of(&live);
            reservation.settle(spend(&live, &cost));
            return Summarised::Interrupted { usage: live, cost };
        };
        let (summary, usage) = match next {
            Some(Ok(StreamEvent::Usage(usage))) => {
                live = usage;
                continue;
            }
            Some(Ok(StreamEvent::Finished(response))) => {
                let cost = cost_of(&response.usage);
                run.emitter.emit(Event::ModelFinished {
                    model: response.model.clone(),
                    stop_reason: response.stop_reason,
                    usage: response.usage,
                    cost,
                    latency_ms: started.elapsed().as_millis() as u64,
                    first_token_ms: None,
                });
                (Ok(response.message().text()), response.usage)
            }
            Some(Ok(_)) => continue,
            Some(Err(error)) => (Err(format!("the summary call failed: {error}")), live),
            None => (Err("the summary stream ended early".to_owned()), live),
        };
        let cost = cost_of(&usage);
        reservation.settle(spend(&usage, &cost));
        return Summarised::Done {
            summary,
            usage,
            cost,
        };
    }
}

/// Never fires without a deadline.
async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline.into()).await,
        None => std::future::pending().await,
    }
}
