//! Case-blind searches for any of a fixed list of words: the quick "could
//! this name, link or line match at all?" checks of several rules.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::Anchored;

/// An automaton finding any of `words` in a text, ASCII case ignored: the
/// quick "could this name, link or line match at all?" checks of several
/// rules. The crate picks the automaton; a contiguous NFA builds faster
/// but made the whole pipeline 4% slower (callgrind, 96 dev posts).
pub(crate) fn caseless_words<I, P>(words: I) -> aho_corasick::AhoCorasick
where
    I: IntoIterator<Item = P>,
    P: AsRef<[u8]>,
{
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .expect("a list of literal words always builds")
}

/// Words to find in a text, ASCII case ignored, by stepping an automaton
/// through its bytes: for short texts (links) cheaper than a search call,
/// and a text in pieces (text nodes) is searched without joining it.
pub(crate) struct Needles {
    dfa: aho_corasick::dfa::DFA,
    start: StateID,
}

impl Needles {
    pub(crate) fn new<I, P>(words: I) -> Needles
    where
        I: IntoIterator<Item = P>,
        P: AsRef<[u8]>,
    {
        let dfa = aho_corasick::dfa::DFA::builder()
            .ascii_case_insensitive(true)
            .start_kind(aho_corasick::StartKind::Unanchored)
            .build(words)
            .expect("a list of literal words always builds");
        let start = dfa
            .start_state(Anchored::No)
            .expect("an unanchored automaton has an unanchored start");
        Needles { dfa, start }
    }

    /// The state to [`feed`](Self::feed) a text from its beginning.
    pub(crate) fn start(&self) -> StateID {
        self.start
    }

    /// True if a word occurs in `text`.
    pub(crate) fn occur_in(&self, text: &str) -> bool {
        let mut state = self.start;
        self.feed(&mut state, text.as_bytes())
    }

    /// Steps from `state` through `bytes`; true as soon as a word ends.
    pub(crate) fn feed(&self, state: &mut StateID, bytes: &[u8]) -> bool {
        for &byte in bytes {
            *state = self.dfa.next_state(Anchored::No, *state, byte);
            if self.dfa.is_match(*state) {
                return true;
            }
        }
        false
    }
}
