//! Retries with exponential backoff and jitter, shared by every provider.

use std::time::Duration;

use baton_protocol::Usage;
use futures::StreamExt;

use crate::{ModelError, ModelStream, StreamEvent};

#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 disables retrying.
    pub max_retries: u32,
    /// The first backoff; each retry doubles it, up to `max_delay`.
    pub base_delay: Duration,
    pub max_delay: Duration,
    /// A server's `retry-after` is honoured up to this long; a longer one
    /// is reported as an error rather than silently stalling the run.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// No waiting at all, for tests and scripted runs.
    pub fn immediate(max_retries: u32) -> Self {
        Self {
            max_retries,
            base_delay: Duration::ZERO,
            max_delay: Duration::ZERO,
            max_retry_after: Duration::ZERO,
        }
    }

    /// The wait before retry number `retry` (1-based), or `None` when the
    /// server asked for a longer wait than we are willing to sit through.
    pub fn delay_for(&self, retry: u32, retry_after: Option<Duration>) -> Option<Duration> {
        if let Some(wait) = retry_after {
            return (wait <= self.max_retry_after).then_some(wait);
        }
        let exponent = retry.saturating_sub(1).min(16);
        let ceiling = self
            .base_delay
            .saturating_mul(1 << exponent)
            .min(self.max_delay);
        // "Equal jitter": half fixed, half random. Clients that failed together
        // spread out, and no retry ever fires immediately.
        let half = ceiling / 2;
        let jitter = Duration::from_nanos(fastrand::u64(
            0..=half.as_nanos().min(u64::MAX as u128) as u64,
        ));
        Some(half + jitter)
    }
}

/// Runs `attempt` until it finishes, retrying retryable failures.
///
/// Usage of failed attempts is carried into the final response: the
/// provider billed those tokens even though the answer was thrown away.
pub(crate) fn with_retries<F>(
    provider: &'static str,
    policy: RetryPolicy,
    attempt: F,
) -> ModelStream
where
    F: Fn() -> ModelStream + Send + Sync + 'static,
{
    Box::pin(async_stream::stream! {
        let mut carried = Usage::default();
        let mut retries = 0;
        loop {
            let ended_early = futures::stream::once(async move {
                Err(ModelError::Truncated { provider, detail: "the stream closed before the message was complete".into() })
            });
            let mut inner = std::pin::pin!(attempt().chain(ended_early));
            let mut attempt_usage = Usage::default();
            let mut failure = None;
            while let Some(item) = inner.next().await {
                match item {
                    Ok(StreamEvent::Usage(usage)) => {
                        attempt_usage = usage;
                        yield Ok(StreamEvent::Usage(carried + usage));
                    }
                    Ok(StreamEvent::Finished(mut response)) => {
                        response.usage = carried + response.usage;
                        yield Ok(StreamEvent::Finished(response));
                        return;
                    }
                    Ok(other) => yield Ok(other),
                    Err(error) => {
                        failure = Some(error);
                        break;
                    }
                }
            }
            let Some(error) = failure else { return };
            let delay = (error.is_retryable() && retries < policy.max_retries)
                .then(|| policy.delay_for(retries + 1, error.retry_after()))
                .flatten();
            let Some(delay) = delay else {
                yield Err(error);
                return;
            };
            retries += 1;
            carried += attempt_usage;
            tracing::warn!(provider, retry = retries, ?delay, %error, "retrying model call");
            yield Ok(StreamEvent::Retrying { attempt: retries, reason: error.to_string(), delay });
            tokio::time::sleep(delay).await;
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_is_jittered_and_capped() {
        let policy = RetryPolicy {
            max_retries: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(1000),
            max_retry_after: Duration::from_secs(5),
        };
        for _ in 0..200 {
            let first = policy.delay_for(1, None).unwrap();
            assert!(
                first >= Duration::from_millis(50) && first <= Duration::from_millis(100),
                "{first:?}"
            );
            let third = policy.delay_for(3, None).unwrap();
            assert!(
                third >= Duration::from_millis(200) && third <= Duration::from_millis(400),
                "{third:?}"
            );
            let late = policy.delay_for(30, None).unwrap();
            assert!(
                late >= Duration::from_millis(500) && late <= Duration::from_millis(1000),
                "{late:?}"
            );
        }
        let spread: std::collections::HashSet<_> =
            (0..50).map(|_| policy.delay_for(4, None)).collect();
        assert!(spread.len() > 1, "delays must be jittered");
    }

    #[test]
    fn retry_after_is_honoured_within_limit() {
        let policy = RetryPolicy {
            max_retry_after: Duration::from_secs(5),
            ..RetryPolicy::default()
        };
        assert_eq!(
            policy.delay_for(1, Some(Duration::from_secs(3))),
            Some(Duration::from_secs(3))
        );
        assert_eq!(policy.delay_for(1, Some(Duration::from_secs(60))), None);
    }
}
