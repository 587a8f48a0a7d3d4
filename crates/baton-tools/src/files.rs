//! `read_file` and `write_file`.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;
use base64::Engine as _;
use baton_protocol::{ImageSource, ToolAnnotations, ToolOutput, ToolResultContent, ToolSpec};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::registry::{Tool, ToolContext, parse_input};
use crate::workspace::Workspace;

const DEFAULT_LIMIT: usize = 2000;
/// Longer lines are cut: they are almost always minified or generated, and
/// a single one could otherwise eat the model's whole context.
const MAX_LINE_CHARS: usize = 2000;
/// The prefix inspected for NUL bytes, the same heuristic git and ripgrep use.
const SNIFF_BYTES: usize = 8 * 1024;
const MAX_IMAGE_BYTES: u64 = 5 * 1024 * 1024;

pub struct ReadFile {
    workspace: Arc<Workspace>,
    spec: ToolSpec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadArgs {
    path: String,
    #[serde(default)]
    offset: Option<usize>,
    #[serde(default)]
    limit: Option<usize>,
}

impl ReadFile {
    pub fn new(workspace: Arc<Workspace>) -> Self {
        let spec = ToolSpec {
            name: "read_file".into(),
            description: "Read a text file from the workspace. Lines are shown with their \
                line numbers (right-aligned, then a tab), like `cat -n`; the numbers are not \
                part of the file. By default the first 2000 lines are returned; for longer \
                files call again with `offset` (1-based first line) and `limit` (number of \
                lines). Lines longer than 2000 characters are cut. PNG, JPEG, GIF and WebP \
                images are returned as images. Binary files cannot be read. Use `list` or \
                `glob` to find files, and `grep` to find text inside them."
                .into(),
            input_schema: json!({
                "type": "object",
                "properties": {
                    "path": {
                        "type": "string",
                        "description": "File path, relative to the workspace root (or absolute inside it)."
                    },
                    "offset": {
                        "type": "integer",
                        "minimum": 1,
                        "description": "1-based line number to start reading from. Default 1."
                    },
                    "limit": {
                        "type": "integer",
                        "minimum": 1,
                        "description": "Maximum number of lines to return. Default 2000."
                    }
                },
                "required": ["path"],
                "additionalProperties": false
            }),
            output_schema: None,
            annotations: ToolAnnotations {
                title: Some("Read file".into()),
                ..ToolAnnotations::read_only()
            },
        };
        Self { workspace, spec }
    }
}

#[async_trait]
impl Tool for ReadFile {
    fn spec(&self) -> &ToolSpec {
        &self.spec
    }

    async fn call(&self, input: Value, _ctx: ToolContext) -> ToolOutput {
        let args: ReadArgs = match parse_input("read_file", input) {
            Ok(args) => args,
            Err(output) => return output,
        };
        let path = match self.workspace.resolve(&args.path) {
            Ok(path) => path,
            Err(error) => return ToolOutput::error(error.to_string()),
        };
        let limit = args.limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 {
            return ToolOutput::error(
                "limit must be at least 1; omit it to read up to 2000 lines.",
            );
        }
        // offset 0 is a common off-by-one from models; it can only mean "the start".
        let offset = args.offset.unwrap_or(1).max(1);
        let shown = self.workspace.display(&path);
        let request = ReadRequest {
            path,
            shown: shown.clone(),
            offset,
            limit,
        };
        // The whole file is scanned to count its lines; keep that off the runtime.
        match tokio::task::spawn_blocking(move || read_blocking(&request)).await {
            Ok(output) => output,
            Err(error) => ToolOutput::error(format!("reading `{shown}` failed: {error}")),
        }
    }
}

struct ReadRequest {
    path: PathBuf,
    shown: String,
    offset: usize,
    limit: usize,
}

fn read_blocking(request: &ReadRequest) -> ToolOutput {
    let shown = &request.shown;
    let metadata = match std::fs::metadata(&request.path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return ToolOutput::error(format!(
                "`{shown}` does not exist; use `glob` or `list` to find the right path."
            ));
        }
        Err(error) => return ToolOutput::error(format!("cannot read `{shown}`: {error}")),
    };
    if metadata.is_dir() {
        return ToolOutput::error(format!(
            "`{shown}` is a directory, not a file; use `list` to see what it contains."
        ));
    }
    if !metadata.is_file() {
        // Reading a FIFO or a device could block forever or never end.
        return ToolOutput::error(format!(
            "`{shown}` is not a regular file (it is a device, socket or pipe); read_file only reads regular files."
        ));
    }
    match read_file_contents(request, metadata.len()) {
        Ok(output) => output,
        Err(error) => ToolOutput::error(format!("cannot read `{shown}`: {error}")),
    }
}

fn read_file_contents(request: &ReadRequest, size: u64) -> io::Result<ToolOutput> {
    let shown = &request.shown;
    let mut file = File::open(&request.path)?;
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    (&mut file)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)?;

    if let Some(media_type) = image_type(&request.path, &head) {
        if size > MAX_IMAGE_BYTES {
            return Ok(ToolOutput::error(format!(
                "`{shown}` is a {media_type} image of {size} bytes, over the 5 MiB limit for images; \
                 resize or convert it with the shell first if you need to see it."
            )));
        }
        let mut data = head;
        // Bounded even if the file grows while we read it.
        file.take(MAX_IMAGE_BYTES + 1 - data.len() as u64)
            .read_to_end(&mut data)?;
        if data.len() as u64 > MAX_IMAGE_BYTES {
            return Ok(ToolOutput::error(format!(
                "`{shown}` is larger than the 5 MiB limit for images."
            )));
        }
        let encoded = base64::engine::general_purpose::STANDARD.encode(&data);
        let mut output = ToolOutput::text(format!(
            "`{shown}`: {media_type} image, {} bytes.",
            data.len()
        ));
        output.content.push(ToolResultContent::Image {
            source: ImageSource {
                media_type: media_type.to_owned(),
                data: encoded,
            },
        });
        return Ok(output);
    }

    if head.contains(&0) {
        return Ok(ToolOutput::error(format!(
            "`{shown}` is a binary file, so read_file cannot show it. Only text files and \
             PNG/JPEG/GIF/WebP images can be read; use the shell (e.g. `file`, `xxd | head`) to inspect it."
        )));
    }

    // The sniffed bytes are chained back in front so each line is read once.
    let mut reader = BufReader::new(head.as_slice().chain(file));
    let last_wanted = request.offset.saturating_add(request.limit - 1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = Vec::new();
    let mut total = 0usize;
    loop {
        let wanted = total + 1 >= request.offset && total < last_wanted;
        // Lines outside the window are only counted, never stored.
        let keep = if wanted { MAX_LINE_CHARS * 4 + 4 } else { 0 };
        let Some(length) = read_line_capped(&mut reader, &mut line, keep)? else {
            break;
        };
        total += 1;
        if wanted {
            match render_line(&line, length) {
                Some(text) => lines.push(text),
                None => {
                    return Ok(ToolOutput::error(format!(
                        "`{shown}` is not valid UTF-8 text (line {total}); it is probably binary or in \
                         another encoding, so read_file cannot show it. Use the shell (e.g. `iconv`, `xxd`) instead."
                    )));
                }
            }
        }
    }

    if total == 0 {
        return Ok(ToolOutput::text(format!("`{shown}` is empty (0 bytes).")));
    }
    if request.offset > total {
        return Ok(ToolOutput::error(format!(
            "offset {} is past the end of `{shown}`, which has {total} {}; use an offset from 1 to {total}.",
            request.offset,
            plural(total, "line", "lines"),
        )));
    }
    let last = request.offset + lines.len() - 1;
    let mut text = number_lines(request.offset, lines.iter().map(String::as_str));
    if last < total {
        text.push_str(&format!(
            "\n[lines {}-{last} of {total}; call again with offset={} to read more]",
            request.offset,
            last + 1
        ));
    }
    Ok(ToolOutput::text(text))
}

/// Reads one line (through its `\n`) into `line`, keeping at most `keep`
/// bytes of it, so a giant single-line file cannot exhaust memory. Returns
/// the line's full length, or `None` at end of file.
fn read_line_capped(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
    keep: usize,
) -> io::Result<Option<usize>> {
    line.clear();
    let mut length = 0usize;
    loop {
        let buffer = match reader.fill_buf() {
            Ok(buffer) => buffer,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if buffer.is_empty() {
            return Ok((length > 0).then_some(length));
        }
        let (used, done) = match buffer.iter().position(|&byte| byte == b'\n') {
            Some(index) => (index + 1, true),
            None => (buffer.len(), false),
        };
        let room = keep.saturating_sub(line.len()).min(used);
        line.extend_from_slice(buffer.get(..room).unwrap_or_default());
        length += used;
        reader.consume(used);
        if done {
            return Ok(Some(length));
        }
    }
}

/// The display form of a line: terminator stripped, cut at
/// [`MAX_LINE_CHARS`]; `None` if it is not UTF-8.
fn render_line(bytes: &[u8], full_length: usize) -> Option<String> {
    let was_cut = bytes.len() < full_length;
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        // The byte cap may split a character; that is not an encoding error.
        Err(error) if was_cut && error.error_len().is_none() => {
            std::str::from_utf8(bytes.get(..error.valid_up_to()).unwrap_or_default()).ok()?
        }
        Err(_) => return None,
    };
    let text = text.strip_suffix('\n').unwrap_or(text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    match text.char_indices().nth(MAX_LINE_CHARS) {
        Some((cut, _)) => Some(format!(
            "{}… [line truncated; it is {full_length} bytes long]",
            text.get(..cut).unwrap_or_default()
        )),
        None if was_cut => Some(format!(
            "{text}… [line truncated; it is {full_length} bytes long]"
        )),
        None => Some(text.to_owned()),
    }
}

/// Formats lines like `cat -n`, numbering from `first`.
pub(crate) fn number_lines<'a>(
    first: usize,
    lines: impl ExactSizeIterator<Item = &'a str>,
) -> String {
    let count = lines.len();
    let width = (first + count.saturating_sub(1)).to_string().len();
    let mut out = String::new();
    for (index, line) in lines.enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str(&format!("{:>width$}\t{line}", first + index));
    }
    out
}

/// The image type, if the file both is named like an image and starts like
/// one: a git-LFS pointer called `logo.png` must be read as text.
fn image_type(path: &Path, head: &[u8]) -> Option<&'static str> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    let named = matches!(extension.as_str(), "png" | "jpg" | "jpeg" | "gif" | "webp");
    if !named {
        return None;
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if head.len() >= 12 && head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        Some("image/webp")
    } else {
        None
    }
}

pub(crate) fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 { one } else { many }
}

/// Lines as an editor counts them: a final line without `\n` still counts.
pub(crate) fn count_lines(text: &str) -> usize {
    let newlines = text.bytes().filter(|&byte| byte == b'\n').count();
    if text.is_empty() || text.ends_with('\n') {
        newlines
    } else {
        newlines + 1
    }
}

pub struct WriteFile {
    workspace: Arc<Workspace>,
    spec: ToolSpec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WriteArgs {
    path: String,
    content: String,
}

impl WriteFile {
    pub fn new(workspace: Arc<Workspace>) -> Self {
        let spec = ToolSpec {
            name: "write_file".into(),
            description: "Create a file, or replace an existing file's entire contents, with \
                `content`. Missing parent directories are created. Prefer `edit_file` for \
                changing part of an existing file: it is safer and cheaper. Write the file's \
                real contents only (no line numbers)."
                .into(),
            input_schema: json!({
                "type": "object",
                "properties": {
                    "path": {
                        "type": "string",
                        "description": "File path, relative to the workspace root (or absolute inside it)."
                    },
                    "content": {
                        "type": "string",
                        "description": "The complete new contents of the file."
                    }
                },
                "required": ["path", "content"],
                "additionalProperties": false
            }),
            output_schema: None,
            annotations: ToolAnnotations {
                title: Some("Write file".into()),
                ..ToolAnnotations::mutating(true, true)
            },
        };
        Self { workspace, spec }
    }
}

#[async_trait]
impl Tool for WriteFile {
    fn spec(&self) -> &ToolSpec {
        &self.spec
    }

    async fn call(&self, input: Value, _ctx: ToolContext) -> ToolOutput {
        let args: WriteArgs = match parse_input("write_file", input) {
            Ok(args) => args,
            Err(output) => return output,
        };
        let path = match self.workspace.resolve(&args.path) {
            Ok(path) => path,
            Err(error) => return ToolOutput::error(error.to_string()),
        };
        let shown = self.workspace.display(&path);
        let existed = match tokio::fs::metadata(&path).await {
            Ok(metadata) if metadata.is_dir() => {
                return ToolOutput::error(format!(
                    "`{shown}` is a directory; give the path of a file to write, e.g. `{shown}/name.ext`."
                ));
            }
            Ok(metadata) if !metadata.is_file() => {
                return ToolOutput::error(format!(
                    "`{shown}` is not a regular file (a device, socket or pipe); write_file only writes regular files."
                ));
            }
            Ok(_) => true,
            Err(error) if error.kind() == io::ErrorKind::NotFound => false,
            Err(error) => return ToolOutput::error(format!("cannot write `{shown}`: {error}")),
        };
        if let Some(parent) = path.parent()
            && let Err(error) = tokio::fs::create_dir_all(parent).await
        {
            return ToolOutput::error(format!(
                "cannot create the directory `{}` for `{shown}`: {error}",
                self.workspace.display(parent)
            ));
        }
        if let Err(error) = tokio::fs::write(&path, args.content.as_bytes()).await {
            return ToolOutput::error(format!("cannot write `{shown}`: {error}"));
        }
        let bytes = args.content.len();
        let lines = count_lines(&args.content);
        ToolOutput::text(format!(
            "{} `{shown}` ({bytes} {}, {lines} {}).",
            if existed { "Overwrote" } else { "Created" },
            plural(bytes, "byte", "bytes"),
            plural(lines, "line", "lines"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_line_reads_keep_a_prefix_and_report_the_full_length() {
        let mut reader = BufReader::with_capacity(4, &b"abcdefgh\nxy\nlast"[..]);
        let mut line = Vec::new();
        assert_eq!(
            read_line_capped(&mut reader, &mut line, 3).unwrap(),
            Some(9)
        );
        assert_eq!(line, b"abc");
        assert_eq!(
            read_line_capped(&mut reader, &mut line, 100).unwrap(),
            Some(3)
        );
        assert_eq!(line, b"xy\n");
        assert_eq!(
            read_line_capped(&mut reader, &mut line, 100).unwrap(),
            Some(4)
        );
        assert_eq!(line, b"last");
        assert_eq!(read_line_capped(&mut reader, &mut line, 100).unwrap(), None);
    }

    #[test]
    fn rendering_strips_terminators_and_cuts_long_lines_on_char_boundaries() {
        assert_eq!(render_line(b"a\r\n", 3).as_deref(), Some("a"));
        let long = "é".repeat(MAX_LINE_CHARS + 5);
        let rendered = render_line(long.as_bytes(), long.len()).unwrap();
        assert!(
            rendered.starts_with(&"é".repeat(MAX_LINE_CHARS)),
            "{rendered}"
        );
        assert!(rendered.contains("line truncated"), "{rendered}");
        // A byte cap in the middle of "é" is not an encoding error.
        let cut = &long.as_bytes()[..3];
        assert!(render_line(cut, long.len()).unwrap().starts_with('é'));
        assert_eq!(render_line(b"\xff\xfe", 2), None);
    }

    #[test]
    fn line_counting_and_numbering() {
        assert_eq!(count_lines(""), 0);
        assert_eq!(count_lines("a"), 1);
        assert_eq!(count_lines("a\n"), 1);
        assert_eq!(count_lines("a\nb"), 2);
        assert_eq!(number_lines(9, ["x", "y"].into_iter()), " 9\tx\n10\ty");
    }

    #[test]
    fn images_need_both_the_name_and_the_magic() {
        let png = b"\x89PNG\r\n\x1a\nrest";
        assert_eq!(image_type(Path::new("a.PNG"), png), Some("image/png"));
        assert_eq!(image_type(Path::new("a.txt"), png), None);
        assert_eq!(
            image_type(Path::new("a.png"), b"version https://git-lfs"),
            None
        );
        assert_eq!(
            image_type(Path::new("a.webp"), b"RIFF\0\0\0\0WEBPVP8 "),
            Some("image/webp")
        );
    }
}
