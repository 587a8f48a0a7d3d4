//! One detector per reward-hacking pattern.
