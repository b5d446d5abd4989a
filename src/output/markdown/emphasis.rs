//! Whether a CommonMark reader pairs the emphasis delimiters of a block as
//! they were meant. Which `*` closes which is decided by the delimiter
//! runs around them (`***` is an opening `*` and `**` at once), by the
//! characters next to each run, and by the "rule of 3"; this module runs
//! the reader's algorithm (the spec's "process emphasis", as pulldown-cmark
//! implements it) over the block's delimiters and names a mark it would
//! read otherwise, so the writer can leave that one out.

use super::escape;
use super::inline::{Mark, Token};

/// A block with more delimiters than this is written without emphasis:
/// checking it costs the square of its delimiters.
pub(super) const MAX_DELIMITERS: usize = 256;

/// The delimiter character and width of a mark, if it has delimiters.
fn delimiter(t: &Token) -> Option<(char, usize)> {
    match t {
        Token::Open(m) | Token::Close(m) => match m {
            Mark::Em => Some(('*', 1)),
            Mark::Strong => Some(('*', 2)),
            Mark::Strike => Some(('~', 2)),
            Mark::Link(..) => None,
        },
        _ => None,
    }
}

/// A run of delimiter characters next to each other.
struct Run {
    c: char,
    /// The token each character of the run comes from, in order.
    owners: Vec<usize>,
    can_open: bool,
    can_close: bool,
}

/// An opener waiting on the stack: its run, and its characters not used
/// yet (the first `count` from `start`).
#[derive(Clone, Copy)]
struct Opener {
    run: usize,
    start: usize,
    count: usize,
}

/// The index of a mark token a reader would not pair with its partner as
/// written (an opening or a closing), or `None` if every mark reads as
/// meant. `edges` gives the first and last characters a token writes.
pub(super) fn misread(
    tokens: &[Token],
    edges: &dyn Fn(Token) -> (Option<char>, Option<char>),
) -> Option<usize> {
    let partner = partners(tokens);
    // The runs, in order, and where links open and close between them.
    let mut runs: Vec<Run> = Vec::new();
    let mut steps: Vec<Step> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match (delimiter(&tokens[i]), tokens[i]) {
            (Some((c, _)), _) => {
                let mut j = i;
                let mut owners = Vec::new();
                while let Some((d, width)) = tokens.get(j).and_then(delimiter) {
                    if d != c {
                        break;
                    }
                    owners.extend(std::iter::repeat_n(j, width));
                    j += 1;
                }
                let before = i.checked_sub(1).and_then(|k| edges(tokens[k]).1);
                let after = tokens.get(j).and_then(|t| edges(*t).0);
                let Some((can_open, can_close)) =
                    escape::flanking(escape::class(before), escape::class(after))
                else {
                    // A character next to it whose class is not known.
                    return Some(i);
                };
                // Three tildes or more are text, not a delimiter.
                let inert = c == '~' && owners.len() > 2;
                runs.push(Run {
                    c,
                    owners,
                    can_open: can_open && !inert,
                    can_close: can_close && !inert,
                });
                steps.push(Step::Run(runs.len() - 1));
                i = j;
                continue;
            }
            (None, Token::Open(Mark::Link(..))) => steps.push(Step::LinkOpen),
            (None, Token::Close(Mark::Link(..))) => steps.push(Step::LinkClose),
            _ => {}
        }
        i += 1;
    }
    let pairs = pair(&runs, &steps);
    // Every pair the reader makes must be a mark with its own partner, of
    // the mark's width; and every delimiter must be used.
    let mut used = vec![0usize; tokens.len()];
    for (open, close, width) in pairs {
        let wanted = delimiter(&tokens[open]).map(|(_, w)| w);
        if partner[open] != Some(close) || wanted != Some(width) {
            return Some(open.min(close));
        }
        used[open] += width;
        used[close] += width;
    }
    (0..tokens.len()).find(|&k| delimiter(&tokens[k]).is_some_and(|(_, w)| used[k] != w))
}

/// What the pairing walks over.
enum Step {
    Run(usize),
    LinkOpen,
    LinkClose,
}

/// The partner of each opening and closing mark token.
pub(super) fn partners(tokens: &[Token]) -> Vec<Option<usize>> {
    let mut partner = vec![None; tokens.len()];
    let mut open = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        match t {
            Token::Open(_) => open.push(i),
            Token::Close(_) => {
                if let Some(o) = open.pop() {
                    partner[o] = Some(i);
                    partner[i] = Some(o);
                }
            }
            _ => {}
        }
    }
    partner
}

/// The reader's pairing: `(opening token, closing token, width)` for each
/// emphasis it makes, from the inside out.
fn pair(runs: &[Run], steps: &[Step]) -> Vec<(usize, usize, usize)> {
    let mut pairs = Vec::new();
    let mut stack: Vec<Opener> = Vec::new();
    // Where the stack stood when each open link opened: emphasis inside
    // link text pairs only inside it.
    let mut bottoms: Vec<usize> = Vec::new();
    for step in steps {
        let r = match *step {
            Step::Run(r) => r,
            Step::LinkOpen => {
                bottoms.push(stack.len());
                continue;
            }
            Step::LinkClose => {
                stack.truncate(bottoms.pop().unwrap_or(0));
                continue;
            }
        };
        let run = &runs[r];
        let len = run.owners.len();
        let both = run.can_open && run.can_close;
        let mut count = len;
        if run.can_close {
            let bottom = bottoms.last().copied().unwrap_or(0).min(stack.len());
            while count > 0 {
                let found = stack[bottom..].iter().rposition(|o| {
                    let other = &runs[o.run];
                    let other_both = other.can_open && other.can_close;
                    other.c == run.c
                        && (run.c != '~' || other.owners.len() == len)
                        && (!both && !other_both
                            || !(len + other.owners.len()).is_multiple_of(3)
                            || len.is_multiple_of(3))
                });
                let Some(k) = found.map(|k| k + bottom) else {
                    break;
                };
                let mut opener = stack[k];
                stack.truncate(k);
                let matched = count.min(opener.count);
                // From the inside out: `**` while two are left, then `*`.
                let opener_chars = &runs[opener.run].owners;
                let mut inner = opener.start + opener.count;
                let mut closer = len - count;
                let mut left = matched;
                while left > 0 {
                    let width = if left >= 2 { 2 } else { 1 };
                    let open_owner = single(&opener_chars[inner - width..inner]);
                    let close_owner = single(&run.owners[closer..closer + width]);
                    pairs.push(match (open_owner, close_owner) {
                        (Some(o), Some(c)) => (o, c, width),
                        // Characters of two marks read as one: wrong.
                        _ => (opener_chars[inner - 1], run.owners[closer], 0),
                    });
                    inner -= width;
                    closer += width;
                    left -= width;
                }
                opener.count -= matched;
                if opener.count > 0 {
                    stack.push(opener);
                }
                count -= matched;
            }
        }
        if count > 0 && run.can_open {
            stack.push(Opener {
                run: r,
                start: len - count,
                count,
            });
        }
    }
    pairs
}

/// The one token all of `owners` come from, if they come from one.
fn single(owners: &[usize]) -> Option<usize> {
    let first = *owners.first()?;
    owners.iter().all(|&o| o == first).then_some(first)
}
