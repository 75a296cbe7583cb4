//! Typst in process: a fixed layout (ours, in `letter.typ`) that reads the
//! letters as JSON data from `sys.inputs`, so nothing a committee member or an
//! applicant typed is ever parsed as Typst markup. Fonts are embedded in the
//! binary; nothing is read from disk or the network.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Dict, IntoValue};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use crate::error::{Error, Result};

/// The layout of every letter; data arrives through `sys.inputs.data`.
const LAYOUT: &str = include_str!("letters/letter.typ");
const REPORT_LAYOUT: &str = include_str!("tracking/report.typ");
const OUTCOMES_LAYOUT: &str = include_str!("tracking/outcomes.typ");
const FORM_LAYOUT: &str = include_str!("formkit/form.typ");
const BOOKLET_LAYOUT: &str = include_str!("booklet/booklet.typ");
const PERSON_LAYOUT: &str = include_str!("person.typ");

/// The fonts in `fonts/`, compressed by `build.rs` (1.5 MB instead of 2.4).
const FONT_FILES: [&[u8]; 5] = [
    include_bytes!(concat!(
        env!("OUT_DIR"),
        "/LibertinusSerif-Regular.otf.deflate"
    )),
    include_bytes!(concat!(
        env!("OUT_DIR"),
        "/LibertinusSerif-Bold.otf.deflate"
    )),
    include_bytes!(concat!(
        env!("OUT_DIR"),
        "/LibertinusSerif-Italic.otf.deflate"
    )),
    include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans.ttf.deflate")),
    include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans-Bold.ttf.deflate")),
];

fn inflate(compressed: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut font = Vec::with_capacity(compressed.len() * 2);
    flate2::read::DeflateDecoder::new(compressed)
        .read_to_end(&mut font)
        .ok()?;
    Some(font)
}

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        // Our own bytes, compressed at build time: they always inflate (a
        // test lays out every font); were one not to, Typst would use another.
        let fonts: Vec<Font> = FONT_FILES
            .iter()
            .filter_map(|data| inflate(data))
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

fn file_id(path: &str) -> FileId {
    // Paths here are our own constants, always valid.
    let vpath =
        VirtualPath::new(path).unwrap_or_else(|_| unreachable!("valid constant path {path}"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One compilation: the layout, the data, and an optional logo image.
struct LetterWorld {
    library: LazyHash<Library>,
    main: Source,
    logo_id: FileId,
    logo: Option<Bytes>,
    today: Option<Datetime>,
}

impl World for LetterWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::new(self.main.text().as_bytes().to_vec()));
        }
        match (&self.logo, id == self.logo_id) {
            (Some(bytes), true) => Ok(bytes.clone()),
            _ => Err(FileError::AccessDenied),
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

/// Lays out the letters described by `data` (see `letter.typ` for its shape).
pub fn layout(data: &serde_json::Value, logo: Option<&[u8]>) -> Result<PagedDocument> {
    compile("/letter.typ", LAYOUT, data, logo, "The letters")
}

/// Lays out a tracking report (see `tracking/report.typ` for the data's shape).
pub fn layout_report(data: &serde_json::Value) -> Result<PagedDocument> {
    compile("/report.typ", REPORT_LAYOUT, data, None, "The report")
}

/// Lays out a printable form (see `formkit/form.typ`).
pub fn layout_form(data: &serde_json::Value) -> Result<PagedDocument> {
    compile("/form.typ", FORM_LAYOUT, data, None, "The form")
}

/// Lays out the mentor booklet (see `booklet/booklet.typ`), with the letterhead's logo.
pub fn layout_booklet(data: &serde_json::Value, logo: Option<&[u8]>) -> Result<PagedDocument> {
    compile(
        "/booklet.typ",
        BOOKLET_LAYOUT,
        data,
        logo,
        "The mentor booklet",
    )
}

/// Lays out the program outcomes report (see `tracking/outcomes.typ`).
pub fn layout_outcomes(data: &serde_json::Value) -> Result<PagedDocument> {
    compile(
        "/outcomes.typ",
        OUTCOMES_LAYOUT,
        data,
        None,
        "The outcomes report",
    )
}

/// Lays out a person's data (see `person.typ`).
pub fn layout_person(data: &serde_json::Value) -> Result<PagedDocument> {
    compile(
        "/person.typ",
        PERSON_LAYOUT,
        data,
        None,
        "The person's data",
    )
}

fn compile(
    path: &str,
    source: &str,
    data: &serde_json::Value,
    logo: Option<&[u8]>,
    what: &str,
) -> Result<PagedDocument> {
    let json = serde_json::to_string(data).map_err(|e| Error::Invalid(e.to_string()))?;
    let mut inputs = Dict::new();
    inputs.insert("data".into(), json.as_str().into_value());
    let world = LetterWorld {
        library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
        main: Source::new(file_id(path), source.to_string()),
        logo_id: file_id("/logo"),
        logo: logo.map(|b| Bytes::new(b.to_vec())),
        today: None,
    };
    let result = typst::compile::<PagedDocument>(&world);
    result.output.map_err(|diagnostics| {
        let messages: Vec<String> = diagnostics.iter().map(|d| d.message.to_string()).collect();
        Error::Invalid(format!(
            "{what} could not be laid out: {}",
            messages.join("; ")
        ))
    })
}

/// The document as one tagged PDF conforming to PDF/UA-1 (ISO 14289-1), so
/// screen readers read its title, language, headings and reading order:
/// typst checks the document as it writes it and refuses what breaks the standard.
pub fn pdf(document: &PagedDocument) -> Result<Vec<u8>> {
    let standards = typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::Ua_1])
        .map_err(|e| Error::Invalid(format!("The PDF could not be written: {}", e.message())))?;
    let options = typst_pdf::PdfOptions {
        standards,
        ..typst_pdf::PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|diagnostics| {
        let messages: Vec<String> = diagnostics.iter().map(|d| d.message.to_string()).collect();
        Error::Invalid(format!(
            "The PDF could not be written: {}",
            messages.join("; ")
        ))
    })
}

/// Each page as SVG, for the preview (the same layout the PDF gets).
pub fn svg_pages(document: &PagedDocument) -> Vec<String> {
    document
        .pages()
        .iter()
        .map(|page| typst_svg::svg(page, &typst_svg::SvgOptions::default()))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_embedded_font_inflates_and_loads() {
        let loaded = &super::fonts().fonts;
        assert_eq!(loaded.len(), super::FONT_FILES.len());
        let families: Vec<&str> = loaded.iter().map(|f| f.info().family.as_str()).collect();
        assert!(
            families.contains(&"Libertinus Serif") && families.contains(&"DejaVu Sans"),
            "{families:?}"
        );
    }

    /// vendor/hayagriva stores typst's citation styles compressed (the
    /// download's size); every one must still load as before.
    #[test]
    fn typsts_citation_styles_still_load_from_the_compressed_archive() {
        use hayagriva::archive::{locales, ArchivedStyle};
        let styles = ArchivedStyle::all();
        assert!(styles.len() >= 80, "{}", styles.len());
        for style in styles {
            let csl = style.get();
            assert!(
                !csl.info().title.value.is_empty(),
                "{}",
                style.display_name()
            );
        }
        let all = locales();
        assert!(all.len() > 50, "{}", all.len());
        assert!(all
            .iter()
            .any(|l| l.lang.as_ref().is_some_and(|id| id.to_string() == "en-US")));
    }
}
