//! Parsing one variable as ipamd does (Go's `strconv`), with its default from `SETTINGS` and a warning
//! where ipamd silently falls back.

use super::{CniConfig, Kind, Setting};
use crate::vpc::InstanceTypeLimits;
use crate::warning::Warning;

/// Go's `strconv.Atoi` on a 64-bit platform: optional sign, ASCII digits, no blanks, in `i64` range.
pub fn go_atoi(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i64>().ok()
}

/// Go's `strconv.ParseBool`.
pub fn go_parse_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// Sets `s`'s field of `config` to the value ipamd uses given its raw value (`None`: unset):
/// `getWarmENITarget`, `getWarmIPTarget`, `getMinimumIPTarget`, `getWarmPrefixTarget`, `getCooldownPeriod` for
/// integers, `getMaxENI`, and the `ParseBool` readers. Text settings (the ENIConfig label and annotation keys)
/// fill no field.
pub(super) fn fill(
    config: &mut CniConfig,
    s: &Setting,
    raw: Option<&str>,
    instance: &InstanceTypeLimits,
    warnings: &mut Vec<Warning>,
) {
    match s.kind {
        Kind::Int {
            default,
            negative_ok,
            field,
        } => *field(config) = int(s.name, raw, default, negative_ok, warnings),
        Kind::Bool { default, field } => *field(config) = boolean(s.name, raw, default, warnings),
        Kind::Text { .. } => {}
        Kind::EniLimit { field } => *field(config) = max_eni(raw, instance, warnings),
    }
}

/// Non-integers, and negatives unless `negative_ok`, fall back to `default`.
fn int(name: &str, raw: Option<&str>, default: i64, negative_ok: bool, warnings: &mut Vec<Warning>) -> i64 {
    let Some(raw) = raw else {
        return default;
    };
    match go_atoi(raw) {
        Some(v) if v < 0 && !negative_ok => {
            warnings.push(Warning::new(
                "negative-value",
                format!("{name}={raw} is negative; ipamd ignores it and uses {default}."),
            ));
            default
        }
        Some(v) => v,
        None => {
            warnings.push(Warning::new(
                "not-an-integer",
                // Quoted by hand, not `{:?}`: the shipped wasm has no Debug formatting (Makefile 'small-wasm').
                format!(
                    "{name}=\"{}\" is not an integer to Go's strconv.Atoi; ipamd uses {default}.",
                    raw.escape_default()
                ),
            ));
            default
        }
    }
}

/// Anything `strconv.ParseBool` refuses is `default`; only a non-empty one is worth a warning.
fn boolean(name: &str, raw: Option<&str>, default: bool, warnings: &mut Vec<Warning>) -> bool {
    let Some(raw) = raw else {
        return default;
    };
    go_parse_bool(raw).unwrap_or_else(|| {
        if !raw.is_empty() {
            warnings.push(Warning::new(
                "not-a-boolean",
                format!(
                    "{name}=\"{}\" is not a Go boolean (true/false/1/0/t/f); ipamd uses {default}.",
                    raw.escape_default()
                ),
            ));
        }
        default
    })
}

/// `getMaxENI`: an integer ≥ 1 below the instance limit takes effect; anything else is ignored.
fn max_eni(raw: Option<&str>, instance: &InstanceTypeLimits, warnings: &mut Vec<Warning>) -> u32 {
    let Some(raw) = raw else {
        return instance.eni_limit;
    };
    let parsed = go_atoi(raw);
    let why = match parsed {
        Some(v) if v >= 1 && v < i64::from(instance.eni_limit) => {
            return u32::try_from(v).unwrap_or(instance.eni_limit)
        }
        None => "is not an integer".to_string(),
        Some(v) if v < 1 => "is below 1".to_string(),
        Some(_) => format!("is not below {}'s ENI limit of {}", instance.name, instance.eni_limit),
    };
    warnings.push(Warning::new(
        "max-eni-ignored",
        format!(
            "MAX_ENI={raw} {why}; ipamd uses the instance limit, {} ENIs.",
            instance.eni_limit
        ),
    ));
    instance.eni_limit
}
