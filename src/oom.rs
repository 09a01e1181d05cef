//! Running out of memory ends with one clear line and exit status 2, the terminal given back
//! first. Rust's own handling prints `memory allocation of N bytes failed` from every thread that
//! fails, interleaved, and aborts (status 134), leaving a raw, hidden-cursor alternate screen
//! behind when the explorer was drawing. The hook for that (`set_alloc_error_hook`) is unstable,
//! so the binary's global allocator reports the failure itself, before anything aborts.
//!
//! geolens never asks for memory it can do without (no `try_reserve`), so every failed allocation
//! is the end; nothing here may allocate, lock, or unwind.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

/// The system allocator, with failure reported as above. The binary installs it.
pub struct Allocator;

unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is passed on unchanged.
        let p = unsafe { System.alloc(layout) };
        if p.is_null() {
            out_of_memory(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if p.is_null() {
            out_of_memory(layout.size());
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            out_of_memory(new_size);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as for `alloc`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// A thread that cannot be started for want of memory (its stack is mapped outside the
/// allocator) panics in `std::thread::spawn`; this hook, installed first thing by the binary,
/// reports it as running out of memory rather than as a crash. Other panics go to the hook that
/// was there before.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str));
        if message.is_some_and(|m| m.starts_with("failed to spawn thread")) {
            report(b"could not start a thread");
        }
        previous(info);
    }));
}

/// Gives the terminal back, says so once, and exits with 2. A second thread failing meanwhile
/// waits for the exit rather than print a second message.
#[cold]
fn out_of_memory(size: usize) -> ! {
    let mut what = Line::default();
    what.push(b"could not get ");
    what.number(size);
    what.push(b" bytes more");
    report(what.bytes())
}

/// `geolens: out of memory: WHAT. ...`, once, on the restored terminal; then exit 2.
fn report(what: &[u8]) -> ! {
    static REPORTED: AtomicBool = AtomicBool::new(false);
    if REPORTED.swap(true, Ordering::SeqCst) {
        loop {
            rustix::event::pause();
        }
    }
    crate::terminal::emergency_restore();
    let mut line = Line::default();
    line.push(b"geolens: out of memory: ");
    line.push(what);
    line.push(
        b". The dataset needs more memory than this process may use \
          (see `ulimit -v` and the machine's free memory).\n",
    );
    write_all(2, line.bytes());
    // SAFETY: `_exit` ends the process at once, running no handler that could allocate or
    // wait on a lock another thread holds (`std::process::exit` flushes stdout).
    unsafe { libc::_exit(2) }
}

/// A message built without allocating.
struct Line {
    buf: [u8; 256],
    len: usize,
}

impl Default for Line {
    fn default() -> Line {
        Line {
            buf: [0; 256],
            len: 0,
        }
    }
}

impl Line {
    fn push(&mut self, bytes: &[u8]) {
        let n = bytes.len().min(self.buf.len() - self.len);
        self.buf[self.len..self.len + n].copy_from_slice(&bytes[..n]);
        self.len += n;
    }

    fn number(&mut self, mut n: usize) {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.push(&digits[i..]);
    }

    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// Writes all of `bytes` to a raw descriptor, giving up on an error (the terminal may be gone).
pub(crate) fn write_all(fd: i32, mut bytes: &[u8]) {
    // SAFETY: 0, 1 and 2 stay open for the life of the process.
    let fd = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
    while !bytes.is_empty() {
        match rustix::io::write(fd, bytes) {
            Ok(0) => return,
            Ok(n) => bytes = &bytes[n..],
            Err(rustix::io::Errno::INTR) => {}
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_is_built_without_allocating() {
        let mut line = Line::default();
        line.push(b"need ");
        line.number(8_064_000);
        line.push(b" and ");
        line.number(0);
        assert_eq!(line.bytes(), b"need 8064000 and 0");
        line.push(&[b'x'; 300]);
        assert_eq!(
            line.bytes().len(),
            256,
            "a long message is cut, never overflows"
        );
    }
}
