//! Frame images are fitted by *contain* with bars, mirrored by flip, faded
//! by the reference layer, and replaced by a placeholder when missing.

use image::RgbaImage;
use shotboard::model::{AspectRatio, Layer, Panel, PanelId};
use shotboard::render::{RenderOptions, render_panel};

const RED: [u8; 4] = [220, 30, 30, 255];

fn solid(w: u32, h: u32, rgba: [u8; 4]) -> RgbaImage {
    RgbaImage::from_pixel(w, h, image::Rgba(rgba))
}

fn close(a: [u8; 4], b: [u8; 4]) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= 3)
}

#[test]
fn wide_image_letterboxes_with_bars_at_top_and_bottom() {
    // 2.39:1 into 160 × 90: the image is 160 × 67 at rows 11..78.
    let options = RenderOptions::default();
    let img = render_panel(
        &Panel::new(PanelId(1)),
        Some(&solid(478, 200, RED)),
        AspectRatio::Hd16x9,
        160,
        &options,
    );
    let bar = options.letterbox.0;
    for x in [0, 80, 159] {
        assert_eq!(img.get_pixel(x, 0).0, bar);
        assert_eq!(img.get_pixel(x, 10).0, bar);
        assert!(close(img.get_pixel(x, 12).0, RED));
        assert!(close(img.get_pixel(x, 45).0, RED));
        assert!(close(img.get_pixel(x, 77).0, RED));
        assert_eq!(img.get_pixel(x, 79).0, bar);
        assert_eq!(img.get_pixel(x, 89).0, bar);
    }
}

#[test]
fn narrow_image_pillarboxes_and_large_images_downscale_cleanly() {
    // 4:3 at 4000 × 3000 into 160 × 90: 120 × 90 at columns 20..140.
    let options = RenderOptions::default();
    let img = render_panel(
        &Panel::new(PanelId(1)),
        Some(&solid(4000, 3000, RED)),
        AspectRatio::Hd16x9,
        160,
        &options,
    );
    assert_eq!(img.get_pixel(19, 45).0, options.letterbox.0);
    assert!(close(img.get_pixel(20, 45).0, RED));
    assert!(close(img.get_pixel(139, 0).0, RED));
    assert_eq!(img.get_pixel(140, 89).0, options.letterbox.0);
}

#[test]
fn flip_mirrors_the_image() {
    let mut src = solid(16, 9, [255, 255, 255, 255]);
    for y in 0..9 {
        for x in 0..4 {
            src.put_pixel(x, y, image::Rgba(RED));
        }
    }
    let options = RenderOptions {
        flip_horizontal: true,
        ..RenderOptions::default()
    };
    let img = render_panel(
        &Panel::new(PanelId(1)),
        Some(&src),
        AspectRatio::Hd16x9,
        160,
        &options,
    );
    assert!(
        close(img.get_pixel(150, 45).0, RED),
        "red moved to the right"
    );
    assert!(close(img.get_pixel(10, 45).0, [255, 255, 255, 255]));
}

#[test]
fn hiding_the_reference_layer_hides_the_image() {
    let mut options = RenderOptions::default();
    options.layer_mut(Layer::Reference).visible = false;
    let img = render_panel(
        &Panel::new(PanelId(1)),
        Some(&solid(160, 90, RED)),
        AspectRatio::Hd16x9,
        160,
        &options,
    );
    assert!(img.pixels().all(|p| p.0 == [255, 255, 255, 255]));
}

#[test]
fn missing_image_shows_grey_with_a_cross() {
    let options = RenderOptions {
        missing_image: true,
        ..RenderOptions::default()
    };
    let img = render_panel(
        &Panel::new(PanelId(1)),
        None,
        AspectRatio::Hd16x9,
        160,
        &options,
    );
    let grey = img.get_pixel(80, 10).0;
    assert!(grey[0] == grey[1] && grey[1] == grey[2] && (150..230).contains(&grey[0]));
    let cross = img.get_pixel(80, 45).0;
    assert!(cross[0] + 30 < grey[0], "the centre lies on the cross");
    let corner = img.get_pixel(1, 1).0;
    assert!(corner[0] + 30 < grey[0], "the cross reaches the corners");

    // An empty image counts as missing too.
    let empty = render_panel(
        &Panel::new(PanelId(1)),
        Some(&RgbaImage::new(0, 0)),
        AspectRatio::Hd16x9,
        160,
        &options,
    );
    assert_eq!(empty, img);

    // Without the flag and without an image, the frame is just paper.
    let plain = render_panel(
        &Panel::new(PanelId(1)),
        None,
        AspectRatio::Hd16x9,
        160,
        &RenderOptions::default(),
    );
    assert!(plain.pixels().all(|p| p.0 == [255, 255, 255, 255]));
}
