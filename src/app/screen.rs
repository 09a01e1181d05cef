//! What fills the body of the screen, between the tab strip and the status line: the explorer (a
//! list beside the page of its selection) or a view that takes the whole body.

use super::compare::CompareView;

#[derive(Debug, Clone, Default)]
pub enum Screen {
    #[default]
    Explorer,
    /// Two items side by side, their sections aligned.
    Compare(Box<CompareView>),
}
