//! A generated cohort for the same-library rule in peer circles: two
//! colleagues of one library who agree on everything, and two people of
//! other libraries who agree with each other (fictional names).

use std::path::{Path, PathBuf};

/// The question the colleagues agree on, to add as a criterion.
pub const DAY_QUESTION: &str = "Which day suits you best for meetings?";

/// Writes the four applications into `folder` and returns the file.
pub fn colleagues_file(folder: &Path) -> PathBuf {
    let csv = format!(
        "Timestamp,Email Address,Full name,Library / organization,{DAY_QUESTION}\n\
         2026-03-02,ann@example.org,Ann Aalto,Ely Public Library,Thursday\n\
         2026-03-02,bo@example.org,Bo Berg,Ely Public Library,Thursday\n\
         2026-03-02,cy@example.org,Cy Coe,Duluth Public Library,Monday\n\
         2026-03-02,di@example.org,Di Dunn,Hibbing Public Library,Monday\n"
    );
    std::fs::create_dir_all(folder).unwrap();
    let file = folder.join("colleagues.csv");
    std::fs::write(&file, csv).unwrap();
    file
}
