//! Hostile input, end to end through the built binary: every bad file ends in a clear error
//! that names it (with line and column where known) and exit status 2, the other files of the
//! run are still linted, and nothing panics, hangs or blocks. Messages are compared exactly:
//! they are what a seller reads.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_sellerlint");

/// A fresh directory for one test.
fn dir(test: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile")
        .join(test);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("create test dir");
    d
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write test file");
    p
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary in `cwd` and waits at most two minutes (a hang guard, not a timing test:
/// a child that has not finished by then is killed and the test fails).
fn run_in(cwd: &Path, args: &[&str]) -> Out {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn sellerlint");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stdout.read_to_end(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stderr.read_to_end(&mut s);
        s
    });
    let status = wait_or_kill(&mut child, args);
    let stdout = String::from_utf8_lossy(&out_reader.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned();
    assert!(
        !stderr.contains("panicked") && status != 101,
        "sellerlint panicked on {args:?}:\n{stderr}"
    );
    Out {
        code: status,
        stdout,
        stderr,
    }
}

fn wait_or_kill(child: &mut std::process::Child, args: &[&str]) -> i32 {
    for _ in 0..1200 {
        if let Some(status) = child.try_wait().expect("wait") {
            return status.code().unwrap_or(-1);
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    panic!("sellerlint did not finish within two minutes on {args:?}");
}

fn check(cwd: &Path, files: &[&str]) -> Out {
    let mut args = vec!["check", "--color", "never"];
    args.extend_from_slice(files);
    run_in(cwd, &args)
}

/// The first line of the report must be exactly `expected`, the run must fail with status 2.
fn assert_error(out: &Out, expected: &str) {
    assert_eq!(out.code, 2, "exit status\n{}{}", out.stdout, out.stderr);
    let first = out.stdout.lines().next().unwrap_or("");
    assert_eq!(first, expected, "\nwhole output:\n{}", out.stdout);
}

/// The error line and the help line that follows its code frame.
fn assert_error_help(out: &Out, expected: &str, help: &str) {
    assert_error(out, expected);
    let got = out
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("= help: "))
        .unwrap_or("")
        .trim_start();
    assert_eq!(
        got,
        format!("= help: {help}"),
        "\nwhole output:\n{}",
        out.stdout
    );
}

const GOOD: &str = "sequence: Follow-up
marketplace: amazon.com
messages:
  - id: thanks
    trigger: delivered
    delay: 7d
    body: |
      Which engraving font would you like for order {{order_id}}: script or block?
";

/// A valid file with one finding (a shipping confirmation).
const FIRES: &str = "sequence: Shipping
messages:
  - id: shipped
    body: Good news, your order {{order_id}} has shipped!
";

fn seq(messages_yaml: &str) -> String {
    format!("sequence: T\nmessages:\n{messages_yaml}")
}

// ---- encodings -------------------------------------------------------------------------

#[test]
fn invalid_utf8_names_line_column_and_byte_offset() {
    let d = dir("invalid_utf8");
    write(
        &d,
        "latin1.yaml",
        b"sequence: T\nmessages:\n  - id: a\n    body: \"caf\xe9\"\n",
    );
    let out = check(&d, &["latin1.yaml"]);
    assert_error_help(
        &out,
        "latin1.yaml:4:15: error: the file is not valid UTF-8: byte 0xE9 at byte offset 46 is not part of a UTF-8 character",
        "save the file as UTF-8 (most editors offer the encoding in \"Save as\")",
    );
}

#[test]
fn invalid_utf8_after_a_bom_counts_columns_without_it() {
    let d = dir("invalid_utf8_bom");
    write(&d, "x.yaml", b"\xef\xbb\xbfsequence: \xff\n");
    let out = check(&d, &["x.yaml"]);
    assert_error(
        &out,
        "x.yaml:1:11: error: the file is not valid UTF-8: byte 0xFF at byte offset 13 is not part of a UTF-8 character",
    );
}

#[test]
fn bom_and_crlf_lint_normally_with_the_same_positions() {
    let d = dir("bom_crlf");
    let crlf = FIRES.replace('\n', "\r\n");
    write(&d, "lf.yaml", FIRES);
    write(&d, "bom-crlf.yaml", format!("\u{feff}{crlf}"));
    let json = |name: &str| {
        let out = run_in(&d, &["check", "--format", "json", name]);
        assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
        let diags = v["diagnostics"].as_array().cloned().unwrap_or_default();
        assert_eq!(diags.len(), 1, "{}", out.stdout);
        let d = &diags[0];
        (
            d["rule"].clone(),
            d["line"].clone(),
            d["column"].clone(),
            d["end_line"].clone(),
        )
    };
    let lf = json("lf.yaml");
    assert_eq!(lf.0, "unsolicited/order-confirmation");
    assert_eq!(lf.1, 4);
    assert_eq!(json("bom-crlf.yaml"), lf);
}

#[test]
fn bom_and_crlf_errors_point_at_the_right_column() {
    let d = dir("bom_crlf_errors");
    let text = "\u{feff}sequence: [1]\r\nmessages:\r\n  - id: a\r\n    body: hi\r\n";
    write(&d, "a.yaml", text);
    assert_error(
        &check(&d, &["a.yaml"]),
        "a.yaml:1:11: error: `sequence` must be text (the sequence's name), not a list",
    );
    let text = "\u{feff}sequence: T\r\nmarketplace: amazon.cm\r\nmessages:\r\n  - id: a\r\n    body: hi\r\n";
    write(&d, "b.yaml", text);
    assert_error_help(
        &check(&d, &["b.yaml"]),
        "b.yaml:2:14: error: unknown marketplace `amazon.cm`",
        "did you mean `amazon.com`?",
    );
}

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xFF, 0xFE] } else { vec![] };
    for u in text.encode_utf16() {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

fn utf16be(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        out.extend_from_slice(&u.to_be_bytes());
    }
    out
}

#[test]
fn utf16_and_utf32_files_are_refused_by_name() {
    let d = dir("utf16");
    write(&d, "le.yaml", utf16le(GOOD, true));
    write(&d, "be.yaml", utf16be(GOOD));
    write(&d, "nobom.yaml", utf16le(GOOD, false));
    let mut utf32 = vec![0xFF, 0xFE, 0, 0];
    for c in GOOD.chars() {
        utf32.extend_from_slice(&(c as u32).to_le_bytes());
    }
    write(&d, "utf32.yaml", utf32);
    for (file, encoding) in [
        ("le.yaml", "UTF-16 (little-endian)"),
        ("be.yaml", "UTF-16 (big-endian)"),
        (
            "nobom.yaml",
            "UTF-16 (little-endian, without a byte-order mark)",
        ),
        ("utf32.yaml", "UTF-32 (little-endian)"),
    ] {
        assert_error(
            &check(&d, &[file]),
            &format!("{file}: error: the file is {encoding}; save it as UTF-8 and lint it again"),
        );
    }
}

#[test]
fn binary_files_are_refused() {
    let d = dir("binary");
    let mut bytes = b"\x7fELF\x02\x01\x01\x00\x00\x00".to_vec();
    bytes.extend((0u8..=255).cycle().take(4000));
    write(&d, "prog.yaml", bytes);
    assert_error(
        &check(&d, &["prog.yaml"]),
        "prog.yaml: error: the file looks binary (a NUL byte at byte offset 7); sequence files are UTF-8 text",
    );
    // A NUL deep inside otherwise valid text is found too, with its position.
    let mut text = GOOD.as_bytes().to_vec();
    text.extend(std::iter::repeat_n(b'#', 9000));
    text.extend(b"\nx: \x00\n");
    write(&d, "late.yaml", text);
    assert_error(
        &check(&d, &["late.yaml"]),
        &format!(
            "late.yaml:10:4: error: the file holds a NUL character (byte offset {}); sequence files are text",
            GOOD.len() + 9000 + 4
        ),
    );
}

// ---- empty and degenerate files ----------------------------------------------------------

#[test]
fn empty_and_comment_only_files_hold_no_sequence() {
    let d = dir("empty");
    write(&d, "empty.yaml", "");
    write(&d, "comments.yaml", "# a comment\n# another\n");
    write(&d, "dashes.yaml", "---\n...\n");
    write(&d, "blank.yaml", "\n\n   \n");
    for f in ["empty.yaml", "comments.yaml", "dashes.yaml", "blank.yaml"] {
        assert_error(
            &check(&d, &[f]),
            &format!("{f}: error: the file holds no sequence (it is empty or only has comments)"),
        );
    }
}

// ---- resource bombs ----------------------------------------------------------------------

#[test]
fn alias_expansion_is_stopped_with_a_plain_message() {
    let d = dir("aliases");
    // 1 MiB of text repeated 80 times through an alias: 80 MiB from a 1 MiB file.
    let body = "Thank you. ".repeat(100_000);
    let mut text = format!("sequence: x\nmessages:\n  - id: m0\n    body: &b {body}\n");
    for i in 1..80 {
        text.push_str(&format!("  - id: m{i}\n    body: *b\n"));
    }
    write(&d, "expand.yaml", &text);
    let out = check(&d, &["expand.yaml"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    let first = out.stdout.lines().next().unwrap_or("");
    assert!(
        first.starts_with("expand.yaml:")
            && first.ends_with(": error: the file's text adds up to more than 64 MiB (every alias `*name` counts again)"),
        "{first}"
    );
    assert!(out
        .stdout
        .contains("the value comes from the anchor (`&`) on line 4"));

    // Many aliases of few anchors (the shape of a "billion laughs" file).
    let mut text = "sequence: x\nmessages:\n  - id: m0\n    body: &b hi\n".to_string();
    for i in 1..150 {
        text.push_str(&format!("  - id: m{i}\n    body: *b\n"));
    }
    write(&d, "laughs.yaml", &text);
    let out = check(&d, &["laughs.yaml"]);
    assert_eq!(out.code, 2);
    let first = out.stdout.lines().next().unwrap_or("");
    assert!(
        first.starts_with("laughs.yaml:") && first.ends_with(": error: the file repeats anchored values (`&name` … `*name`) too often: it would expand to far more than it holds (a \"billion laughs\" file?)"),
        "{first}"
    );
}

#[test]
fn the_classic_billion_laughs_is_refused() {
    let d = dir("billion_laughs");
    let mut text = String::from("sequence: x\nmessages:\n  - id: a\n    body: hi\n    allow: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for k in 1..10 {
        let refs = vec![format!("*a{}", k - 1); 9].join(", ");
        text.push_str(&format!(
            "  - id: b{k}\n    body: hi\n    allow: &a{k} [{refs}]\n"
        ));
    }
    write(&d, "lol.yaml", &text);
    let out = check(&d, &["lol.yaml"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stdout.starts_with("lol.yaml:"), "{}", out.stdout);
}

#[test]
fn deep_nesting_is_refused_in_plain_words() {
    let d = dir("deep");
    let flow = format!(
        "sequence: x\nmessages: {}{}\n",
        "[".repeat(300),
        "]".repeat(300)
    );
    write(&d, "flow.yaml", flow);
    let out = check(&d, &["flow.yaml"]);
    assert_eq!(out.code, 2);
    let first = out.stdout.lines().next().unwrap_or("");
    assert!(
        first.starts_with("flow.yaml:2:")
            && first.ends_with(
                ": error: the YAML is nested too deeply (too many `[` or `{` inside each other)"
            ),
        "{first}"
    );
    let mut block = String::from("sequence: x\nmessages:\n  - id: a\n    body: hi\n    allow:\n");
    for level in 0..100 {
        block.push_str(&format!("{}k{level}:\n", "  ".repeat(level + 3)));
    }
    write(&d, "block.yaml", block);
    let out = check(&d, &["block.yaml"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stdout.starts_with("block.yaml:"), "{}", out.stdout);
}

#[test]
fn a_20_mib_single_line_body_is_linted() {
    let d = dir("big_body");
    let body = "Please confirm the engraving text for order 111-2223334-4445556. "
        .repeat(20 * 1024 * 1024 / 66);
    write(
        &d,
        "big.yaml",
        format!("sequence: Big\nmessages:\n  - id: a\n    body: {body}\n"),
    );
    let out = check(&d, &["big.yaml"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout.ends_with("\nNo problems in 1 file.\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_50_mib_file_is_refused_above_the_size_limit() {
    let d = dir("big_file");
    let message = "  - id: m\n    body: |\n      Hello, thanks for your order. We hope you enjoy it. Kind regards.\n";
    let mut text = String::from("sequence: Many\nmessages:\n");
    let mut i = 0;
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&message.replace("id: m", &format!("id: m{i}")));
        i += 1;
    }
    write(&d, "big.yaml", &text);
    let size = text.len();
    assert_error(
        &check(&d, &["big.yaml"]),
        &format!("big.yaml: error: the file is {size} bytes, more than the limit of 33554432 bytes (32 MiB); raise it with --max-file-size if it is meant to be this large"),
    );
    // Raised, the file is read (the parser's value budget scales with the file size); how fast
    // is the benchmark's business (benches/compare.sh), not a test's.
}

// ---- syntax ------------------------------------------------------------------------------

#[test]
fn tabs_in_indentation() {
    let d = dir("tabs");
    write(
        &d,
        "t.yaml",
        "sequence: T\nmessages:\n\t- id: a\n\t  body: hi\n",
    );
    assert_error_help(
        &check(&d, &["t.yaml"]),
        "t.yaml:3:2: error: a tab is used to indent here; YAML indents with spaces only",
        "replace the tabs at the start of the line with spaces",
    );
}

#[test]
fn unterminated_quotes_and_block_scalars() {
    let d = dir("unterminated");
    write(
        &d,
        "dq.yaml",
        "sequence: \"T\nmessages:\n  - id: a\n    body: hi\n",
    );
    assert_error_help(
        &check(&d, &["dq.yaml"]),
        "dq.yaml:1:11: error: a quoted value starts here and its closing quote is missing",
        "add the closing quote; inside '…' write a quote as '', inside \"…\" as \\\"",
    );
    write(
        &d,
        "sq.yaml",
        "sequence: T\nmessages:\n  - id: a\n    body: 'it''s\n",
    );
    assert_error(
        &check(&d, &["sq.yaml"]),
        "sq.yaml:4:11: error: a quoted value starts here and its closing quote is missing",
    );
    // A block scalar cut off after its indicator is an empty body.
    write(
        &d,
        "block.yaml",
        "sequence: T\nmessages:\n  - id: a\n    body: |\n",
    );
    assert_error_help(
        &check(&d, &["block.yaml"]),
        "block.yaml:4:11: error: `body` is empty",
        "write the text of the email after `body:`, or `body: |` and the text on indented lines below",
    );
    write(
        &d,
        "flow.yaml",
        "sequence: T\nmessages: [{id: a, body: hi}\n",
    );
    let out = check(&d, &["flow.yaml"]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.starts_with("flow.yaml:"), "{}", out.stdout);
}

#[test]
fn duplicate_keys() {
    let d = dir("dup_keys");
    write(
        &d,
        "d.yaml",
        seq("  - id: a\n    body: hi\n    body: again\n"),
    );
    assert_error_help(
        &check(&d, &["d.yaml"]),
        "d.yaml:5:5: error: `body` is written twice in the same mapping",
        "YAML would keep only one of the two values and silently drop the other: remove or rename one",
    );
}

// ---- paths -------------------------------------------------------------------------------

#[test]
fn nonexistent_paths_and_empty_directories() {
    let d = dir("paths");
    std::fs::create_dir_all(d.join("empty-dir")).expect("mkdir");
    assert_error(
        &check(&d, &["nope.yaml"]),
        "nope.yaml: error: no such file or directory",
    );
    assert_error(
        &check(&d, &["empty-dir"]),
        "empty-dir: error: no sequence files (*.yaml, *.yml) in this directory",
    );
    write(&d, "file.yaml", GOOD);
    assert_error(
        &check(&d, &["file.yaml/inner.yaml"]),
        "file.yaml/inner.yaml: error: a part of this path is a file, not a directory",
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops() {
    let d = dir("symlinks");
    std::os::unix::fs::symlink("b.yaml", d.join("a.yaml")).expect("symlink");
    std::os::unix::fs::symlink("a.yaml", d.join("b.yaml")).expect("symlink");
    assert_error(
        &check(&d, &["a.yaml"]),
        "a.yaml: error: a loop of symbolic links (the link points, directly or not, to itself)",
    );
    // Walking a directory does not follow links, so the loop is not even seen there.
    write(&d, "good.yaml", GOOD);
    let out = check(&d, &["."]);
    assert_eq!(out.code, 0, "{}", out.stdout);
}

#[cfg(unix)]
#[test]
fn unreadable_files() {
    use std::os::unix::fs::PermissionsExt;
    let d = dir("unreadable");
    let p = write(&d, "secret.yaml", GOOD);
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&p).is_ok() {
        // Running as root (as CI does): permissions are not enforced, nothing to assert.
        println!("note: running as root, file permissions are not enforced; skipping the permission-denied assertion");
        let out = check(&d, &["secret.yaml"]);
        assert_eq!(out.code, 0, "{}", out.stdout);
        return;
    }
    assert_error(
        &check(&d, &["secret.yaml"]),
        "secret.yaml: error: permission denied",
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_or_device_is_refused_without_blocking() {
    let d = dir("fifo");
    let status = Command::new("mkfifo").arg(d.join("pipe.yaml")).status();
    if status.is_ok_and(|s| s.success()) {
        // Nobody ever writes to the FIFO: opening it would block forever.
        assert_error(
            &check(&d, &["pipe.yaml"]),
            "pipe.yaml: error: is not a regular file (a FIFO, socket or device); sequence files are regular files",
        );
    } else {
        println!("note: mkfifo is not available; skipping the FIFO case");
    }
    assert_error(
        &check(&d, &["/dev/null"]),
        "/dev/null: error: is not a regular file (a FIFO, socket or device); sequence files are regular files",
    );
}

#[test]
fn other_files_are_still_linted() {
    let d = dir("others");
    write(&d, "a-binary.yaml", b"\x00\x01\x02");
    write(&d, "b-broken.yaml", "sequence: \"T\n");
    write(&d, "c-fires.yaml", FIRES);
    write(&d, "d-good.yaml", GOOD);
    let out = check(&d, &["."]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out
        .stdout
        .contains("a-binary.yaml: error: the file looks binary"));
    assert!(out.stdout.contains("b-broken.yaml:1:11: error:"));
    assert!(
        out.stdout
            .contains("c-fires.yaml:4:27: error[unsolicited/order-confirmation]:"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.ends_with(
            "1 problem (1 error) in 1 file.\n2 files could not be linted (see the errors above).\n"
        ),
        "{}",
        out.stdout
    );
    let json = run_in(&d, &["check", "--format", "json", "."]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["diagnostics"].as_array().map(Vec::len), Some(1));
}

// ---- a closed stdout ---------------------------------------------------------------------

/// Runs with stdout going to a pipe whose reader reads `keep` bytes, then closes it.
fn run_with_closed_stdout(cwd: &Path, args: &[&str], keep: usize) -> (i32, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut buf = vec![0u8; keep];
    let _ = stdout.read_exact(&mut buf);
    drop(stdout);
    let mut stderr = child.stderr.take().expect("stderr");
    let code = wait_or_kill(&mut child, args);
    let mut err = String::new();
    let _ = stderr.read_to_string(&mut err);
    (code, err)
}

#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    let d = dir("closed_stdout");
    // Far more output than a pipe buffers (64 KiB), so writes meet the closed pipe.
    let messages: String = (0..40)
        .map(|i| {
            format!("  - id: m{i}\n    body: Good news, your order {{order_id}} has shipped!\n")
        })
        .collect();
    for f in 0..60 {
        write(
            &d,
            &format!("f{f}.yaml"),
            format!("sequence: S\nmessages:\n{messages}"),
        );
    }
    for args in [
        vec!["check", "--color", "never", "."],
        vec!["check", "--format", "json", "."],
        vec!["check", "--color", "always", "."],
    ] {
        let (code, stderr) = run_with_closed_stdout(&d, &args, 10);
        assert_eq!(stderr, "", "{args:?} wrote to stderr");
        assert_eq!(
            code, 1,
            "{args:?}: the exit status still reports the findings"
        );
    }
    for args in [
        vec!["--help"],
        vec!["check", "--help"],
        vec!["rules"],
        vec!["profiles"],
    ] {
        let (code, stderr) = run_with_closed_stdout(&d, &args, 0);
        assert_eq!(stderr, "", "{args:?} wrote to stderr");
        assert_eq!(code, 0, "{args:?}");
    }
}

// ---- error quality: validation messages ----------------------------------------------------

#[test]
fn unknown_fields_suggest_the_field_meant() {
    let d = dir("unknown_fields");
    write(
        &d,
        "seq.yaml",
        "sequence: T\nmesages:\n  - id: a\n    body: hi\n",
    );
    assert_error_help(
        &check(&d, &["seq.yaml"]),
        "seq.yaml:2:1: error: unknown field `mesages`",
        "did you mean `messages`?",
    );
    write(&d, "msg.yaml", seq("  - id: a\n    bdy: hi\n"));
    assert_error_help(
        &check(&d, &["msg.yaml"]),
        "msg.yaml:4:5: error: unknown field `bdy`",
        "did you mean `body`?",
    );
    write(
        &d,
        "far.yaml",
        seq("  - id: a\n    body: hi\n    colour: red\n"),
    );
    assert_error_help(
        &check(&d, &["far.yaml"]),
        "far.yaml:5:5: error: unknown field `colour`",
        "the fields here are `id`, `trigger`, `delay`, `subject`, `format`, `attachments`, `purpose`, `body`, `allow`",
    );
}

#[test]
fn missing_required_fields() {
    let d = dir("missing");
    for (name, text, line_col, field, help) in [
        (
            "seq.yaml",
            "messages:\n  - id: a\n    body: hi\n".to_string(),
            "1:1",
            "sequence",
            "every sequence needs a name: `sequence: Post-purchase follow-up`",
        ),
        (
            "msgs.yaml",
            "sequence: T\n".to_string(),
            "1:1",
            "messages",
            "a sequence needs `messages:`, a list of at least one message",
        ),
        (
            "id.yaml",
            seq("  - body: hi\n"),
            "3:5",
            "id",
            "every message needs an `id`, unique in its sequence: `id: thank-you`",
        ),
        (
            "body.yaml",
            seq("  - id: a\n"),
            "3:5",
            "body",
            "every message needs a `body`: the text of the email",
        ),
    ] {
        write(&d, name, text);
        assert_error_help(
            &check(&d, &[name]),
            &format!("{name}:{line_col}: error: missing required field `{field}`"),
            help,
        );
    }
    write(&d, "none.yaml", "sequence: T\nmessages: []\n");
    assert_error(
        &check(&d, &["none.yaml"]),
        "none.yaml:2:11: error: `messages` is empty: a sequence needs at least one message",
    );
    write(&d, "nullbody.yaml", seq("  - id: a\n    body:\n"));
    assert_error(
        &check(&d, &["nullbody.yaml"]),
        "nullbody.yaml:4:9: error: `body` is empty",
    );
}

#[test]
fn duplicate_message_ids() {
    let d = dir("dup_ids");
    write(
        &d,
        "d.yaml",
        seq("  - id: a\n    body: hi\n  - id: a\n    body: yo\n"),
    );
    assert_error_help(
        &check(&d, &["d.yaml"]),
        "d.yaml:5:9: error: duplicate message id `a` (first used on line 3)",
        "give every message of a sequence its own id",
    );
}

#[test]
fn bad_durations() {
    let d = dir("durations");
    for (delay, message) in [
        ("7", "bad delay: `7` has no unit: write `7h`, `7d` or `7w` (hours, days, weeks)"),
        ("7x", "bad delay: unknown duration unit `x` in `7x`: use `h` (hours), `d` (days) or `w` (weeks)"),
        ("soon", "bad delay: `soon` is not a duration: write a whole number and a unit, like `36h`, `7d` or `2w`"),
        ("99999999999999999999d", "bad delay: `99999999999999999999d` is too large a duration"),
        ("9999w", "bad delay: `9999w` is longer than ten years"),
    ] {
        write(&d, "d.yaml", seq(&format!("  - id: a\n    delay: {delay}\n    body: hi\n")));
        assert_error(&check(&d, &["d.yaml"]), &format!("d.yaml:4:12: error: {message}"));
    }
}

#[test]
fn wrong_types_say_what_the_field_must_be() {
    let d = dir("types");
    for (text, expected, help) in [
        (
            seq("  - id: a\n    attachments: foo.pdf\n    body: hi\n"),
            "4:18: error: `attachments` must be a list of file names, not a single value",
            "write `attachments: [care-guide.pdf]` (a list, even for one file)",
        ),
        (
            "sequence: T\nmessages: {}\n".to_string(),
            "2:11: error: `messages` must be a list of messages, not a mapping",
            "write each message as a list item: `- id: thank-you` on its own line, its other fields indented below it",
        ),
        (
            "sequence: T\nmessages:\n  id: a\n  body: hi\n".to_string(),
            "3:3: error: `messages` must be a list of messages, not a mapping",
            "write each message as a list item: `- id: thank-you` on its own line, its other fields indented below it",
        ),
        (
            "sequence: T\nmessages: hello\n".to_string(),
            "2:11: error: `messages` must be a list of messages, not a single value",
            "write each message as a list item: `- id: thank-you` on its own line, its other fields indented below it",
        ),
        (
            seq("  - id: a\n    body:\n      text: hi\n"),
            "5:7: error: `body` must be text, not a mapping",
            "write the text after the colon, or `|` and the text on indented lines below; quote a text that starts with `[`, `{`, `*`, `&`, `!`, `%`, `@` or a quote",
        ),
        (
            seq("  - id: a\n    body: [hi]\n"),
            "4:11: error: `body` must be text, not a list",
            "write the text after the colon, or `|` and the text on indented lines below; quote a text that starts with `[`, `{`, `*`, `&`, `!`, `%`, `@` or a quote",
        ),
        (
            seq("  - id: a\n    body: hi\n    attachments:\n      - [a.pdf]\n"),
            "6:9: error: each item of `attachments` must be a file name, not a list",
            "write `attachments: [care-guide.pdf, manual.pdf]`",
        ),
        (
            seq("  - id: a\n    body: hi\n    allow: review/gating\n"),
            "5:12: error: `allow` must be a list of rule ids, not a single value",
            "write `allow: [review/gating]` (a list, even for one rule)",
        ),
        (
            "sequence: T\nmessages:\n  - just a string\n".to_string(),
            "3:5: error: each item of `messages` must be a message (`id:`, `body:` and the other fields, indented under the `-`), not a single value",
            "write `- id: thank-you` and, indented below it, `body: |` and the text",
        ),
    ] {
        write(&d, "t.yaml", &text);
        let out = check(&d, &["t.yaml"]);
        if help.is_empty() {
            assert_error(&out, &format!("t.yaml:{expected}"));
        } else {
            assert_error_help(&out, &format!("t.yaml:{expected}"), help);
        }
    }
}

#[test]
fn unknown_marketplace_trigger_format_and_language() {
    let d = dir("unknown_values");
    let text = "sequence: T\nmarketplace: amazon.cm\nlanguage: xx\nmessages:\n  - id: a\n    trigger: deliverd\n    format: markdown\n    body: hi\n";
    write(&d, "u.yaml", text);
    let out = check(&d, &["u.yaml"]);
    assert_eq!(out.code, 2);
    let lines: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("u.yaml:") || l.starts_with("  = help"))
        .collect();
    assert_eq!(
        lines,
        [
            "u.yaml:2:14: error: unknown marketplace `amazon.cm`",
            "  = help: did you mean `amazon.com`?",
            "u.yaml:3:11: error: unknown language `xx`",
            "  = help: use a two-letter language code: en, de, fr, es, it, ja, nl, sv, pl, tr, ar, pt, zh",
            "u.yaml:6:14: error: unknown trigger `deliverd`",
            "  = help: did you mean `delivered`?",
            "u.yaml:7:13: error: unknown format `markdown`",
            "  = help: use `text` or `html`",
        ]
    );
}

#[test]
fn errors_in_a_later_document_point_into_it() {
    let d = dir("multi_doc");
    write(
        &d,
        "m.yaml",
        format!(
            "{GOOD}---\nsequence: Two\nmessages:\n  - id: a\n    trigger: later\n    body: hi\n"
        ),
    );
    assert_error(
        &check(&d, &["m.yaml"]),
        "m.yaml:13:14: error: unknown trigger `later`",
    );
}

// ---- stdin -------------------------------------------------------------------------------

#[test]
fn stdin_is_checked_like_a_file() {
    let d = dir("stdin");
    let mut child = Command::new(BIN)
        .args([
            "check",
            "--color",
            "never",
            "--stdin-filename",
            "in.yaml",
            "-",
        ])
        .current_dir(&d)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(&utf16le(GOOD, true));
    }
    let output = child.wait_with_output().expect("wait");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stdout.lines().next(),
        Some("in.yaml: error: the file is UTF-16 (little-endian); save it as UTF-8 and lint it again")
    );
}

// ---- custom rule files ---------------------------------------------------------------------

mod rule_files {
    use sellerlint::rules::phrase::PhraseRule;

    fn rule(patterns: &str) -> String {
        format!(
            "id: custom/test\nseverity: warning\nsummary: says hello\nwhy: because\nsource: https://example.invalid\nfix: do not\npatterns:\n  en:\n{patterns}"
        )
    }

    fn load_error(text: &str) -> String {
        match PhraseRule::load("packs/custom.yaml", text) {
            Ok(_) => String::from("(loaded)"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn an_invalid_regex_names_the_file_line_and_problem() {
        let text = rule("    - '\\bhello\\b'\n    - '(unclosed'\n");
        assert_eq!(
            load_error(&text),
            "packs/custom.yaml:10:8: patterns for `en`: pattern \"(unclosed\": invalid regex: unclosed group"
        );
        let text = rule("    - \"a\\\\\"\n");
        assert_eq!(
            load_error(&text),
            "packs/custom.yaml:9:8: patterns for `en`: pattern \"a\\\\\": invalid regex: incomplete escape sequence, reached end of pattern prematurely"
        );
    }

    #[test]
    fn a_short_bad_pattern_is_found_on_its_own_line() {
        // `(` also occurs in `summary`; the error must point at the pattern's line.
        let text = rule("    - hello\n    - (\n").replace("says hello", "says (hello");
        assert_eq!(
            load_error(&text),
            "packs/custom.yaml:10:7: patterns for `en`: pattern \"(\": invalid regex: unclosed group"
        );
    }

    #[test]
    fn a_catastrophic_regex_stays_linear() {
        // Exponential in a backtracking engine; the regex crate runs it in linear time.
        let text = rule("    - '(a+)+$'\n    - '(x|x|x)*y'\n");
        let rule = PhraseRule::load("packs/custom.yaml", &text);
        assert!(rule.is_ok(), "{:?}", rule.err());
        let haystack = format!("{}!", "a".repeat(50_000));
        let view = sellerlint::text::TextView::plain(&haystack);
        let hits = rule
            .map(|r| r.find_in_text(&view, &["en".to_string()]))
            .unwrap_or_default();
        assert_eq!(hits.len(), 0);
    }

    #[test]
    fn an_oversized_regex_is_refused_in_words() {
        let text = rule("    - '\\w{1000}\\w{1000}\\w{1000}'\n");
        assert_eq!(
            load_error(&text),
            "packs/custom.yaml:9:8: patterns for `en`: pattern \"\\\\w{1000}\\\\w{1000}\\\\w{1000}\": the pattern is too large once compiled (over 4 MiB): use smaller repetition counts or fewer alternatives"
        );
    }

    #[test]
    fn extremely_long_lines_load_or_fail_cleanly() {
        // A 1 MiB line of 100,000 alternatives still compiles (the regex crate builds it lazily).
        let words: Vec<String> = (0..100_000).map(|i| format!("w{i}")).collect();
        let long = words.join("|");
        assert_eq!(
            load_error(&rule(&format!("    - '\\b(?:{long})\\b'\n"))),
            "(loaded)"
        );
        // A long line that cannot compile is reported with a shortened pattern.
        let err = load_error(&rule(&format!("    - '({long}'\n")));
        assert!(
            err.starts_with("packs/custom.yaml:9:8: patterns for `en`: pattern \"(w0|w1|w2|")
                && err.ends_with("…\": invalid regex: unclosed group"),
            "{err}"
        );
        assert!(
            err.len() < 400,
            "the error repeats the whole pattern: {} bytes",
            err.len()
        );
        // A long but reasonable phrase list loads.
        let phrases: String = (0..2000)
            .map(|i| format!("    - phrase: word{i}\n"))
            .collect();
        assert_eq!(load_error(&rule(&phrases)), "(loaded)");
        // A 2 MiB comment line is no problem.
        let text = format!("# {}\n{}", "x".repeat(2 << 20), rule("    - hello\n"));
        assert_eq!(load_error(&text), "(loaded)");
    }
}

// ---- long lines and many documents ---------------------------------------------------------

#[test]
fn long_values_are_shortened_in_messages() {
    let d = dir("long_values");
    let long = "x".repeat(3_000_000);
    write(
        &d,
        "t.yaml",
        seq(&format!("  - id: a\n    trigger: {long}\n    body: hi\n")),
    );
    assert_error_help(
        &check(&d, &["t.yaml"]),
        &format!("t.yaml:4:14: error: unknown trigger `{}…`", "x".repeat(60)),
        "use `order-placed`, `shipped` or `delivered`",
    );
    write(
        &d,
        "d.yaml",
        seq(&format!("  - id: a\n    delay: 7{long}\n    body: hi\n")),
    );
    assert_error(
        &check(&d, &["d.yaml"]),
        &format!("d.yaml:4:12: error: bad delay: `7{}…` is not a duration: write a whole number and a unit, like `36h`, `7d` or `2w`", "x".repeat(59)),
    );
}

#[test]
fn a_key_too_long_for_yaml() {
    let d = dir("long_key");
    write(
        &d,
        "k.yaml",
        format!(
            "sequence: x\n{}: b\nmessages:\n  - id: a\n    body: hi\n",
            "a".repeat(5000)
        ),
    );
    assert_error_help(
        &check(&d, &["k.yaml"]),
        "k.yaml:2:1: error: expected a `:` after this key",
        "a field is a short name, a colon and its value (`body: Hello`); keys longer than 1,024 characters are refused",
    );
}

#[test]
fn a_storm_of_documents_is_refused() {
    let d = dir("documents");
    let text: String = (0..1100)
        .map(|i| format!("---\nsequence: s{i}\nmessages:\n  - id: a\n    body: hi\n"))
        .collect();
    write(&d, "many.yaml", text);
    assert_error_help(
        &check(&d, &["many.yaml"]),
        "many.yaml:5121:1: error: the file holds more than 1,024 YAML documents (`---`)",
        "split it into several smaller files",
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_subdirectory_is_named_and_the_rest_linted() {
    use std::os::unix::fs::PermissionsExt;
    let d = dir("unreadable_dir");
    std::fs::create_dir_all(d.join("seqs/locked")).expect("mkdir");
    write(&d.join("seqs"), "a.yaml", FIRES);
    write(&d.join("seqs/locked"), "b.yaml", GOOD);
    let locked = d.join("seqs/locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let readable_anyway = std::fs::read_dir(&locked).is_ok();
    let out = check(&d, &["seqs"]);
    let _ = std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755));
    assert!(
        out.stdout
            .contains("seqs/a.yaml:4:27: error[unsolicited/order-confirmation]"),
        "{}",
        out.stdout
    );
    if readable_anyway {
        println!("note: running as root, directory permissions are not enforced; skipping the permission-denied assertion");
        assert_eq!(out.code, 1, "{}", out.stdout);
        return;
    }
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stdout
            .starts_with("seqs/locked: error: permission denied\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn values_with_line_breaks_are_quoted_on_one_line() {
    let d = dir("line_breaks");
    write(&d, "m.yaml", "sequence: T\nmarketplace: \"amazon\\nde\"\nmessages:\n  - id: a\n    delay: \"7\\nd\"\n    body: hi\n");
    let out = check(&d, &["m.yaml"]);
    let lines: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("m.yaml:"))
        .collect();
    assert_eq!(
        lines,
        [
            "m.yaml:2:14: error: unknown marketplace `amazon\\nde`",
            "m.yaml:5:12: error: bad delay: `7\\nd` is not a duration: write a whole number and a unit, like `36h`, `7d` or `2w`",
        ]
    );
}

#[test]
fn common_syntax_slips_in_plain_words() {
    let d = dir("syntax_slips");
    for (messages, expected, help) in [
        (
            "  - id: a\n    subject: Re: your order\n    body: hi\n",
            "4:16: error: a `: ` inside a value that is not quoted: YAML reads it as the start of a new field",
            "put the whole value in quotes: `subject: \"Re: your order\"`, or write `|` and the text on indented lines below",
        ),
        (
            "  - id: a\n    body: hi\n   - id: b\n    body: yo\n",
            "5:4: error: this line is not indented like the lines around it",
            "the fields of one message start in the same column, and so do the `-` of the items of one list",
        ),
        (
            "  - id: a\n    body: \"Thanks\" and more\n",
            "4:20: error: there is text after the closing quote; a quoted value ends at its quote",
            "quote the whole value, or write `|` and the text on indented lines below",
        ),
        (
            "  - id: a\n    body: @seller thanks\n",
            "4:11: error: a value cannot start with `@` unless it is quoted",
            "put the whole value in quotes",
        ),
        (
            "  - id: a\n    body: \"C:\\qrcode\"\n",
            "4:11: error: an unknown escape (a `\\` and a letter) in a double-quoted value",
            "write a backslash as `\\\\`, or use single quotes, where `\\` has no special meaning",
        ),
    ] {
        write(&d, "s.yaml", seq(messages));
        assert_error_help(&check(&d, &["s.yaml"]), &format!("s.yaml:{expected}"), help);
    }
}

#[test]
fn lone_carriage_returns_end_lines_as_in_yaml() {
    let d = dir("lone_cr");
    write(
        &d,
        "mac.yaml",
        "sequence: T\rmarketplace: amazon.cm\rmessages:\r  - id: a\r    body: \"hi\" there\r",
    );
    let out = check(&d, &["mac.yaml"]);
    assert_error(
        &out,
        "mac.yaml:5:16: error: there is text after the closing quote; a quoted value ends at its quote",
    );
    write(
        &d,
        "mac2.yaml",
        "sequence: T\rmarketplace: amazon.cm\rmessages:\r  - id: a\r    body: hi\r",
    );
    assert_error(
        &check(&d, &["mac2.yaml"]),
        "mac2.yaml:2:14: error: unknown marketplace `amazon.cm`",
    );
}
