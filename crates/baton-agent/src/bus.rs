use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use baton_protocol::{AgentId, Envelope, Event, SessionId};
use tokio::sync::mpsc;

/// Receives every event of a session, in order.
///
/// Called synchronously while the bus is locked, so all subscribers see
/// the same order and output interleaves correctly with, say, an approval
/// prompt. Subscribers must be quick: anything slow (disk, network) should
/// hand the event to a task of its own, as [`ChannelSubscriber`] does.
pub trait Subscriber: Send + Sync {
    fn on_event(&self, envelope: &Envelope);
}

/// Forwards events into an unbounded channel, for consumers that run as tasks.
pub struct ChannelSubscriber(mpsc::UnboundedSender<Envelope>);

impl Subscriber for ChannelSubscriber {
    fn on_event(&self, envelope: &Envelope) {
        // A receiver that has gone away no longer wants events.
        let _ = self.0.send(envelope.clone());
    }
}

/// Makes what subscribers were given durable: the session store. The agent
/// waits on it where a crash must not lose an event (see [`Emitter::sync`]).
pub trait Durable: Send + Sync {
    fn sync(&self) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send + '_>>;
}

/// The one event stream of a session. Cheap to clone; clones share it.
#[derive(Clone)]
pub struct EventBus {
    session: SessionId,
    inner: Arc<Mutex<Inner>>,
    durable: Arc<Mutex<Option<Arc<dyn Durable>>>>,
    /// Set once a sync has failed, so the warning is given once.
    sync_failed: Arc<AtomicBool>,
}

struct Inner {
    next_seq: u64,
    subscribers: Vec<Arc<dyn Subscriber>>,
}

impl EventBus {
    pub fn new(session: SessionId) -> Self {
        Self::resume(session, 0)
    }

    /// The stream of a session that continues: seqs carry on from `next_seq`.
    pub fn resume(session: SessionId, next_seq: u64) -> Self {
        Self {
            session,
            inner: Arc::new(Mutex::new(Inner {
                next_seq,
                subscribers: Vec::new(),
            })),
            durable: Arc::new(Mutex::new(None)),
            sync_failed: Arc::new(AtomicBool::new(false)),
        }
    }

    pub fn set_durable(&self, durable: Arc<dyn Durable>) {
        *self
            .durable
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(durable);
    }

    /// Waits until every event emitted so far is durable; at once without
    /// a store.
    pub async fn sync(&self) -> Result<(), String> {
        let durable = self
            .durable
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone();
        match durable {
            Some(durable) => durable.sync().await,
            None => Ok(()),
        }
    }

    pub fn session(&self) -> &SessionId {
        &self.session
    }

    pub fn subscribe(&self, subscriber: Arc<dyn Subscriber>) {
        self.lock().subscribers.push(subscriber);
    }

    /// Stops sending events to `subscriber` (the same `Arc` that was
    /// subscribed), so a bus that outlives many runs, as in a chat, does
    /// not collect their per-run subscribers.
    pub fn unsubscribe(&self, subscriber: &Arc<dyn Subscriber>) {
        self.lock()
            .subscribers
            .retain(|held| !std::ptr::addr_eq(Arc::as_ptr(held), Arc::as_ptr(subscriber)));
    }

    /// A channel that receives every event emitted from now on.
    pub fn channel(&self) -> mpsc::UnboundedReceiver<Envelope> {
        let (sender, receiver) = mpsc::unbounded_channel();
        self.subscribe(Arc::new(ChannelSubscriber(sender)));
        receiver
    }

    /// An emitter that stamps events with `agent` and its parent.
    pub fn emitter(&self, agent: AgentId, parent: Option<AgentId>) -> Emitter {
        Emitter {
            bus: self.clone(),
            agent,
            parent,
        }
    }

    pub fn emit(&self, agent: &AgentId, parent: Option<&AgentId>, event: Event) {
        let mut inner = self.lock();
        let envelope = Envelope {
            seq: inner.next_seq,
            ts_ms: now_ms(),
            session: self.session.clone(),
            agent: agent.clone(),
            parent: parent.cloned(),
            event,
        };
        inner.next_seq += 1;
        for subscriber in &inner.subscribers {
            subscriber.on_event(&envelope);
        }
    }

    /// A subscriber that panicked must not take the whole session down, so a
    /// poisoned lock is used as is: its data (a counter and a list) stays valid.
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Emits on behalf of one agent.
#[derive(Clone)]
pub struct Emitter {
    bus: EventBus,
    agent: AgentId,
    parent: Option<AgentId>,
}

impl Emitter {
    pub fn emit(&self, event: Event) {
        self.bus.emit(&self.agent, self.parent.as_ref(), event);
    }

    pub fn agent(&self) -> &AgentId {
        &self.agent
    }

    /// [`EventBus::sync`], warning once if the store fails: the run is
    /// worth more than its record, so it goes on.
    pub async fn sync(&self) {
        if let Err(error) = self.bus.sync().await
            && !self.bus.sync_failed.swap(true, Ordering::SeqCst)
        {
            self.emit(Event::Warning {
                message: format!(
                    "the session store failed ({error}); the run goes on, but may not resume from here"
                ),
            });
        }
    }

    pub fn bus(&self) -> &EventBus {
        &self.bus
    }
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Count(std::sync::atomic::AtomicUsize);

    impl Subscriber for Count {
        fn on_event(&self, _: &Envelope) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn an_unsubscribed_subscriber_hears_nothing_more_and_the_others_go_on() {
        let bus = EventBus::new(SessionId::new("s"));
        let root = AgentId::new("root");
        let gone = Arc::new(Count(Default::default()));
        let kept = Arc::new(Count(Default::default()));
        let handle: Arc<dyn Subscriber> = gone.clone();
        bus.subscribe(handle.clone());
        bus.subscribe(kept.clone());
        bus.emit(&root, None, Event::TurnStarted { turn: 1 });
        bus.unsubscribe(&handle);
        bus.emit(&root, None, Event::TurnStarted { turn: 2 });
        assert_eq!(gone.0.load(Ordering::SeqCst), 1);
        assert_eq!(kept.0.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn every_subscriber_sees_every_event_in_order() {
        let bus = EventBus::new(SessionId::new("s"));
        let mut first = bus.channel();
        let emitter = bus.emitter(AgentId::new("root"), None);
        emitter.emit(Event::TurnStarted { turn: 1 });
        let mut second = bus.channel();
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let emitter = emitter.clone();
                std::thread::spawn(move || {
                    for turn in 0..100 {
                        emitter.emit(Event::TurnStarted { turn });
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        let mut seen_first = Vec::new();
        while let Ok(envelope) = first.try_recv() {
            seen_first.push(envelope.seq);
        }
        let mut seen_second = Vec::new();
        while let Ok(envelope) = second.try_recv() {
            seen_second.push(envelope.seq);
        }
        assert_eq!(seen_first, (0..401).collect::<Vec<_>>());
        assert_eq!(seen_second, (1..401).collect::<Vec<_>>());
    }
}
