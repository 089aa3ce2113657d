//! claimlint: checks datasets of claims about people for provenance gaps and contradictions.
pub mod names;
