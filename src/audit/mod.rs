//! The audit log's pages; recording an event is the kernel's (`crate::kernel::audit`).

pub mod pages;
