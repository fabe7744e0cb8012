//! Writing a generated crate to disk, or comparing it with what is there.
//!
//! Only what changed is written: a file whose content is what the target holds keeps its
//! modification time, so cargo rebuilds only the crates whose sources changed (a crate with
//! split models is several). The new and changed files are first written into a fresh folder
//! beside the target; until they all are, nothing the user has is touched. Then each old file
//! moves into a backup folder and its new one takes its place, by renames on one file system;
//! if any step fails, every step taken is undone in reverse. So an error leaves the target as
//! it was.

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

/// Makes `dir` hold exactly `files`, writing only the files whose content differs and
/// removing those it no longer has; leaves it untouched on failure.
pub fn update_dir(dir: &Path, files: &[GeneratedFile]) -> io::Result<Changes> {
    let changes = compare(dir, files)?;
    if changes.is_empty() {
        return Ok(changes);
    }
    let parent = dir.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let name = dir.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_else(|| "out".to_owned());
    let staging = sibling(parent, &name, "new");
    let backup = sibling(parent, &name, "old");
    let _ = fs::remove_dir_all(&staging);
    let _ = fs::remove_dir_all(&backup);

    let written: Vec<&str> = changes
        .modified
        .iter()
        .map(|(path, ..)| path.as_str())
        .chain(changes.added.iter().map(String::as_str))
        .collect();
    let staged = (|| -> io::Result<()> {
        for file in files.iter().filter(|file| written.contains(&file.path.as_str())) {
            write_file(&staging.join(&file.path), file.contents.as_bytes())?;
        }
        Ok(())
    })();
    if let Err(error) = staged {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }

    let replaced: Vec<&str> = changes
        .modified
        .iter()
        .map(|(path, ..)| path.as_str())
        .chain(changes.removed.iter().map(String::as_str))
        .collect();
    let mut journal = Journal::default();
    let applied = (|| -> io::Result<()> {
        for path in &replaced {
            journal.move_file(&dir.join(path), &backup.join(path))?;
        }
        for path in &written {
            journal.move_file(&staging.join(path), &dir.join(path))?;
        }
        Ok(())
    })();
    if let Err(error) = applied {
        journal.undo();
        let _ = fs::remove_dir_all(&staging);
        let _ = fs::remove_dir_all(&backup);
        return Err(error);
    }
    for path in &changes.removed {
        remove_empty_parents(dir, &dir.join(path));
    }
    let _ = fs::remove_dir_all(&staging);
    let _ = fs::remove_dir_all(&backup);
    Ok(changes)
}

fn write_file(path: &Path, contents: &[u8]) -> io::Result<()> {
    if let Some(folder) = path.parent() {
        fs::create_dir_all(folder)?;
    }
    fs::write(path, contents)
}

/// The renames made so far, to undo in reverse, and the folders made for them.
#[derive(Default)]
struct Journal {
    moves: Vec<(PathBuf, PathBuf)>,
}

impl Journal {
    fn move_file(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        if let Some(folder) = to.parent() {
            fs::create_dir_all(folder)?;
        }
        fs::rename(from, to)?;
        self.moves.push((from.to_path_buf(), to.to_path_buf()));
        Ok(())
    }

    fn undo(self) {
        for (from, to) in self.moves.into_iter().rev() {
            if let Some(folder) = from.parent() {
                let _ = fs::create_dir_all(folder);
            }
            let _ = fs::rename(&to, &from);
        }
    }
}

/// Removes the folders between `file` and `root` that its removal left empty.
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut folder = file.parent();
    while let Some(current) = folder {
        if current == root || fs::remove_dir(current).is_err() {
            break;
        }
        folder = current.parent();
    }
}

fn sibling(parent: &Path, name: &str, purpose: &str) -> PathBuf {
    parent.join(format!(".{name}.codegen-{purpose}-{}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile { path: path.to_owned(), contents: contents.to_owned() }
    }

    fn modified(path: &Path) -> SystemTime {
        fs::metadata(path).unwrap().modified().unwrap()
    }

    /// Back-dates a file, so that a rewrite shows in its modification time even on a file
    /// system with coarse timestamps.
    fn age(path: &Path) {
        let old = SystemTime::now() - Duration::from_secs(3600);
        fs::File::options().write(true).open(path).unwrap().set_modified(old).unwrap();
    }

    #[test]
    fn only_changed_files_are_written_and_removed_ones_take_their_empty_folders() {
        let dir = scratch("changed");
        let out = dir.join("client");
        let first = [file("Cargo.toml", "a"), file("src/lib.rs", "b"), file("src/old/gone.rs", "c")];
        update_dir(&out, &first).unwrap();
        for path in ["Cargo.toml", "src/lib.rs"] {
            age(&out.join(path));
        }
        let (kept, rewritten) = (modified(&out.join("Cargo.toml")), modified(&out.join("src/lib.rs")));

        let second = [file("Cargo.toml", "a"), file("src/lib.rs", "b2"), file("src/new.rs", "d")];
        let changes = update_dir(&out, &second).unwrap();
        assert_eq!((changes.added.len(), changes.modified.len(), changes.removed.len()), (1, 1, 1));
        assert_eq!(modified(&out.join("Cargo.toml")), kept, "an unchanged file keeps its time");
        assert_ne!(modified(&out.join("src/lib.rs")), rewritten, "a changed file is rewritten");
        let tree = read_tree(&out).unwrap();
        let expected: BTreeMap<String, Vec<u8>> =
            second.iter().map(|file| (file.path.clone(), file.contents.clone().into_bytes())).collect();
        assert_eq!(tree, expected);
        assert!(!out.join("src/old").exists(), "a folder its removal emptied is gone");
        let leftovers: Vec<_> = fs::read_dir(&dir).unwrap().map(|entry| entry.unwrap().file_name()).collect();
        assert_eq!(leftovers.len(), 1, "no staging or backup folder left behind: {leftovers:?}");
        assert!(update_dir(&out, &second).unwrap().is_empty(), "a second run writes nothing");
    }

    #[test]
    fn a_failure_half_way_puts_every_file_back() {
        let dir = scratch("failure");
        let out = dir.join("client");
        update_dir(&out, &[file("a.rs", "old a"), file("b.rs", "old b"), file("z.rs/keep", "old z")]).unwrap();
        let before = read_tree(&out).unwrap();
        // `a.rs` and `b.rs` change and `z.rs/keep` goes, but the new file `z.rs` cannot take the
        // place of the folder `z.rs`, still there when it moves in: the run fails after the old
        // files were backed up and the new `a.rs` and `b.rs` moved in.
        let next = [file("a.rs", "new a"), file("b.rs", "new b"), file("z.rs", "a file now")];
        let error = update_dir(&out, &next);
        assert!(error.is_err(), "{error:?}");
        assert_eq!(read_tree(&out).unwrap(), before, "everything as it was");
        let leftovers: Vec<_> = fs::read_dir(&dir).unwrap().map(|entry| entry.unwrap().file_name()).collect();
        assert_eq!(leftovers.len(), 1, "no staging or backup folder left behind: {leftovers:?}");
    }
}
