//! Long steps, shown as cargo shows its own: on a terminal, a spinner with the step's name, the
//! time it has taken and the last line the step printed; elsewhere (CI, a pipe), every line as
//! it comes. A step that fails prints what it printed.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use crate::error::CliError;

/// How many of a failed step's last lines are shown.
const KEPT_LINES: usize = 60;

/// Runs `command` as the step `name`; an error names the step and shows its last lines.
pub fn run(name: &str, command: &mut Command) -> Result<Duration, CliError> {
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| CliError::Spawn {
            program: format!("{:?}", command.get_program()),
            source,
        })?;
    let (lines, received) = mpsc::channel::<String>();
    let readers: Vec<_> = [
        child
            .stdout
            .take()
            .map(|out| Box::new(out) as Box<dyn Read + Send>),
        child
            .stderr
            .take()
            .map(|err| Box::new(err) as Box<dyn Read + Send>),
    ]
    .into_iter()
    .flatten()
    .map(|pipe| {
        let lines = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    break;
                }
            }
        })
    })
    .collect();
    drop(lines);

    let spinner = ProgressBar::new_spinner();
    let live = !spinner.is_hidden();
    spinner.set_style(
        ProgressStyle::with_template("{spinner:.cyan} {prefix:.bold} {elapsed:>4} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    spinner.set_prefix(name.to_owned());
    spinner.enable_steady_tick(Duration::from_millis(120));
    if !live {
        eprintln!("{name}...");
    }
    let mut last = std::collections::VecDeque::with_capacity(KEPT_LINES);
    for line in received {
        if live {
            spinner.set_message(line.trim().to_owned());
        } else {
            eprintln!("  {line}");
        }
        if last.len() == KEPT_LINES {
            last.pop_front();
        }
        last.push_back(line);
    }
    for reader in readers {
        let _ = reader.join();
    }
    let status = child.wait().map_err(|source| CliError::Spawn {
        program: format!("{:?}", command.get_program()),
        source,
    })?;
    spinner.finish_and_clear();
    let took = started.elapsed();
    if !status.success() {
        if live {
            for line in &last {
                eprintln!("  {line}");
            }
        }
        return Err(CliError::StepFailed {
            step: name.to_owned(),
            status: status.to_string(),
        });
    }
    eprintln!("✓ {name} ({})", seconds(took));
    Ok(took)
}

/// `1m 12s`, `8.4s`.
pub fn seconds(took: Duration) -> String {
    let secs = took.as_secs_f64();
    if secs >= 60.0 {
        format!("{}m {:02}s", took.as_secs() / 60, took.as_secs() % 60)
    } else {
        format!("{secs:.1}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_that_fails_says_which_and_how() {
        let err = run(
            "checking",
            Command::new("sh").args(["-c", "echo out; echo err >&2; exit 3"]),
        )
        .expect_err("fails");
        let message = err.to_string();
        assert!(
            message.contains("checking") && message.contains('3'),
            "{message}"
        );
        run("ok", Command::new("sh").args(["-c", "echo fine"])).expect("succeeds");
        let missing = run("missing", &mut Command::new("no-such-program-here")).expect_err("spawn");
        assert!(
            missing.to_string().contains("no-such-program-here"),
            "{missing}"
        );
    }

    #[test]
    fn durations_read_like_cargo_s() {
        assert_eq!(seconds(Duration::from_millis(8_400)), "8.4s");
        assert_eq!(seconds(Duration::from_secs(72)), "1m 12s");
    }
}
