//! Prism, the mock server the official Cloudflare SDKs test against, started from the spec on
//! a free port of 127.0.0.1 and stopped when dropped (so also when a test panics).

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running Prism mock server.
pub struct Prism {
    child: Child,
    port: u16,
    log: Arc<Mutex<Vec<String>>>,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("client-tests is in the workspace").to_path_buf()
}

impl Prism {
    /// Starts `prism mock` on the spec and waits until it accepts connections.
    pub fn start() -> Prism {
        let root = workspace_root();
        let binary = root.join("tools/node_modules/.bin/prism");
        assert!(
            binary.exists(),
            "Prism is not installed at {}: run `cargo xtask test`, which installs it with `npm ci --prefix tools`",
            binary.display()
        );
        let port =
            TcpListener::bind("127.0.0.1:0").and_then(|listener| listener.local_addr()).expect("a free port").port();
        let mut child = Command::new(&binary)
            .current_dir(&root)
            .args(["mock", "spec/realtimekit.yaml", "--host", "127.0.0.1", "--port", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("Prism starts");
        let log = Arc::new(Mutex::new(Vec::new()));
        for stream in [
            child.stdout.take().map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
            child.stderr.take().map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let log = log.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    log.lock().expect("not poisoned").push(line);
                }
            });
        }
        let mut prism = Prism { child, port, log };
        // Ready when Prism says it listens on this port, and the port answers: a bare connect
        // could reach another process that took the port between our probe and Prism's bind.
        let listening = format!("Prism is listening on {}", prism.url());
        let started = Instant::now();
        while !(prism.log().iter().any(|line| line.contains(&listening))
            && TcpStream::connect(("127.0.0.1", port)).is_ok())
        {
            if let Ok(Some(status)) = prism.child.try_wait() {
                panic!("Prism exited ({status}) before listening:\n{}", prism.log().join("\n"));
            }
            assert!(
                started.elapsed() < Duration::from_secs(90),
                "Prism did not listen within 90 s:\n{}",
                prism.log().join("\n")
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        prism
    }

    /// `http://127.0.0.1:port`, the client's base URL.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Everything Prism printed so far.
    pub fn log(&self) -> Vec<String> {
        self.log.lock().expect("not poisoned").clone()
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
            let state = match self.child.try_wait() {
                Ok(Some(status)) => format!("Prism had exited ({status})"),
                _ => "Prism was still running".to_owned(),
            };
            let log = self.log();
            let tail = &log[log.len().saturating_sub(20)..];
            eprintln!("{state} on {}; its last lines:\n{}", self.url(), tail.join("\n"));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
