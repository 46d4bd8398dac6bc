//! End-to-end tests of configuration, suppressions, input selection and exit codes: the
//! built binary on real files in scratch folders.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_sellerlint");

/// A sequence that fires `unsolicited/order-confirmation` once (line 6).
const SHIPPED: &str = "sequence: Shipping
messages:
  - id: shipped
    trigger: shipped
    body: >-
      Good news: your order {{order_id}} has shipped!
";

const CLEAN: &str = "sequence: Engraving
messages:
  - id: engraving
    purpose: customization
    body: Please confirm the engraving text for order {{order_id}}.
";

fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let p = dir.join(rel);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&p, text).unwrap();
    p
}

fn sellerlint(dir: &Path, args: &[&str]) -> Output {
    sellerlint_stdin(dir, args, None)
}

fn sellerlint_stdin(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    {
        use std::io::Write;
        let mut input = child.stdin.take().unwrap();
        if let Some(text) = stdin {
            // sellerlint may rightly exit without reading (a usage error): not a test failure.
            let _ = input.write_all(text.as_bytes());
        }
    }
    child.wait_with_output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// `(file name, rule, severity)` of every diagnostic.
fn found(out: &Output) -> Vec<(String, String, String)> {
    let v = json(out);
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap().replace('\\', "/");
            let name = file.rsplit('/').next().unwrap().to_string();
            (
                name,
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

const OC: &str = "unsolicited/order-confirmation";

#[test]
fn nearest_config_wins_and_most_specific_key_wins() {
    let t = tmp();
    let d = t.path();
    write(
        d,
        ".sellerlint.yaml",
        "rules:\n  all: off\n  unsolicited/: warning\n",
    );
    write(d, "top.yaml", SHIPPED);
    write(
        d,
        "team/sellerlint.yaml",
        "rules:\n  unsolicited/: off\n  unsolicited/order-confirmation: info\n",
    );
    write(d, "team/deeper/nested.yaml", SHIPPED);
    write(
        d,
        "team/other/.sellerlint.yaml",
        "rules:\n  unsolicited/: off\n",
    );
    write(d, "team/other/quiet.yaml", SHIPPED);
    let out = sellerlint(d, &["check", "--format", "json", "."]);
    assert_eq!(
        found(&out),
        vec![
            ("nested.yaml".into(), OC.into(), "info".into()),
            ("top.yaml".into(), OC.into(), "warning".into()),
        ],
        "{}",
        stderr(&out)
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn config_flag_overrides_discovery_and_no_config_ignores_it() {
    let t = tmp();
    let d = t.path();
    write(d, ".sellerlint.yaml", "rules:\n  unsolicited/: off\n");
    write(
        d,
        "alt.yml",
        "rules:\n  unsolicited/order-confirmation: warning\n",
    );
    write(d, "seq/a.yaml", SHIPPED);
    let out = sellerlint(d, &["check", "--format", "json", "seq"]);
    assert!(found(&out).is_empty());
    let out = sellerlint(
        d,
        &["check", "--format", "json", "--config", "alt.yml", "seq"],
    );
    assert_eq!(found(&out)[0].2, "warning");
    let out = sellerlint(d, &["check", "--format", "json", "--no-config", "seq"]);
    assert_eq!(found(&out)[0].2, "error");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn config_errors_exit_2_with_position_and_suggestion() {
    let t = tmp();
    let d = t.path();
    write(d, "a.yaml", SHIPPED);
    write(d, ".sellerlint.yaml", "profile: amazon\nexlude: [x]\n");
    let out = sellerlint(d, &["check", "a.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(".sellerlint.yaml:2:1: unknown key `exlude`"),
        "{err}"
    );
    assert!(err.contains("did you mean `exclude`?"), "{err}");

    write(
        d,
        ".sellerlint.yaml",
        "rules:\n  unsolicited/order-confirmaton: off\n  revue/: warning\n",
    );
    let out = sellerlint(d, &["check", "a.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(
            ".sellerlint.yaml:2:3: unknown rule or rule prefix `unsolicited/order-confirmaton`"
        ),
        "{err}"
    );
    assert!(
        err.contains("did you mean `unsolicited/order-confirmation`?"),
        "{err}"
    );
    assert!(
        err.contains(".sellerlint.yaml:3:3: unknown rule or rule prefix `revue/`"),
        "{err}"
    );
    assert!(
        stdout(&out).is_empty(),
        "nothing is linted under a broken config"
    );

    write(d, ".sellerlint.yaml", "rules:\n  unsolicited/: loud\n");
    let err = stderr(&sellerlint(d, &["check", "a.yaml"]));
    assert!(err.contains(":2:17: unknown level `loud`"), "{err}");
}

#[test]
fn cli_select_ignore_extend_select() {
    let t = tmp();
    let d = t.path();
    write(d, "a.yaml", SHIPPED);
    write(
        d,
        ".sellerlint.yaml",
        "rules:\n  unsolicited/order-confirmation: off\n",
    );
    let run = |args: &[&str]| {
        let mut a = vec!["check", "--format", "json"];
        a.extend_from_slice(args);
        a.push("a.yaml");
        found(&sellerlint(d, &a))
    };
    assert!(run(&[]).is_empty());
    assert_eq!(run(&["--extend-select", "unsolicited/"]).len(), 1);
    assert_eq!(run(&["--select", OC]).len(), 1);
    assert!(run(&["--select", "meta/"]).is_empty());
    assert!(run(&["--extend-select", "unsolicited/", "--ignore", OC]).is_empty());
    let out = sellerlint(d, &["check", "--select", "reveiw/", "a.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--select: unknown rule or rule prefix `reveiw/`"));
}

#[test]
fn per_file_overrides_profile_and_marketplace() {
    let t = tmp();
    let d = t.path();
    write(
        d,
        "packs/de-only.yaml",
        r#"id: pack/german-greeting
severity: warning
summary: greets in german
why: A test rule that only speaks German.
source: https://example.com/policy
fix: Nothing.
patterns:
  de: ['\bhallo\b']
examples:
  fire: {de: ["Hallo Welt"]}
  pass: {de: ["Guten Tag"]}
"#,
    );
    write(
        d,
        ".sellerlint.yaml",
        "marketplace: amazon.de\nrule-packs: [packs]\nper-file:\n  'legacy/**':\n    rules:\n      unsolicited/: info\n  'us/*.yaml':\n    marketplace: amazon.com\n",
    );
    let greeting = "sequence: S\nmessages:\n  - id: m\n    body: Hallo, your order {{order_id}} has shipped.\n";
    write(d, "de/a.yaml", greeting);
    write(d, "us/b.yaml", greeting);
    write(d, "legacy/c.yaml", SHIPPED);
    let out = sellerlint(d, &["check", "--format", "json", "."]);
    assert_eq!(
        found(&out),
        vec![
            (
                "a.yaml".into(),
                "pack/german-greeting".into(),
                "warning".into()
            ),
            ("a.yaml".into(), OC.into(), "error".into()),
            ("c.yaml".into(), OC.into(), "info".into()),
            ("b.yaml".into(), OC.into(), "error".into()),
        ],
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_broken_rule_pack_names_the_rule_file_and_line() {
    let t = tmp();
    let d = t.path();
    write(d, "a.yaml", SHIPPED);
    write(d, ".sellerlint.yaml", "rule-packs: [packs]\n");
    write(
        d,
        "packs/bad.yaml",
        "id: pack/x\nseverity: warning\nsumary: typo\n",
    );
    let out = sellerlint(d, &["check", "a.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("bad.yaml:3:1: rule pack file does not load"),
        "{err}"
    );
    write(
        d,
        "packs/bad.yaml",
        "id: pack/x\nseverity: warning\nsummary: s\nwhy: w\nsource: s\nfix: f\npatterns:\n  en: [hello]\nexamples:\n  fire: {en: [goodbye]}\n",
    );
    let err = stderr(&sellerlint(d, &["check", "a.yaml"]));
    assert!(
        err.contains("bad.yaml: rule pack file does not load: example that must fire"),
        "{err}"
    );
    write(d, ".sellerlint.yaml", "rule-packs: [nowhere]\n");
    let err = stderr(&sellerlint(d, &["check", "a.yaml"]));
    assert!(
        err.contains(".sellerlint.yaml:1:14: cannot read rule pack folder `nowhere`"),
        "{err}"
    );
}

#[test]
fn exclude_include_and_list_files() {
    let t = tmp();
    let d = t.path();
    write(d, ".sellerlint.yaml", "exclude: [drafts, 'old/*.yaml']\n");
    write(d, "a.yaml", SHIPPED);
    write(d, "b.yml", CLEAN);
    write(d, "notes.txt", "not yaml");
    write(d, "drafts/x.yaml", SHIPPED);
    write(d, "deep/drafts/y.yaml", SHIPPED);
    write(d, "old/z.yaml", SHIPPED);
    write(d, "old/keep/z.yaml", CLEAN);
    write(d, ".pre-commit-config.yaml", "repos: []\n");
    write(d, ".gitignore", "ignored/\n");
    write(d, "ignored/i.yaml", SHIPPED);
    let out = sellerlint(d, &["check", "--list-files", "."]);
    let mut listed: Vec<String> = stdout(&out)
        .lines()
        .map(|l| l.replace('\\', "/").trim_start_matches("./").to_string())
        .collect();
    listed.sort();
    assert_eq!(
        listed,
        vec!["a.yaml", "b.yml", "old/keep/z.yaml"],
        "{}",
        stderr(&out)
    );
    // A named file honours `exclude` too (pre-commit names files); a named non-YAML is linted.
    let out = sellerlint(d, &["check", "--list-files", "drafts/x.yaml", "notes.txt"]);
    assert_eq!(stdout(&out).trim(), "notes.txt");

    write(d, ".sellerlint.yaml", "include: ['sequences/**/*.yaml']\n");
    write(d, "sequences/q/s.yaml", CLEAN);
    let out = sellerlint(d, &["check", "--list-files", "."]);
    let listed: Vec<String> = stdout(&out).lines().map(|l| l.replace('\\', "/")).collect();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(listed[0].ends_with("sequences/q/s.yaml"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_not_followed() {
    let t = tmp();
    let d = t.path();
    write(d, "seq/a.yaml", SHIPPED);
    std::os::unix::fs::symlink(d.join("seq"), d.join("seq/loop")).unwrap();
    std::os::unix::fs::symlink(d, d.join("seq/up")).unwrap();
    let out = sellerlint(d, &["check", "--format", "json", "seq"]);
    assert_eq!(found(&out).len(), 1, "{}", stderr(&out));
    assert_eq!(json(&out)["summary"]["files"], 1);
}

#[test]
fn stdin_uses_the_config_of_its_stdin_filename() {
    let t = tmp();
    let d = t.path();
    write(
        d,
        "team/.sellerlint.yaml",
        "rules:\n  unsolicited/: warning\n",
    );
    let out = sellerlint_stdin(
        d,
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "team/new.yaml",
            "-",
        ],
        Some(SHIPPED),
    );
    let v = json(&out);
    assert_eq!(v["diagnostics"][0]["file"], "team/new.yaml");
    assert_eq!(v["diagnostics"][0]["severity"], "warning");
    assert_eq!(v["summary"]["files"], 1, "stdin only, not `.` as well");
    let out = sellerlint_stdin(d, &["check", "--format", "concise", "-"], Some(SHIPPED));
    assert!(stdout(&out).starts_with("<stdin>:6:"), "{}", stdout(&out));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn exit_codes_of_exit_zero_and_max_warnings() {
    let t = tmp();
    let d = t.path();
    write(d, "a.yaml", SHIPPED);
    write(d, "b.yaml", SHIPPED);
    let code = |args: &[&str]| {
        let mut a = vec!["check"];
        a.extend_from_slice(args);
        sellerlint(d, &a).status.code()
    };
    assert_eq!(code(&["a.yaml"]), Some(1));
    assert_eq!(code(&["--exit-zero", "a.yaml"]), Some(0));
    let warn = ["--extend-select", "unsolicited/"];
    write(d, ".sellerlint.yaml", "rules:\n  unsolicited/: warning\n");
    assert_eq!(code(&[warn[0], warn[1], "a.yaml", "b.yaml"]), Some(0));
    assert_eq!(code(&["--max-warnings", "2", "a.yaml", "b.yaml"]), Some(0));
    assert_eq!(code(&["--max-warnings", "1", "a.yaml", "b.yaml"]), Some(1));
    assert_eq!(
        code(&["--max-warnings", "1", "--exit-zero", "a.yaml", "b.yaml"]),
        Some(0)
    );
    // Unreadable input is never hidden by --exit-zero.
    assert_eq!(code(&["--exit-zero", "a.yaml", "missing.yaml"]), Some(2));
}

#[test]
fn quiet_prints_problems_only() {
    let t = tmp();
    let d = t.path();
    write(d, "a.yaml", CLEAN);
    let out = sellerlint(d, &["check", "--quiet", "a.yaml"]);
    assert_eq!(stdout(&out), "");
    let out = sellerlint(d, &["check", "a.yaml"]);
    assert!(stdout(&out).contains("No problems in 1 file."));
}

#[test]
fn output_file_gets_the_format_and_the_terminal_the_human_report() {
    let t = tmp();
    let d = t.path();
    write(d, "a.yaml", SHIPPED);
    let out = sellerlint(
        d,
        &["check", "--format", "sarif", "-o", "r.sarif", "a.yaml"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("error[unsolicited/order-confirmation]"));
    let sarif: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(d.join("r.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["invocations"][0]["exitCode"], 1);
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], OC);
}

#[test]
fn github_actions_gets_annotations_by_default() {
    let t = tmp();
    let d = t.path();
    write(d, "a.yaml", SHIPPED);
    let out = Command::new(BIN)
        .args(["check", "a.yaml"])
        .current_dir(d)
        .env("GITHUB_ACTIONS", "true")
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.starts_with("::error file=a.yaml,line=6,"), "{text}");
    let out = Command::new(BIN)
        .args(["check", "--format", "concise", "a.yaml"])
        .current_dir(d)
        .env("GITHUB_ACTIONS", "true")
        .output()
        .unwrap();
    assert!(stdout(&out).starts_with("a.yaml:6:"));
}

// ---- suppressions ----

fn lint_json(d: &Path, text: &str, extra: &[&str]) -> serde_json::Value {
    write(d, "s.yaml", text);
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    args.push("s.yaml");
    json(&sellerlint(d, &args))
}

fn rules_of(v: &serde_json::Value) -> Vec<(String, u64)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn comment_above_a_message_allows_it() {
    let t = tmp();
    let v = lint_json(
        t.path(),
        "sequence: S\nmessages:\n  # sellerlint: allow unsolicited/order-confirmation -- carrier requires it\n  - id: shipped\n    body: Your order {{order_id}} has shipped!\n  - id: second\n    body: Your order {{order_id}} has shipped!\n",
        &[],
    );
    assert_eq!(rules_of(&v), vec![(OC.to_string(), 7)]);
    assert_eq!(v["summary"]["suppressed"], 1);
}

#[test]
fn trailing_comment_and_prefixes_and_stacked_comments() {
    let t = tmp();
    let v = lint_json(
        t.path(),
        "sequence: S\nmessages:\n  - id: a\n    body: Your order {{order_id}} has shipped!  # sellerlint: allow unsolicited/\n  - id: b\n    # a note about b\n    # sellerlint: allow unsolicited/order-confirmation -- reviewed\n    body: Your order {{order_id}} has shipped!\n  - id: c\n    body: Your order {{order_id}} has shipped!\n",
        // Three messages to one order: not what this test is about.
        &["--ignore", "sequence/message-count"],
    );
    assert_eq!(rules_of(&v), vec![(OC.to_string(), 10)]);
    assert_eq!(v["summary"]["suppressed"], 2);
}

#[test]
fn allow_file_and_allow_key() {
    let t = tmp();
    let v = lint_json(
        t.path(),
        "# sellerlint: allow-file unsolicited/order-confirmation -- freight notices\nsequence: S\nmessages:\n  - id: a\n    body: Your order {{order_id}} has shipped!\n  - id: b\n    body: Your order {{order_id}} has shipped!\n",
        &[],
    );
    assert!(rules_of(&v).is_empty());
    assert_eq!(v["summary"]["suppressed"], 2);
    let v = lint_json(
        t.path(),
        "sequence: S\nmessages:\n  - id: a\n    allow: [unsolicited/order-confirmation]  # buyer asked for tracking\n    body: Your order {{order_id}} has shipped!\n  - id: b\n    body: Your order {{order_id}} has shipped!\n",
        &["--require-reason"],
    );
    assert_eq!(rules_of(&v), vec![(OC.to_string(), 7)]);
}

#[test]
fn hash_lines_inside_block_scalars_are_not_suppressions() {
    let t = tmp();
    let v = lint_json(
        t.path(),
        "sequence: S\nmessages:\n  - id: a\n    body: |\n      # sellerlint: allow-file unsolicited/order-confirmation\n      # sellerlint: allow unsolicited/order-confirmation\n      Your order {{order_id}} has shipped!\n",
        &[],
    );
    assert_eq!(v["summary"]["suppressed"], 0);
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 1);
}

#[test]
fn unused_and_unknown_suppressions_are_reported() {
    let t = tmp();
    let v = lint_json(
        t.path(),
        "sequence: S\nmessages:\n  # sellerlint: allow unsolicited/order-confirmation -- old text\n  - id: a\n    body: Which engraving font would you like for order {{order_id}}?\n  - id: b\n    allow: [unsolicited/order-confirmaton]\n    body: Which engraving font would you like for order {{order_id}}?\n  # sellerlint: alow unsolicited/\n  - id: c\n    body: Which engraving font would you like for order {{order_id}}?\n",
        &[],
    );
    let diags = v["diagnostics"].as_array().unwrap();
    let got: Vec<(&str, u64, &str)> = diags
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got.iter().all(|g| g.0 == "meta/unused-allow"));
    assert_eq!((got[0].1, got[1].1, got[2].1), (3, 7, 9));
    assert!(got[0].2.contains("unused suppression"));
    assert!(
        got[1]
            .2
            .contains("did you mean `unsolicited/order-confirmation`"),
        "{}",
        got[1].2
    );
    assert!(got[2].2.contains("did you mean `allow`"), "{}", got[2].2);
    assert_eq!(diags[0]["severity"], "warning");
    assert_eq!(diags[0]["column"], 23, "points at the rule id");
    // Switched off, an unused suppression is not reported; nor when its rule is off.
    let v = lint_json(
        t.path(),
        "sequence: S\nmessages:\n  # sellerlint: allow unsolicited/order-confirmation\n  - id: a\n    body: Which engraving font would you like for order {{order_id}}?\n",
        &["--ignore", "unsolicited/"],
    );
    assert!(rules_of(&v).is_empty());
}

#[test]
fn require_reason_makes_reasonless_suppressions_errors() {
    let t = tmp();
    let text = "sequence: S\nmessages:\n  # sellerlint: allow unsolicited/order-confirmation\n  - id: a\n    body: Your order {{order_id}} has shipped!\n  - id: b  # sellerlint: allow unsolicited/order-confirmation -- freight\n    body: Your order {{order_id}} has shipped!\n";
    let v = lint_json(t.path(), text, &[]);
    assert!(rules_of(&v).is_empty());
    let d = t.path();
    let out = sellerlint(
        d,
        &["check", "--format", "json", "--require-reason", "s.yaml"],
    );
    assert_eq!(
        rules_of(&json(&out)),
        vec![("meta/allow-without-reason".to_string(), 3)]
    );
    assert_eq!(out.status.code(), Some(1));
    write(d, ".sellerlint.yaml", "require-reason: true\n");
    let out = sellerlint(d, &["check", "--format", "json", "s.yaml"]);
    assert_eq!(json(&out)["summary"]["errors"], 1);
}

// ---- other commands ----

#[test]
fn init_writes_a_working_config_and_refuses_to_overwrite() {
    let t = tmp();
    let d = t.path();
    let out = sellerlint(d, &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(d.join(".sellerlint.yaml").is_file());
    write(d, "a.yaml", CLEAN);
    let out = sellerlint(d, &["check", "."]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let out = sellerlint(d, &["init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"));
}

/// Every example the starter config shows commented out is a working setting: a user who
/// uncomments them gets no configuration error.
#[test]
fn init_examples_all_work_once_uncommented() {
    let t = tmp();
    let d = t.path();
    let out = sellerlint(d, &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let starter = std::fs::read_to_string(d.join(".sellerlint.yaml")).unwrap();
    // A commented-out setting is `# key: …` or a `#   nested` line; prose comments have
    // spaces before their first colon.
    let setting = regex::Regex::new(r#"^(\s*)# ((?:[\w\-/"*.]+:.*)|(?:  .*))$"#).unwrap();
    let uncommented: Vec<String> = starter
        .lines()
        .map(|line| setting.replace(line, "$1$2").into_owned())
        .collect();
    let uncommented = uncommented.join("\n");
    assert!(uncommented.contains("\nsettings:\n  max-proactive-messages: 3"));
    assert!(uncommented.contains("\n  review/influence-content: error"));
    std::fs::write(d.join(".sellerlint.yaml"), &uncommented).unwrap();
    std::fs::create_dir(d.join("lint-rules")).unwrap();
    write(d, "sequences/a.yaml", CLEAN);
    let out = sellerlint(d, &["check", "."]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{uncommented}\n{}{}",
        stdout(&out),
        stderr(&out)
    );
    let shown = stdout(&sellerlint(d, &["config", "sequences/a.yaml"]));
    assert!(shown.contains("profile: amazon\n"), "{shown}");
    assert!(
        shown.contains("max-proactive-messages               3"),
        "{shown}"
    );
}

#[test]
fn config_command_shows_the_file_and_levels() {
    let t = tmp();
    let d = t.path();
    write(
        d,
        ".sellerlint.yaml",
        "profile: amazon-2017\nrules:\n  unsolicited/: warning\n",
    );
    write(d, "x/a.yaml", CLEAN);
    let out = sellerlint(d, &["config", "x/a.yaml"]);
    let text = stdout(&out);
    assert!(text.contains("config: .sellerlint.yaml"), "{text}");
    assert!(text.contains("profile: amazon-2017"));
    assert!(
        text.lines()
            .any(|l| l.contains(OC) && l.contains("warning") && l.contains("rules: unsolicited/")),
        "{text}"
    );
    let out = sellerlint(d, &["config", "--no-config", "x/a.yaml"]);
    assert!(stdout(&out).contains("config: none"));
}

#[test]
fn completions_and_manpage() {
    let t = tmp();
    let out = sellerlint(t.path(), &["completions", "bash"]);
    assert!(stdout(&out).contains("--extend-select"));
    let out = sellerlint(t.path(), &["manpage"]);
    assert!(stdout(&out).starts_with(".ie"), "{}", stdout(&out));
    assert!(stdout(&out).contains("sellerlint"));
}

#[test]
fn committed_schema_is_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = sellerlint(root, &["schema"]);
    let committed =
        fs::read_to_string(root.join("schema/sequence.schema.json")).unwrap_or_default();
    assert!(
        stdout(&out) == committed,
        "schema/sequence.schema.json is stale: run `cargo run -- schema > schema/sequence.schema.json`"
    );
    let v: serde_json::Value = serde_json::from_str(&committed).unwrap();
    assert_eq!(v["required"], serde_json::json!(["sequence", "messages"]));
}

#[test]
fn output_file_defaults_to_json_and_excluded_stdin_is_not_linted() {
    let t = tmp();
    let d = t.path();
    write(d, "a.yaml", SHIPPED);
    let out = sellerlint(d, &["check", "-o", "report.json", "a.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(d.join("report.json")).unwrap()).unwrap();
    assert_eq!(v["summary"]["errors"], 1);
    write(d, ".sellerlint.yaml", "exclude: [vendor]\n");
    let out = sellerlint_stdin(
        d,
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "vendor/x.yaml",
            "-",
        ],
        Some(SHIPPED),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["summary"]["files"], 0);
}

#[test]
fn crlf_and_bom_files_keep_their_suppressions() {
    let t = tmp();
    let text = "\u{feff}# sellerlint: allow-file unsolicited/order-confirmation -- ok\r\nsequence: S\r\nmessages:\r\n  - id: a\r\n    body: Your order {{order_id}} has shipped!\r\n";
    let v = lint_json(t.path(), text, &[]);
    assert!(rules_of(&v).is_empty(), "{v}");
    assert_eq!(v["summary"]["suppressed"], 1);
}

#[test]
fn field_suppressions_cover_only_that_field() {
    let t = tmp();
    let v = lint_json(
        t.path(),
        "sequence: S\nmessages:\n  - id: a\n    # sellerlint: allow unsolicited/order-confirmation -- subject only\n    subject: \"Your order {{order_id}} has shipped\"\n    body: Your order {{order_id}} has shipped!\n  - id: b\n    body: |  # sellerlint: allow unsolicited/order-confirmation -- body only\n      Your order {{order_id}} has shipped!\n    subject: Your order {{order_id}} has shipped\n  - id: c\n    # sellerlint: allow unsolicited/order-confirmation -- block body, comment above\n    body: >-\n\n      Your order {{order_id}} has shipped!\n",
        // Three messages to one order: not what this test is about.
        &["--ignore", "sequence/message-count"],
    );
    let got: Vec<(u64, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["field"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![(6, "body".to_string()), (10, "subject".to_string())],
        "{v}"
    );
    assert_eq!(v["summary"]["suppressed"], 3);
}
