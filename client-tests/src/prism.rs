//! Prism, the mock server the official Cloudflare SDKs test against, started from the spec on
//! a free port of 127.0.0.1 (`prism-process`) and stopped when dropped, so also when a test
//! panics, after showing what Prism was doing.

use std::path::Path;
use std::time::Duration;

/// A running Prism mock server on the spec.
pub struct Prism {
    server: prism_process::Prism,
}

impl Prism {
    /// Starts `prism mock` on the spec and waits until it accepts connections; panics with
    /// Prism's log when it does not.
    pub fn start() -> Prism {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("client-tests is in the workspace");
        match prism_process::Prism::start(root, Path::new("spec/realtimekit.yaml"), &[], Duration::from_secs(90)) {
            Ok(server) => Prism { server },
            Err(error) => panic!("{}:\n{}", error.what, error.log.join("\n")),
        }
    }

    /// `http://127.0.0.1:port`, the client's base URL.
    pub fn url(&self) -> String {
        self.server.url()
    }

    /// Everything Prism printed so far.
    pub fn log(&self) -> Vec<String> {
        self.server.log()
    }

    /// The lines where Prism's validator found the request (or its own response) wrong.
    pub fn validation_problems(&self) -> Vec<String> {
        self.log()
            .into_iter()
            .filter(|line| line.contains("[VALIDATOR]") && (line.contains("error") || line.contains("warning")))
            .collect()
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        // A failing test shows what Prism was doing: whether it still ran, and its last lines.
        if std::thread::panicking() {
            let state = match self.server.exit_status() {
                Some(status) => format!("Prism had exited ({status})"),
                None => "Prism was still running".to_owned(),
            };
            let log = self.log();
            let tail = &log[log.len().saturating_sub(20)..];
            eprintln!("{state} on {}; its last lines:\n{}", self.url(), tail.join("\n"));
        }
    }
}
