//! The Yew page (feature `ui`).
