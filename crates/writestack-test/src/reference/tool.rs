//! Decoders outside Rust: the system `gzip` and Python 3's `zlib`, run as child
//! processes on the wire.
//!
//! They are required, never optional: a check that passed because its tool was missing
//! would say nothing, so a tool that cannot be started fails the test (CI installs both).

use std::io::{self, Write};
use std::process::{Command, Stdio};

/// How a tool run by [`run_tool`] ended.
#[derive(Debug)]
pub struct ToolOutput {
    /// Whether it exited with status 0.
    pub success: bool,
    /// Everything it wrote to stdout.
    pub stdout: Vec<u8>,
    /// Everything it wrote to stderr, lossily as text (for messages).
    pub stderr: String,
    /// Whether all of the input reached its stdin. A tool that stops early on corrupt
    /// input closes stdin, so callers that expect a refusal ignore this.
    pub fed: io::Result<()>,
}

/// Runs `program args` with `input` on stdin and collects what it printed.
///
/// # Panics
///
/// When `program` cannot be started (not installed, not on `PATH`) or does not run to
/// completion: the test fails, naming the tool, rather than skipping the check.
pub fn run_tool(program: &str, args: &[&str], input: &[u8]) -> ToolOutput {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| {
            panic!(
                "`{program}` could not be started ({error}): this check compares against \
                 {program} and needs it on PATH (CI installs it); it fails rather than skips"
            )
        });
    let mut stdin = child.stdin.take().expect("stdin was piped");
    // Fed from another thread: a large input would otherwise fill the stdin pipe while
    // the tool waits for us to drain its stdout, and both would block forever.
    let input = input.to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&input));
    let output = child
        .wait_with_output()
        .unwrap_or_else(|error| panic!("`{program}` did not run to completion: {error}"));
    let fed = feeder.join().expect("the stdin feeder panicked");
    ToolOutput {
        success: output.status.success(),
        stdout: output.stdout,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        fed,
    }
}

/// `gzip -dc` of `wire` (any number of members): the decoded bytes, or gzip's complaint.
///
/// # Errors
///
/// When `gzip -dc` fails: its standard error.
pub fn gzip_dc(wire: &[u8]) -> Result<Vec<u8>, String> {
    let output = run_tool("gzip", &["-dc"], wire);
    if output.success {
        Ok(output.stdout)
    } else {
        Err(format!("gzip -dc failed: {}", output.stderr))
    }
}

/// Python's `zlib.decompressobj(wbits)` over `wire`. With `complete`, the stream must end
/// exactly at the end of `wire` (`eof` set, no unused data); without, it must not have
/// ended (a flushed prefix) and everything decodable so far is returned.
///
/// # Errors
///
/// When Python's `zlib` refuses `wire`, or the stream's end is not where `complete` says:
/// Python's standard error.
pub fn python_zlib(wbits: i32, wire: &[u8], complete: bool) -> Result<Vec<u8>, String> {
    const SCRIPT: &str = "import sys, zlib\n\
        wbits, complete = int(sys.argv[1]), sys.argv[2] == '1'\n\
        d = zlib.decompressobj(wbits)\n\
        out = d.decompress(sys.stdin.buffer.read())\n\
        if complete:\n\
        \x20   out += d.flush()\n\
        \x20   assert d.eof, 'stream did not end'\n\
        \x20   assert not d.unused_data, 'bytes after the end'\n\
        else:\n\
        \x20   assert not d.eof, 'a flushed prefix ended the stream'\n\
        sys.stdout.buffer.write(out)\n";
    let wbits = wbits.to_string();
    let complete = if complete { "1" } else { "0" };
    let output = run_tool("python3", &["-c", SCRIPT, &wbits, complete], wire);
    if output.success {
        Ok(output.stdout)
    } else {
        Err(format!(
            "python3 zlib (wbits {wbits}) failed: {}",
            output.stderr
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "could not be started")]
    fn a_missing_tool_fails_the_test_instead_of_skipping_it() {
        run_tool("writestack-no-such-tool", &[], b"");
    }
}
