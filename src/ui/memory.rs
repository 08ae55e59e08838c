//! How the app asks glibc's allocator to keep its footprint small.
//!
//! The defaults suit servers with many busy threads, not a desktop app that
//! sits idle most of the day: every thread that ever allocated keeps its own
//! arena of freed blocks mapped, and freed memory stays resident until the
//! top of an arena happens to be free. Both policies are no-ops off glibc.

/// Use one malloc arena for all threads. Shotboard's threads (thumbnail and
/// export workers, the GL driver's rasteriser threads, saving) allocate a
/// few large buffers each, so contention is negligible, while per-thread
/// arenas kept 3–6 MB of freed pages resident at idle. Call at start-up:
/// threads that already have an arena keep it.
pub fn share_one_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator tuning.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// Return freed heap memory to the operating system, after a burst of work
/// (decoding hundreds of full-size images leaves tens of megabytes of freed
/// blocks behind).
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases memory glibc already considers free.
    unsafe {
        libc::malloc_trim(0);
    }
}
