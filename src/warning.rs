//! Shared output vocabulary: warnings with stable codes. Every layer (config, simulator, subnet, max pods)
//! reports problems this way instead of failing, so the page and the CLI can show them side by side.

/// Something the user should know; `code` is stable for scripts, `message` says what ipamd does.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
}

impl Warning {
    pub fn new(code: &'static str, message: impl Into<String>) -> Warning {
        Warning {
            code,
            message: message.into(),
        }
    }
}
