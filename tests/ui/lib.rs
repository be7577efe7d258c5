//! Nothing to see here: the cases are in ui.rs and the folders beside it.
