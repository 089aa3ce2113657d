//! `claimlint report --html`: one self-contained page.

use crate::finding::Finding;
use crate::model::Dataset;
use crate::reconcile::Entities;
use crate::review::Applied;

/// The verdict hook: given an entity index, the verdict text to show in its
/// verdict slot, or `None` for "no verdict". Provenance will supply it.
pub type Verdicts<'a> = &'a dyn Fn(usize) -> Option<String>;

pub struct Page<'a> {
    pub dataset: &'a Dataset,
    pub entities: &'a Entities,
    pub findings: &'a [Finding],
    pub reviews: &'a Applied<'a>,
    pub verdicts: Option<Verdicts<'a>>,
}

pub fn render(_page: &Page) -> String {
    String::new()
}
