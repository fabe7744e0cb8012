//! Writing a generated crate to disk all at once, or comparing it with what is there.
//!
//! A crate is written into a fresh folder beside the target, which then takes the target's
//! place by two renames; until the first rename nothing the user has is touched, and a
//! failed second rename puts the old folder back. So an error leaves the target as it was.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use codegen::GeneratedFile;

/// Every file under `dir`, by path relative to it with `/` separators. A missing folder is empty.
pub fn read_tree(dir: &Path) -> io::Result<BTreeMap<String, Vec<u8>>> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return Ok(files);
    }
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current)? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("under dir").components();
                let relative: Vec<String> =
                    relative.map(|part| part.as_os_str().to_string_lossy().into_owned()).collect();
                files.insert(relative.join("/"), fs::read(&path)?);
            }
        }
    }
    Ok(files)
}

/// How the generated files differ from what `dir` holds.
#[derive(Debug, Default)]
pub struct Changes {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub modified: Vec<(String, String, String)>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.modified.is_empty()
    }

    /// The files and a unified diff of each change, for a person to read.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for path in &self.added {
            out.push_str(&format!("new file: {path}\n"));
        }
        for path in &self.removed {
            out.push_str(&format!("file to be removed: {path}\n"));
        }
        for (path, old, new) in &self.modified {
            let diff = similar::TextDiff::from_lines(old.as_str(), new.as_str());
            out.push_str(
                &diff.unified_diff().context_radius(3).header(&format!("a/{path}"), &format!("b/{path}")).to_string(),
            );
        }
        out
    }
}

pub fn compare(dir: &Path, files: &[GeneratedFile]) -> io::Result<Changes> {
    let existing = read_tree(dir)?;
    let mut changes = Changes::default();
    for file in files {
        match existing.get(&file.path) {
            None => changes.added.push(file.path.clone()),
            Some(old) if old.as_slice() != file.contents.as_bytes() => changes.modified.push((
                file.path.clone(),
                String::from_utf8_lossy(old).into_owned(),
                file.contents.clone(),
            )),
            Some(_) => {}
        }
    }
    for path in existing.keys() {
        if !files.iter().any(|file| &file.path == path) {
            changes.removed.push(path.clone());
        }
    }
    Ok(changes)
}

/// Replaces `dir` with exactly `files`, or leaves it untouched on failure.
pub fn replace_dir(dir: &Path, files: &[GeneratedFile]) -> io::Result<()> {
    let parent = dir.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let name = dir.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_else(|| "out".to_owned());
    let staging = sibling(parent, &name, "new");
    let backup = sibling(parent, &name, "old");
    let _ = fs::remove_dir_all(&staging);
    let _ = fs::remove_dir_all(&backup);

    let written = (|| -> io::Result<()> {
        for file in files {
            let path = staging.join(&file.path);
            if let Some(folder) = path.parent() {
                fs::create_dir_all(folder)?;
            }
            fs::write(&path, &file.contents)?;
        }
        fs::create_dir_all(&staging)
    })();
    if let Err(error) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }

    let had_old = dir.exists();
    if had_old && let Err(error) = fs::rename(dir, &backup) {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    if let Err(error) = fs::rename(&staging, dir) {
        if had_old {
            let _ = fs::rename(&backup, dir);
        }
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    if had_old {
        let _ = fs::remove_dir_all(&backup);
    }
    Ok(())
}

fn sibling(parent: &Path, name: &str, purpose: &str) -> PathBuf {
    parent.join(format!(".{name}.codegen-{purpose}-{}", std::process::id()))
}
