//! Stand-ins for other Shotboard processes in lock and staging tests,
//! shared by the test crates that include this file.

use std::process::{Child, Command, Stdio};

/// A running process standing in for another Shotboard. Stopped on drop,
/// also when an assertion fails first, so no test leaves it behind.
pub struct OtherProcess(Child);

impl OtherProcess {
    pub fn start() -> Self {
        Self(
            Command::new("sleep")
                .arg("30")
                .stdout(Stdio::null())
                .spawn()
                .unwrap(),
        )
    }

    pub fn id(&self) -> u32 {
        self.0.id()
    }
}

impl Drop for OtherProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The id of a process that has ended (until the system reuses it).
pub fn ended_pid() -> u32 {
    let mut ended = Command::new("true").spawn().unwrap();
    ended.wait().unwrap();
    ended.id()
}
