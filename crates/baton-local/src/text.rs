//! Turning generated token bytes into text that is safe to stream: whole
//! UTF-8 characters only, and nothing that might be the start of a stop
//! sequence until it is known not to be.

/// Buffers token bytes and releases complete UTF-8 text.
#[derive(Default)]
pub struct Utf8Stream {
    pending: Vec<u8>,
}

impl Utf8Stream {
    /// Adds a token's bytes; returns the text that is now complete.
    pub fn push(&mut self, bytes: &[u8]) -> String {
        self.pending.extend_from_slice(bytes);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            // An incomplete character at the end waits for the next token;
            // an invalid byte in the middle is replaced, not kept forever.
            Err(error) => match error.error_len() {
                None => error.valid_up_to(),
                Some(_) => self.pending.len(),
            },
        };
        let ready: Vec<u8> = self.pending.drain(..valid).collect();
        String::from_utf8_lossy(&ready).into_owned()
    }

    /// What is left at the end of generation.
    pub fn finish(&mut self) -> String {
        let rest = std::mem::take(&mut self.pending);
        String::from_utf8_lossy(&rest).into_owned()
    }
}

/// Watches streamed text for stop sequences.
pub struct StopMatcher {
    stops: Vec<String>,
    held: String,
}

/// The result of feeding text to a [`StopMatcher`].
#[derive(Debug, PartialEq, Eq)]
pub struct Released {
    /// Text that can be shown.
    pub text: String,
    /// A stop sequence was found; generation should end.
    pub stopped: bool,
}

impl StopMatcher {
    pub fn new(stops: &[String]) -> Self {
        Self {
            stops: stops.iter().filter(|s| !s.is_empty()).cloned().collect(),
            held: String::new(),
        }
    }

    pub fn push(&mut self, text: &str) -> Released {
        self.held.push_str(text);
        if let Some(at) = self
            .stops
            .iter()
            .filter_map(|stop| self.held.find(stop.as_str()))
            .min()
        {
            let text = self.held[..at].to_owned();
            self.held.clear();
            return Released {
                text,
                stopped: true,
            };
        }
        // Hold back the longest tail that could still grow into a stop sequence.
        let keep = self
            .stops
            .iter()
            .map(|stop| longest_suffix_prefix(&self.held, stop))
            .max()
            .unwrap_or(0);
        let cut = self.held.len() - keep;
        let text = self.held[..cut].to_owned();
        self.held.drain(..cut);
        Released {
            text,
            stopped: false,
        }
    }

    pub fn finish(&mut self) -> String {
        std::mem::take(&mut self.held)
    }
}

/// The length of the longest suffix of `text` that is a proper prefix of
/// `stop`, on character boundaries.
fn longest_suffix_prefix(text: &str, stop: &str) -> usize {
    let max = stop.len().saturating_sub(1).min(text.len());
    (1..=max)
        .rev()
        .find(|&n| {
            text.is_char_boundary(text.len() - n) && stop.starts_with(&text[text.len() - n..])
        })
        .unwrap_or(0)
}

/// The length of the common prefix of two slices.
pub fn common_prefix<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multibyte_characters_split_across_tokens_are_joined() {
        let mut stream = Utf8Stream::default();
        let bytes = "é→😀".as_bytes();
        let mut out = String::new();
        for byte in bytes {
            out.push_str(&stream.push(&[*byte]));
        }
        out.push_str(&stream.finish());
        assert_eq!(out, "é→😀");
        assert_eq!(stream.push(&[0xff, b'a']), "\u{fffd}a");
    }

    #[test]
    fn stop_sequences_are_held_back_then_cut() {
        let mut matcher = StopMatcher::new(&["</answer>".into(), "###".into()]);
        assert_eq!(
            matcher.push("Paris is"),
            Released {
                text: "Paris is".into(),
                stopped: false
            }
        );
        assert_eq!(
            matcher.push(" it</ans"),
            Released {
                text: " it".into(),
                stopped: false
            }
        );
        assert_eq!(
            matcher.push("wer> trailing"),
            Released {
                text: "".into(),
                stopped: true
            }
        );

        let mut matcher = StopMatcher::new(&["###".into()]);
        assert_eq!(
            matcher.push("a#"),
            Released {
                text: "a".into(),
                stopped: false
            }
        );
        assert_eq!(
            matcher.push("b"),
            Released {
                text: "#b".into(),
                stopped: false
            }
        );
        assert_eq!(
            matcher.push("##"),
            Released {
                text: "".into(),
                stopped: false
            }
        );
        assert_eq!(matcher.finish(), "##");
    }

    #[test]
    fn the_earliest_stop_wins_and_empty_stops_are_ignored() {
        let mut matcher = StopMatcher::new(&["C".into(), "B".into(), String::new()]);
        assert_eq!(
            matcher.push("xAByC"),
            Released {
                text: "xA".into(),
                stopped: true
            }
        );
        let mut none = StopMatcher::new(&[]);
        assert_eq!(
            none.push("anything"),
            Released {
                text: "anything".into(),
                stopped: false
            }
        );
    }

    #[test]
    fn common_prefix_lengths() {
        assert_eq!(common_prefix(&[1, 2, 3], &[1, 2, 4]), 2);
        assert_eq!(common_prefix::<u8>(&[], &[1]), 0);
        assert_eq!(common_prefix(&[1, 2], &[1, 2, 3]), 2);
    }
}
