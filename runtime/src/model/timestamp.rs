//! [`Timestamp`]: the time of an error, as bodies write it.

use super::taint::taint;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A point in time that displays as RFC 3339 UTC with second precision:
/// `2024-01-15T10:30:00Z`.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// let time = UNIX_EPOCH + Duration::from_millis(1_705_314_600_999);
/// assert_eq!(errcat::envelope::Timestamp::from(time).to_string(), "2024-01-15T10:30:00Z");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timestamp(Option<SystemTime>);

impl From<SystemTime> for Timestamp {
    fn from(time: SystemTime) -> Self {
        Timestamp(Some(time))
    }
}

impl Timestamp {
    /// The stand-in for the time while a body is recorded.
    pub(crate) const HOLE: Timestamp = Timestamp(None);

    /// Whether this is the recording's stand-in.
    pub(crate) fn is_hole(self) -> bool {
        self.0.is_none()
    }

    /// The 20 bytes of `YYYY-MM-DDTHH:MM:SSZ`. Times before 1970 or after 9999 are clamped
    /// to those years rather than printed wrong.
    pub(crate) fn rfc3339(self) -> [u8; 20] {
        const MAX: u64 = 253_402_300_799; // 9999-12-31T23:59:59Z
        let Some(time) = self.0 else {
            taint();
            return *b"1970-01-01T00:00:00Z";
        };
        let secs = time
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs())
            .min(MAX);
        let (days, secs_of_day) = (secs / 86_400, secs % 86_400);
        let (year, month, day) = civil_from_days(days);
        let (hour, minute, second) = (secs_of_day / 3600, secs_of_day / 60 % 60, secs_of_day % 60);
        let mut out = *b"0000-00-00T00:00:00Z";
        let digits = |out: &mut [u8], value: u64| {
            let mut value = value;
            for slot in out.iter_mut().rev() {
                *slot = b'0' + u8::try_from(value % 10).unwrap_or(0);
                value /= 10;
            }
        };
        digits(&mut out[0..4], year);
        digits(&mut out[5..7], month);
        digits(&mut out[8..10], day);
        digits(&mut out[11..13], hour);
        digits(&mut out[14..16], minute);
        digits(&mut out[17..19], second);
        out
    }
}

/// The proleptic Gregorian date of the day `days` after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, for days on or after the epoch).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bytes = self.rfc3339();
        // Only ASCII digits and separators were written.
        f.write_str(std::str::from_utf8(&bytes).map_err(|_| fmt::Error)?)
    }
}

#[cfg(test)]
mod tests {
    use super::{Timestamp, civil_from_days};
    use std::time::{Duration, UNIX_EPOCH};

    fn at(secs: u64) -> String {
        Timestamp::from(UNIX_EPOCH + Duration::from_secs(secs)).to_string()
    }

    #[test]
    fn known_times() {
        assert_eq!(at(0), "1970-01-01T00:00:00Z");
        assert_eq!(at(1_705_314_600), "2024-01-15T10:30:00Z");
        assert_eq!(at(1_765_708_200), "2025-12-14T10:30:00Z");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(at(4_107_542_399), "2100-02-28T23:59:59Z");
        assert_eq!(at(253_402_300_799), "9999-12-31T23:59:59Z");
        assert_eq!(at(u64::MAX / 2), "9999-12-31T23:59:59Z");
        let before = Timestamp::from(UNIX_EPOCH - Duration::from_secs(5));
        assert_eq!(before.to_string(), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn every_day_follows_the_calendar() {
        let (mut year, mut month, mut day) = (1970, 1, 1);
        for days in 0..200_000 {
            assert_eq!(civil_from_days(days), (year, month, day), "day {days}");
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            let length = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            day += 1;
            if day > length {
                day = 1;
                month += 1;
                if month > 12 {
                    month = 1;
                    year += 1;
                }
            }
        }
    }
}
