//! What anonymous traffic may make the hub hold: token buckets for rates, and the sockets and
//! new sessions of each client address.

use super::LiveConfig;
use super::lock;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

/// A token bucket: `rate` events a second, at most `burst` at once.
pub(crate) struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    pub fn full(burst: u32, now: Instant) -> Self {
        Self {
            tokens: f64::from(burst),
            at: now,
        }
    }

    /// Takes a token if there is one; else how many milliseconds until there is.
    pub fn take(&mut self, now: Instant, per_second: u32, burst: u32) -> Result<(), u64> {
        let rate = f64::from(per_second);
        let burst = f64::from(burst);
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + elapsed * rate).min(burst);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - self.tokens) / rate;
            Err((wait * 1000.0).ceil() as u64)
        }
    }
}

/// What one client address holds: its live sockets, and its budget of new sessions.
struct AddressUse {
    sockets: usize,
    sessions: Bucket,
}

type Uses = Mutex<HashMap<IpAddr, AddressUse>>;

/// The limited client addresses and what each holds.
#[derive(Default)]
pub(crate) struct AddressBook(Arc<Uses>);

/// A live socket counted against its client's address until it is dropped.
pub(crate) struct AddressSlot {
    uses: Weak<Uses>,
    ip: IpAddr,
}

impl Drop for AddressSlot {
    fn drop(&mut self) {
        if let Some(uses) = self.uses.upgrade()
            && let Some(used) = lock(&uses).get_mut(&self.ip)
        {
            used.sockets = used.sockets.saturating_sub(1);
        }
    }
}

impl AddressBook {
    /// Counts a live socket against `address`; `Err` when that address holds as many as it
    /// may. Addresses that are not limited always get in, without a slot.
    pub fn admit(
        &self,
        address: Option<kiln_core::ClientAddress>,
        config: &LiveConfig,
    ) -> Result<Option<AddressSlot>, ()> {
        let Some(address) = address.filter(kiln_core::ClientAddress::is_limited) else {
            return Ok(None);
        };
        let mut uses = lock(&self.0);
        let used = uses.entry(address.ip).or_insert_with(|| AddressUse {
            sockets: 0,
            sessions: Bucket::full(config.session_burst_per_address, Instant::now()),
        });
        if used.sockets >= config.sockets_per_address {
            return Err(());
        }
        used.sockets += 1;
        Ok(Some(AddressSlot {
            uses: Arc::downgrade(&self.0),
            ip: address.ip,
        }))
    }

    /// Takes a new session from `slot`'s address budget; how long to wait if there is none.
    pub fn take_new_session(
        &self,
        slot: Option<&AddressSlot>,
        config: &LiveConfig,
    ) -> Result<(), u64> {
        let Some(slot) = slot else {
            return Ok(());
        };
        match lock(&self.0).get_mut(&slot.ip) {
            Some(used) => used.sessions.take(
                Instant::now(),
                config.sessions_per_second_per_address,
                config.session_burst_per_address,
            ),
            None => Ok(()),
        }
    }

    /// Forgets the addresses with no socket whose budget of sessions has refilled.
    pub fn forget_idle(&self, now: Instant, config: &LiveConfig) {
        let refill = Duration::from_secs_f64(
            f64::from(config.session_burst_per_address)
                / f64::from(config.sessions_per_second_per_address),
        );
        lock(&self.0).retain(|_, used| {
            used.sockets > 0 || now.saturating_duration_since(used.sessions.at) < refill
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bucket_allows_a_burst_then_the_rate() {
        let start = Instant::now();
        let mut bucket = Bucket::full(3, start);
        assert!(bucket.take(start, 10, 3).is_ok());
        assert!(bucket.take(start, 10, 3).is_ok());
        assert!(bucket.take(start, 10, 3).is_ok());
        let retry = bucket.take(start, 10, 3).expect_err("the burst is spent");
        assert_eq!(retry, 100, "one event every 100 ms at 10 a second");
        assert!(
            bucket
                .take(start + Duration::from_millis(100), 10, 3)
                .is_ok()
        );
    }
}
