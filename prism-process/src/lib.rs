//! Prism (`tools/node_modules/.bin/prism mock`), the mock server the official Cloudflare SDKs
//! test against, as a child process on a free port of 127.0.0.1: started on a document,
//! ready once it listens, its log kept line by line, stopped when dropped. The client's
//! contract tests start it on the spec; `cargo xtask corpus --prism` on each real document.

use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A running `prism mock`.
pub struct Prism {
    child: Child,
    port: u16,
    log: Arc<Mutex<Vec<String>>>,
    readers: Vec<JoinHandle<()>>,
}

/// Why Prism did not start listening: what happened, and everything it printed.
#[derive(Debug)]
pub struct NotListening {
    pub what: String,
    pub log: Vec<String>,
}

impl NotListening {
    /// The last line of Prism's log that names an error, where it printed one.
    pub fn reason(&self) -> Option<&str> {
        self.log.iter().rev().find(|line| line.contains("error") || line.contains("Error")).map(|line| line.trim())
    }
}

impl fmt::Display for NotListening {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reason() {
            Some(reason) => write!(f, "{}: {reason}", self.what),
            None => f.write_str(&self.what),
        }
    }
}

impl Prism {
    /// Starts Prism, installed under `root/tools`, on `document` (relative to `root`, or
    /// absolute) with `options` (`--dynamic`, say), and waits until it listens; gives up when
    /// it exits first or takes longer than `limit` (large documents take a while to read).
    pub fn start(root: &Path, document: &Path, options: &[&str], limit: Duration) -> Result<Prism, NotListening> {
        let binary = root.join("tools/node_modules/.bin/prism");
        let failed = |what: String| NotListening { what, log: Vec::new() };
        if !binary.exists() {
            return Err(failed(format!(
                "Prism is not installed at {}: `npm ci --prefix tools` installs it (`cargo xtask test` does)",
                binary.display()
            )));
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .map_err(|error| failed(format!("no free port on 127.0.0.1: {error}")))?
            .port();
        let mut child = Command::new(&binary)
            .current_dir(root)
            .arg("mock")
            .arg(document)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .args(options)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|error| failed(format!("cannot start {}: {error}", binary.display())))?;
        let log = Arc::new(Mutex::new(Vec::new()));
        let streams: [Option<Box<dyn Read + Send>>; 2] = [
            child.stdout.take().map(|stream| Box::new(stream) as Box<dyn Read + Send>),
            child.stderr.take().map(|stream| Box::new(stream) as Box<dyn Read + Send>),
        ];
        let readers = streams
            .into_iter()
            .flatten()
            .map(|stream| {
                let log = log.clone();
                std::thread::spawn(move || {
                    for line in BufReader::new(stream).lines().map_while(Result::ok) {
                        log.lock().unwrap_or_else(PoisonError::into_inner).push(line);
                    }
                })
            })
            .collect();
        let mut prism = Prism { child, port, log, readers };
        // Ready when Prism says it listens on this port, and the port answers: a bare connect
        // could reach another process that took the port between our probe and Prism's bind.
        let listening = format!("Prism is listening on {}", prism.url());
        let started = Instant::now();
        while !(prism.has_logged(&listening) && TcpStream::connect(("127.0.0.1", port)).is_ok()) {
            let exited = prism.exit_status();
            if exited.is_some() || started.elapsed() > limit {
                let what = match exited {
                    Some(status) => format!("Prism exited ({status}) before listening"),
                    None => format!("Prism did not listen within {} s", limit.as_secs()),
                };
                return Err(NotListening { what, log: prism.stop() });
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(prism)
    }

    /// `http://127.0.0.1:port`, the client's base URL.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Everything Prism printed so far, stdout and stderr, line by line.
    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Whether a line Prism printed contains `text`.
    fn has_logged(&self, text: &str) -> bool {
        self.log.lock().unwrap_or_else(PoisonError::into_inner).iter().any(|line| line.contains(text))
    }

    /// How Prism exited, when it has stopped by itself (it crashed).
    pub fn exit_status(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// Stops Prism and returns everything it printed, to its last line.
    pub fn stop(&mut self) -> Vec<String> {
        let _ = self.child.kill();
        let _ = self.child.wait();
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        self.log()
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_prism_is_an_error_that_says_how_to_install_it() {
        let root = std::env::temp_dir().join("prism-process-no-tools");
        let Err(error) = Prism::start(&root, Path::new("spec.yaml"), &[], Duration::from_secs(1)) else {
            panic!("Prism started without being installed");
        };
        let message = error.to_string();
        assert!(message.contains("Prism is not installed at"), "{message}");
        assert!(message.contains("npm ci --prefix tools"), "{message}");
    }

    #[test]
    fn the_reason_is_the_last_line_that_names_an_error() {
        let error = NotListening {
            what: "Prism exited (exit status: 1) before listening".to_owned(),
            log: vec![
                "[CLI] …  awaiting  Starting Prism…".to_owned(),
                "  Error: Unable to parse the document  ".to_owned(),
                "    at load (index.js:3:1)".to_owned(),
            ],
        };
        assert_eq!(
            error.to_string(),
            "Prism exited (exit status: 1) before listening: Error: Unable to parse the document"
        );
    }
}
