//! Roles: what kind of agent a delegated task gets. A role names its model
//! (or leaves it to the router), its tools, its turn limit and default
//! budget, and the instructions that open its fresh context.
//!
//! Four are built in (orchestrator, explorer, worker, reviewer). Projects
//! override or add roles in `.baton/agents/NAME.md`: front matter between
//! `---` lines, then the instructions. The front matter is flat `key: value`
//! lines, the shape other agents' agent files already use, so such files
//! mostly work as they are:
//!
//! ```text
//! ---
//! description: Finds where things are in the code base; changes nothing.
//! model: auto
//! tools: read_file, grep, glob, list
//! max_turns: 20
//! budget_usd: 0.50
//! ---
//! You are an explorer. …
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::budget::Limits;

/// Which tools a role may use, from the tools its parent has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToolSelection {
    /// Every tool the parent has.
    All,
    /// Only tools annotated read-only.
    ReadOnly,
    /// These names (a `server__*` pattern matches a whole MCP server).
    Named(Vec<String>),
}

impl ToolSelection {
    pub fn allows(&self, name: &str, read_only: bool) -> bool {
        match self {
            ToolSelection::All => true,
            ToolSelection::ReadOnly => read_only,
            ToolSelection::Named(names) => names.iter().any(|pattern| {
                pattern == name
                    || pattern
                        .strip_suffix('*')
                        .is_some_and(|prefix| name.starts_with(prefix))
            }),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RoleDef {
    pub name: String,
    pub description: String,
    /// A model name, or `auto` to let the router choose.
    pub model: String,
    pub tools: ToolSelection,
    /// Whether agents in this role get the `delegate` tool themselves
    /// (still subject to the depth limit).
    pub can_delegate: bool,
    pub max_turns: u32,
    /// Applied when a `delegate` call gives no budget of its own.
    pub budget: Limits,
    pub instructions: String,
    /// Whether project memory (AGENTS.md, .baton/memory.md) is in its
    /// system prompt.
    pub memory: bool,
    /// Completion gates its agents must pass when they say they are done:
    /// `verify` (run the tests, inspect the change for reward hacking).
    pub gates: Vec<String>,
}

/// The completion gates a role may name.
pub const GATES: &[&str] = &["critique", "verify"];

/// The role names a `delegate` call may use, with their definitions.
#[derive(Debug, Clone, Default)]
pub struct Roles {
    by_name: BTreeMap<String, RoleDef>,
}

impl Roles {
    /// The built-in roles.
    pub fn builtin() -> Self {
        let mut roles = Self::default();
        for role in builtin_roles() {
            roles.insert(role);
        }
        roles
    }

    /// Adds a role, replacing any of the same name.
    pub fn insert(&mut self, role: RoleDef) {
        self.by_name.insert(role.name.clone(), role);
    }

    pub fn get(&self, name: &str) -> Option<&RoleDef> {
        self.by_name.get(name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.by_name.keys().map(String::as_str)
    }

    pub fn iter(&self) -> impl Iterator<Item = &RoleDef> {
        self.by_name.values()
    }

    /// Reads every `*.md` file in `dir` (usually `.baton/agents`) over the
    /// current roles. A missing directory is no error.
    pub fn load_dir(&mut self, dir: &Path) -> Result<(), RoleError> {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(error) => {
                return Err(RoleError::Read {
                    path: dir.display().to_string(),
                    error: error.to_string(),
                });
            }
        };
        let mut paths: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|error| RoleError::Read {
                path: path.display().to_string(),
                error: error.to_string(),
            })?;
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_owned();
            let base = self.get(&stem).cloned();
            let role = parse_role_file(&text, &stem, base.as_ref(), &path.display().to_string())?;
            self.insert(role);
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RoleError {
    #[error("cannot read {path}: {error}")]
    Read { path: String, error: String },
    #[error("{path}:{line}: {message}")]
    Invalid {
        path: String,
        line: usize,
        message: String,
    },
}

/// Parses an agent file. `name` comes from the file name unless the front
/// matter sets one; fields it leaves out come from `base` (the built-in role
/// of that name, if any) or the worker's defaults.
pub fn parse_role_file(
    text: &str,
    name: &str,
    base: Option<&RoleDef>,
    path: &str,
) -> Result<RoleDef, RoleError> {
    let invalid = |line: usize, message: String| RoleError::Invalid {
        path: path.to_owned(),
        line,
        message,
    };
    let mut role = base.cloned().unwrap_or_else(|| RoleDef {
        name: name.to_owned(),
        description: String::new(),
        instructions: String::new(),
        // A new role gates nothing unless its file says so.
        gates: Vec::new(),
        ..worker()
    });
    let mut lines = text.lines().enumerate();
    let body_start = match lines.next() {
        Some((_, first)) if first.trim() == "---" => {
            let mut end = None;
            for (index, line) in lines.by_ref() {
                if line.trim() == "---" {
                    end = Some(index + 1);
                    break;
                }
                let trimmed = line.trim();
                if trimmed.is_empty() || trimmed.starts_with('#') {
                    continue;
                }
                let Some((key, value)) = trimmed.split_once(':') else {
                    return Err(invalid(
                        index + 1,
                        format!("expected `key: value`, found `{trimmed}`"),
                    ));
                };
                let value = unquote(value.trim());
                set_field(&mut role, key.trim(), value)
                    .map_err(|message| invalid(index + 1, message))?;
            }
            end.ok_or_else(|| invalid(1, "the front matter has no closing `---` line".into()))?
        }
        _ => 0,
    };
    let body: Vec<&str> = text.lines().skip(body_start).collect();
    let body = body.join("\n").trim().to_owned();
    if !body.is_empty() {
        role.instructions = body;
    }
    if role.instructions.is_empty() {
        return Err(invalid(
            1,
            "the role has no instructions: write them after the front matter".into(),
        ));
    }
    Ok(role)
}

fn unquote(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value)
}

fn set_field(role: &mut RoleDef, key: &str, value: &str) -> Result<(), String> {
    let number = |what: &str| -> Result<f64, String> {
        value
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && *n > 0.0)
            .ok_or_else(|| format!("`{key}` must be a positive number, not `{value}`{what}"))
    };
    match key {
        "name" => role.name = value.to_owned(),
        "description" => role.description = value.to_owned(),
        "model" => role.model = value.to_owned(),
        "tools" => {
            let list = value.trim_start_matches('[').trim_end_matches(']');
            role.tools = match list.trim() {
                "all" | "*" => ToolSelection::All,
                "read-only" | "read_only" => ToolSelection::ReadOnly,
                _ => ToolSelection::Named(
                    list.split(',')
                        .map(|t| unquote(t.trim()).to_owned())
                        .filter(|t| !t.is_empty())
                        .collect(),
                ),
            };
        }
        "delegate" | "can_delegate" => {
            role.can_delegate = match value {
                "true" | "yes" => true,
                "false" | "no" => false,
                _ => return Err(format!("`{key}` is true or false, not `{value}`")),
            }
        }
        "gates" => {
            let list = value.trim_start_matches('[').trim_end_matches(']');
            let gates: Vec<String> = list
                .split(',')
                .map(|g| unquote(g.trim()).to_owned())
                .filter(|g| !g.is_empty())
                .collect();
            if let Some(unknown) = gates.iter().find(|g| !GATES.contains(&g.as_str())) {
                return Err(format!(
                    "there is no gate `{unknown}`; the gates are: {}",
                    GATES.join(", ")
                ));
            }
            role.gates = gates;
        }
        "memory" => {
            role.memory = match value {
                "true" | "yes" => true,
                "false" | "no" => false,
                _ => return Err(format!("`{key}` is true or false, not `{value}`")),
            }
        }
        "max_turns" => role.max_turns = number("")?.round() as u32,
        "budget_usd" => role.budget.usd = Some(number("")?),
        "budget_tokens" => role.budget.tokens = Some(number("")?.round() as u64),
        "budget_seconds" => role.budget.wall_ms = Some((number("")? * 1000.0).round() as u64),
        // Other agents' files carry keys baton has no use for (colour, …).
        _ => {}
    }
    Ok(())
}

const SUBAGENT_RULES: &str = "You were started by another agent to do one task. You know only what the task says: ask nothing, work within it, and stop when it is done. Your final message is your report to that agent: say briefly what you found or did and anything it must know; name files by path (one `ARTIFACT: path` line per file you created or changed, or that holds your result) instead of pasting their contents. Keep the report short: the other agent reads every word.";

fn worker() -> RoleDef {
    RoleDef {
        name: "worker".into(),
        description:
            "Makes changes: edits files and runs commands to carry out a well-defined task.".into(),
        model: "auto".into(),
        tools: ToolSelection::All,
        can_delegate: false,
        memory: true,
        gates: vec!["verify".into()],
        max_turns: 40,
        budget: Limits::default(),
        instructions: format!(
            "You are a worker. Make the change the task asks for, check it (build, run the tests), and report what you changed. When you say you are done, baton runs the tests itself and inspects your change. Make the tests pass by fixing the code under test: never edit, delete, skip or weaken a test, and never special-case a test's inputs in the code. If a test itself looks wrong, leave it as it is and say so in your report. {SUBAGENT_RULES}"
        ),
    }
}

fn builtin_roles() -> Vec<RoleDef> {
    vec![
        RoleDef {
            name: "orchestrator".into(),
            description: "Plans, delegates the work to sub-agents, and combines their reports.".into(),
            model: "auto".into(),
            tools: ToolSelection::All,
            can_delegate: true,
            memory: true,
            gates: Vec::new(),
            max_turns: 50,
            budget: Limits::default(),
            instructions: "You are an orchestrator. Break the task into independent pieces and hand each to a sub-agent with the `delegate` tool: explorers to find and read things, workers to change things, reviewers to check work. Give each a complete, self-contained task (objective, expected output, boundaries): sub-agents see nothing of your conversation. Several `delegate` calls in one turn run in parallel. Do small things yourself. Combine the reports into your answer.".into(),
        },
        RoleDef {
            name: "explorer".into(),
            description: "Finds and reads things; cheap and read-only.".into(),
            model: "auto".into(),
            tools: ToolSelection::ReadOnly,
            can_delegate: false,
            memory: true,
            gates: Vec::new(),
            max_turns: 20,
            budget: Limits::default(),
            instructions: format!("You are an explorer. Find what the task asks for by reading, listing and searching; you cannot change anything. Report facts with the paths and line numbers they come from. {SUBAGENT_RULES}"),
        },
        worker(),
        RoleDef {
            name: "reviewer".into(),
            description: "Reviews work for bugs and for shortcuts that only look like success; read-only.".into(),
            model: "auto".into(),
            tools: ToolSelection::ReadOnly,
            can_delegate: false,
            memory: true,
            gates: Vec::new(),
            max_turns: 20,
            budget: Limits::default(),
            instructions: format!("You are a reviewer. Check the work the task describes: does it do what was asked, are there bugs, and were tests weakened, skipped or special-cased to pass? Report concrete problems with paths and lines, most serious first, or say plainly that you found none. {SUBAGENT_RULES}"),
        },
    ]
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn the_four_roles_are_built_in() {
        let roles = Roles::builtin();
        let names: Vec<&str> = roles.names().collect();
        assert_eq!(names, ["explorer", "orchestrator", "reviewer", "worker"]);
        let explorer = roles.get("explorer").unwrap();
        assert!(explorer.tools.allows("grep", true));
        assert!(!explorer.tools.allows("write_file", false));
        assert!(roles.get("orchestrator").unwrap().can_delegate);
        assert!(!roles.get("worker").unwrap().can_delegate);
    }

    #[test]
    fn agent_files_override_and_add_roles() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("explorer.md"),
            "---\nmodel: cheap\nmax_turns: 5\nbudget_usd: 0.25\ncolor: blue\nmemory: false\n---\nLook, don't touch.\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("docs-writer.md"),
            "---\ndescription: \"Writes docs\"\ntools: [read_file, write_file, git__*]\n---\nWrite clear docs.\n",
        )
        .unwrap();
        let mut roles = Roles::builtin();
        roles.load_dir(dir.path()).unwrap();
        let explorer = roles.get("explorer").unwrap();
        assert_eq!(explorer.model, "cheap");
        assert_eq!(explorer.max_turns, 5);
        assert_eq!(explorer.budget.usd, Some(0.25));
        assert!(!explorer.memory);
        // Unset fields keep the built-in's values.
        assert_eq!(explorer.tools, ToolSelection::ReadOnly);
        assert_eq!(explorer.instructions, "Look, don't touch.");
        let writer = roles.get("docs-writer").unwrap();
        assert_eq!(writer.description, "Writes docs");
        assert!(
            writer.memory,
            "project memory is on unless a role turns it off"
        );
        assert!(writer.tools.allows("git__log", true));
        assert!(!writer.tools.allows("shell", false));
        assert!(writer.tools.allows("write_file", false));
        // A missing directory is fine.
        roles.load_dir(&dir.path().join("nope")).unwrap();
    }

    #[test]
    fn bad_agent_files_name_the_file_and_line() {
        let error = parse_role_file("---\nmodel cheap\n---\nhi", "x", None, "a/x.md").unwrap_err();
        assert_eq!(
            error.to_string(),
            "a/x.md:2: expected `key: value`, found `model cheap`"
        );
        let error = parse_role_file("---\nmax_turns: -3\n---\nhi", "x", None, "x.md").unwrap_err();
        assert!(
            error
                .to_string()
                .contains("x.md:2: `max_turns` must be a positive number"),
            "{error}"
        );
        let error = parse_role_file("---\nmodel: a\n", "x", None, "x.md").unwrap_err();
        assert!(error.to_string().contains("no closing `---`"), "{error}");
        let error = parse_role_file("---\nmodel: a\n---\n", "new", None, "x.md").unwrap_err();
        assert!(error.to_string().contains("no instructions"), "{error}");
    }
}
