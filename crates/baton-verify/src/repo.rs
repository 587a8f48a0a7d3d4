//! The git side: the repository, the base revision, the change, a worktree at the base.
