//! forumtimer among the tools of a fresh machine: the agenda schema an editor reads, the manual
//! page, shell completions, examples in every `--help`, and the version.

// A failed unwrap in a test is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use assert_cmd::Command;
use clap::{CommandFactory, Parser};
use forumtimer::agenda::{json_schema, templates};
use forumtimer::cli::Cli;
use predicates::prelude::*;

fn forumtimer() -> Command {
    let mut command = Command::cargo_bin("forumtimer").unwrap();
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

fn stdout(args: &[&str]) -> String {
    let output = forumtimer().args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn schema_prints_the_committed_schema() {
    let committed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/agenda.schema.json"),
    )
    .unwrap();
    assert_eq!(stdout(&["schema"]), committed);
}

/// The schema file `new` writes beside an agenda, and names relative to it.
const BESIDE: &str = "forumtimer-agenda.schema.json";

#[test]
fn new_points_editors_at_a_schema_beside_the_agenda_that_travels_with_its_folder() {
    use std::os::unix::fs::PermissionsExt;
    let group = tempfile::tempdir().unwrap();
    let agenda = group.path().join("forum.toml");
    // No home and no data folder: nothing per user is needed, nor named.
    forumtimer()
        .args(["new", "--template", "support-circle", "--output"])
        .arg(&agenda)
        .env("HOME", "/nonexistent")
        .env_remove("XDG_DATA_HOME")
        .assert()
        .success()
        .stderr(predicate::str::contains(BESIDE));
    let text = std::fs::read_to_string(&agenda).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next().unwrap(), format!("#:schema ./{BESIDE}"));
    assert!(
        lines
            .next()
            .unwrap()
            .contains(&format!("forumtimer schema > {BESIDE}")),
        "the second line says how to make the schema where it is missing: {text}"
    );
    assert_eq!(text.matches("#:schema").count(), 1, "{text}");
    assert!(!text.contains("nonexistent"), "{text}");
    let schema_path = group.path().join(BESIDE);
    let schema = std::fs::read_to_string(&schema_path).unwrap();
    assert_eq!(schema, json_schema::text());
    // The group shares the folder: the schema is as readable as the agenda.
    let mode = std::fs::metadata(&schema_path)
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o044, 0o044, "{mode:o}");
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let document: serde_json::Value = toml::from_str(&text).unwrap();
    assert!(jsonschema::draft7::is_valid(&schema, &document));
    forumtimer().arg("check").arg(&agenda).assert().success();

    // A stale copy is brought up to date by the next agenda written there.
    std::fs::write(&schema_path, "{}").unwrap();
    forumtimer()
        .args(["new", "--output"])
        .arg(group.path().join("other.toml"))
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&schema_path).unwrap(),
        json_schema::text()
    );

    // To standard output: the same line, and no file written anywhere.
    let away = tempfile::tempdir().unwrap();
    let printed = forumtimer()
        .arg("new")
        .current_dir(away.path())
        .output()
        .unwrap();
    let printed = String::from_utf8(printed.stdout).unwrap();
    assert!(
        printed.starts_with(&format!("#:schema ./{BESIDE}\n")),
        "{printed}"
    );
    assert_eq!(std::fs::read_dir(away.path()).unwrap().count(), 0);
}

#[test]
fn new_says_so_when_the_schema_beside_the_agenda_cannot_be_written() {
    let group = tempfile::tempdir().unwrap();
    std::fs::create_dir(group.path().join(BESIDE)).unwrap();
    let agenda = group.path().join("forum.toml");
    forumtimer()
        .args(["new", "--output"])
        .arg(&agenda)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "cannot write the editor schema {}",
            group.path().join(BESIDE).display()
        )))
        .stderr(predicate::str::contains("forumtimer schema > "));
    forumtimer().arg("check").arg(&agenda).assert().success();
}

#[test]
fn man_renders_every_section_and_every_agenda_key() {
    let page = stdout(&["man"]);
    assert!(page.contains("\n.TH forumtimer 1 "), "{}", &page[..200]);
    for section in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "COMMANDS",
        "\"AGENDA FORMAT\"",
        "KEYS",
        "FILES",
        "ENVIRONMENT",
        "\"EXIT STATUS\"",
    ] {
        assert!(page.contains(&format!(".SH {section}\n")), "no {section}");
    }
    let schema = json_schema::schema();
    let mut tables = vec![&schema];
    tables.extend(schema["definitions"].as_object().unwrap().values());
    for table in tables {
        for key in table["properties"].as_object().unwrap().keys() {
            assert!(
                page.contains(&format!("\\fB{key}\\fR")),
                "key {key} missing"
            );
        }
    }
    for sub in Cli::command().get_subcommands() {
        if sub.get_name() != "help" {
            assert!(
                page.contains(&format!(".SS \"forumtimer {}", sub.get_name()))
                    || page.contains(&format!(".SS forumtimer {}", sub.get_name())),
                "command {} missing",
                sub.get_name()
            );
        }
    }
    assert!(page.contains("meeting.json") && page.contains("agenda.schema.json"));
}

#[test]
fn man_reads_well_in_man() {
    // `man -l` is what the README tells people to run; where man is installed, it must render
    // the page without a warning.
    let Ok(output) = std::process::Command::new("man").arg("--version").output() else {
        return;
    };
    if !output.status.success() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("forumtimer.1");
    let source = stdout(&["man"]);
    // roff is ASCII: any other character is an escape, or troff warns where the locale has no
    // glyph for it (LC_ALL=C).
    let raw: Vec<char> = source.chars().filter(|c| !c.is_ascii()).collect();
    assert!(raw.is_empty(), "characters for roff to escape: {raw:?}");
    std::fs::write(&page, source).unwrap();
    for locale in ["C.UTF-8", "C"] {
        let output = std::process::Command::new("man")
            .arg("-l")
            .arg(&page)
            .env("MANWIDTH", "80")
            .env("MANPAGER", "cat")
            .env("LC_ALL", locale)
            .output()
            .unwrap();
        // Without a terminal, man overstrikes: "N\x08N" is a bold N, "_\x08x" an underlined x.
        let mut text = String::new();
        for c in String::from_utf8_lossy(&output.stdout).chars() {
            if c == '\u{8}' {
                text.pop();
            } else {
                text.push(c);
            }
        }
        let warnings = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{locale}: {warnings}");
        assert!(warnings.trim().is_empty(), "{locale}: {warnings}");
        assert!(
            text.contains("AGENDA FORMAT") && text.contains("skip_speaker"),
            "{text}"
        );
    }
}

#[test]
fn completions_offer_template_names_and_toml_agendas() {
    let bash = stdout(&["completions", "bash"]);
    let zsh = stdout(&["completions", "zsh"]);
    let fish = stdout(&["completions", "fish"]);
    for name in templates::names() {
        for (shell, script) in [("bash", &bash), ("zsh", &zsh), ("fish", &fish)] {
            assert!(script.contains(name), "{shell} lacks template {name}");
        }
    }
    for model in forumtimer::domain::simulate::Model::ALL {
        for (shell, script) in [("bash", &bash), ("zsh", &zsh), ("fish", &fish)] {
            assert!(
                script.contains(model.name()),
                "{shell} lacks the model {}",
                model.name()
            );
        }
    }
    assert!(bash.contains("compgen -f -X '!*.toml'"));
    assert!(bash.contains("complete -F _forumtimer_agendas"));
    // run, plan, check and simulate.
    assert_eq!(zsh.matches(":_files -g \"*.toml\"'").count(), 4, "{zsh}");
    for sub in ["run", "plan", "check", "simulate"] {
        assert!(
            fish.contains(&format!(
                "__fish_forumtimer_using_subcommand {sub}\" -f -a \"(__fish_complete_suffix .toml)\""
            )),
            "fish: {sub}"
        );
    }
}

/// Runs the bash completion for `words` (the last one being completed) in `dir`.
fn bash_complete(script: &Path, dir: &Path, words: &[&str]) -> Vec<String> {
    let words_array = words
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let index = words.len() - 1;
    let program = format!(
        "source '{}'; COMP_WORDS=({words_array}); COMP_CWORD={index}; \
         _forumtimer_agendas forumtimer \"${{COMP_WORDS[{index}]}}\" \"${{COMP_WORDS[{}]}}\"; \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        index - 1
    );
    let output = std::process::Command::new("bash")
        .args(["--norc", "-c", &program])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let mut words: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect();
    words.sort();
    words
}

#[test]
fn bash_completes_toml_agendas_and_template_names() {
    if std::process::Command::new("bash")
        .arg("--version")
        .output()
        .is_err()
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("forumtimer.bash");
    std::fs::write(&script, stdout(&["completions", "bash"])).unwrap();
    std::fs::create_dir(dir.path().join("groups")).unwrap();
    for file in ["forum.toml", "notes.txt", "groups/circle.toml"] {
        std::fs::write(dir.path().join(file), "").unwrap();
    }
    assert_eq!(
        bash_complete(&script, dir.path(), &["forumtimer", "check", ""]),
        ["forum.toml", "groups"]
    );
    assert_eq!(
        bash_complete(&script, dir.path(), &["forumtimer", "run", "groups/"]),
        ["groups/circle.toml"]
    );
    assert_eq!(
        bash_complete(
            &script,
            dir.path(),
            &["forumtimer", "new", "--template", "s"]
        ),
        ["support-circle"]
    );
    // An option's value is not an agenda: --report takes any file.
    assert_eq!(
        bash_complete(&script, dir.path(), &["forumtimer", "run", "--report", "n"]),
        ["notes.txt"]
    );
}

/// The example commands at the end of a `--help`: the lines after `Examples:`, without the
/// comment and the shell's redirection or pipe.
fn examples(help: &str) -> Vec<Vec<String>> {
    let Some((_, block)) = help.split_once("Examples:\n") else {
        return Vec::new();
    };
    block
        .lines()
        .map(|line| {
            let line = line.split(" #").next().unwrap();
            let line = line.split(['>', '|']).next().unwrap();
            words(line)
        })
        .filter(|words| !words.is_empty())
        .collect()
}

/// Splits a command line on spaces, keeping double-quoted words whole.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[test]
fn every_help_ends_with_two_or_three_examples_that_parse() {
    let mut commands = vec![String::new()];
    commands.extend(
        Cli::command()
            .get_subcommands()
            .map(|sub| sub.get_name().to_string())
            .filter(|name| name != "help"),
    );
    for name in commands {
        let args: Vec<&str> = [name.as_str(), "--help"]
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect();
        let help = stdout(&args);
        let examples = examples(&help);
        assert!(
            (2..=3).contains(&examples.len()),
            "`forumtimer {name} --help` has {} examples:\n{help}",
            examples.len()
        );
        let last = help.trim_end().lines().last().unwrap_or_default();
        assert!(
            last.trim_start().starts_with("forumtimer "),
            "`forumtimer {name} --help` does not end with its examples:\n{help}"
        );
        for example in examples {
            assert_eq!(example[0], "forumtimer", "{example:?}");
            if !name.is_empty() {
                assert_eq!(example[1], name, "{example:?}");
            }
            if let Err(error) = Cli::try_parse_from(&example) {
                panic!("{example:?} does not parse: {error}");
            }
        }
    }
}

#[test]
fn version_says_the_version_and_the_commit_when_built_from_git() {
    let version = stdout(&["--version"]);
    let expected = format!("forumtimer {}", env!("CARGO_PKG_VERSION"));
    assert!(version.starts_with(&expected), "{version}");
    let in_git = std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|output| output.status.success());
    if let Some(output) = in_git {
        // The commit the binary was built from; HEAD may have moved since, so only its form.
        let commit_len = String::from_utf8_lossy(&output.stdout).trim().len();
        let re_commit = version
            .trim_end()
            .strip_prefix(&expected)
            .and_then(|rest| rest.strip_prefix(" ("))
            .and_then(|rest| rest.strip_suffix(')'))
            .unwrap_or_else(|| panic!("no commit in {version:?}"));
        assert!(re_commit.len() >= commit_len.min(7), "{version}");
        assert!(
            re_commit.chars().all(|c| c.is_ascii_hexdigit()),
            "{version}"
        );
    }
}

#[test]
fn an_unknown_template_is_a_bad_value_that_suggests_the_nearest() {
    forumtimer()
        .args(["new", "--template", "suport-circle"])
        .assert()
        // A bad flag value is a one-line failure (README: exit codes), like --duration 0m.
        .code(1)
        .stderr(predicate::str::contains(
            "a similar value exists: 'support-circle'",
        ));
}

/// What `cargo install` promises: the binary needs nothing from the repository. Run from an
/// empty folder, with the sources out of reach, it plans its built-in agenda, writes every
/// template and checks what it wrote.
#[test]
fn the_binary_runs_from_anywhere_with_its_agenda_and_templates() {
    let away = tempfile::tempdir().unwrap();
    let in_empty_folder = || {
        let mut command = forumtimer();
        command.current_dir(away.path());
        command
    };
    in_empty_folder()
        .arg("plan")
        .assert()
        .success()
        .stdout(predicate::str::contains("Closing"));
    for name in templates::names() {
        let file = format!("{name}.toml");
        in_empty_folder()
            .args(["new", "--template", name, "--output", &file])
            .assert()
            .success();
        in_empty_folder().args(["check", &file]).assert().success();
    }
}
