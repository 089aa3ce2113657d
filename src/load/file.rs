//! One file's bytes: only a regular file is opened (a named pipe would
//! block, a device never ends), and never more than [`MAX_FILE_BYTES`] of
//! it is read, whatever its metadata says.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use super::errors::{file_error, not_utf8};
use super::{Loader, MAX_FILE_BYTES};
use crate::model::InputError;

/// The message for a file over the cap, `size` bytes when known.
fn too_large(size: Option<u64>) -> String {
    let size = match size {
        Some(size) => format!("{size} bytes"),
        None => format!("larger than {MAX_FILE_BYTES} bytes"),
    };
    format!(
        "the file is {size}; claimlint reads files of up to {MAX_FILE_BYTES} bytes (1 GiB): split it into several `.jsonl` files"
    )
}

/// What kind of thing a path that is not a regular file is, in words.
pub fn kind_of(file_type: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        return "a directory";
    }
    "not a regular file"
}

/// The error for a path that is not a regular file: it is skipped unopened.
pub fn not_regular(path: &Path, file_type: fs::FileType) -> InputError {
    file_error(
        path,
        format!(
            "skipped: `{}` is {}; only regular files are read",
            path.display(),
            kind_of(file_type)
        ),
    )
}

/// A regular file opened for reading and its size as its metadata gives
/// it, or the error that says why not.
fn open(path: &Path) -> Result<(fs::File, u64), InputError> {
    let meta =
        fs::metadata(path).map_err(|err| file_error(path, format!("cannot read file: {err}")))?;
    if !meta.is_file() {
        return Err(not_regular(path, meta.file_type()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(file_error(path, too_large(Some(meta.len()))));
    }
    fs::File::open(path)
        .map(|handle| (handle, meta.len()))
        .map_err(|err| file_error(path, format!("cannot read file: {err}")))
}

impl Loader {
    /// Reads one file into the dataset.
    pub(super) fn load_file(&mut self, path: &Path) {
        let file: Arc<str> = Arc::from(path.display().to_string());
        self.errors.start_file(&file);
        let (handle, size) = match open(path) {
            Ok(opened) => opened,
            Err(error) => return self.errors.push(error),
        };
        self.files.push(file.clone());
        // One byte over the cap says the file is over it.
        let mut capped = handle.take(MAX_FILE_BYTES + 1);
        if is_lines_file(path) {
            let read = self.lines(&file, &mut capped);
            if read > MAX_FILE_BYTES {
                self.errors.push(file_error(path, too_large(None)));
            }
            return;
        }
        let mut bytes = Vec::with_capacity(size as usize);
        if let Err(err) = capped.read_to_end(&mut bytes) {
            return self
                .errors
                .push(file_error(path, format!("cannot read file: {err}")));
        }
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return self.errors.push(file_error(path, too_large(None)));
        }
        if is_csv_file(path) {
            let text = String::from_utf8_lossy(&bytes);
            if let Err(err) = std::str::from_utf8(&bytes) {
                self.errors
                    .push(not_utf8(&file, &bytes, err.valid_up_to(), 1));
            }
            return self.csv_text(&file, &text);
        }
        // (`json_text` counts the bytes it takes over.)
        match String::from_utf8(bytes) {
            Ok(text) => self.json_text(&file, &text),
            Err(err) => {
                // Report the first bad byte, then read on with it replaced so
                // that the other records in the file are still checked.
                let valid = err.utf8_error().valid_up_to();
                let bytes = err.into_bytes();
                self.errors.push(not_utf8(&file, &bytes, valid, 1));
                self.json_text(&file, &String::from_utf8_lossy(&bytes));
            }
        }
    }
}

/// `.jsonl` and `.ndjson`: one record per line.
fn is_csv_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()) == Some("csv")
}

fn is_lines_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("jsonl" | "ndjson")
    )
}
