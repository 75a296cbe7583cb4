//! Text decoding (BOMs, UTF-8, Windows-1252, UTF-16) and delimiter sniffing
//! on arbitrary bytes, then the CSV reader: never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, _encoding) = matchbook::import::decode_text(data);
    let _ = matchbook::import::sniff_delimiter(&text);
    let _ = matchbook::import::read_bytes("fuzz.csv", data);
});
