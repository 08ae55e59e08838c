//! libFuzzer target: header probe, verify, full decode and thumbnail of
//! any bytes never panic, and what decodes respects the size limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shotboard::media::image;

fuzz_target!(|data: &[u8]| {
    let probed = image::probe(data);
    let verified = image::verify(data);
    if let Ok(img) = image::decode(data) {
        let info = probed.expect("a decodable image has a readable header");
        assert!(verified.is_ok());
        assert!(u64::from(info.width) * u64::from(info.height) <= image::MAX_PIXELS);
        assert!(img.width() > 0 && img.height() > 0);
        let thumb = image::decode_thumbnail(data, 64).expect("decodes once, decodes twice");
        assert!(thumb.width() <= 64 && thumb.height() <= 64);
    }
});
