//! The one CPU rasteriser for a panel: frame image plus sketch strokes.
//!
//! Card thumbnails, the editor's finished-stroke cache and every export call
//! [`render_panel`] (or the stroke functions under it), so what the canvas
//! shows is what the PDF shows.
//!
//! The frame image belongs to the [`Layer::Reference`] layer: hiding that
//! layer hides the image (and its letterbox bars), and its opacity fades it,
//! just like the reference strokes drawn on it.

mod convert;
mod frame;
mod strokes;

use image::RgbaImage;
use tiny_skia::{Pixmap, Transform};

pub use convert::{image_to_pixmap, pixmap_to_image};
pub use frame::contain_rect;
pub use strokes::{render_stroke_onto, render_strokes_onto};

use crate::model::{AspectRatio, Layer, Panel, Rgba};

/// No rendered side is larger than this many pixels (an 8K frame), so a
/// mistyped export size cannot exhaust memory.
pub const MAX_RENDER_SIDE: u32 = 8192;

/// How one layer is shown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayerStyle {
    pub visible: bool,
    /// 0 (transparent) to 1 (opaque); multiplies every stroke's own opacity.
    pub opacity: f32,
}

impl Default for LayerStyle {
    fn default() -> Self {
        Self {
            visible: true,
            opacity: 1.0,
        }
    }
}

impl LayerStyle {
    /// The opacity actually used: clamped, with non-finite values as opaque.
    pub fn opacity(self) -> f32 {
        if self.opacity.is_finite() {
            self.opacity.clamp(0.0, 1.0)
        } else {
            1.0
        }
    }

    /// Whether anything on this layer can show.
    pub fn is_drawn(self) -> bool {
        self.visible && self.opacity() > 0.0
    }
}

/// Everything about a render that is not in the panel itself.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderOptions {
    /// Per-layer style, indexed in [`Layer::ALL`] order; use
    /// [`RenderOptions::layer`] / [`RenderOptions::layer_mut`].
    pub layers: [LayerStyle; 4],
    /// Mirror the whole frame (image and strokes) left to right.
    pub flip_horizontal: bool,
    /// The panel's image could not be loaded: draw the placeholder (grey
    /// with a diagonal cross) where the image would be. Ignored when an
    /// image is passed in.
    pub missing_image: bool,
    /// Background under everything.
    pub paper: Rgba,
    /// Colour of the bars around an image whose shape differs from the frame.
    pub letterbox: Rgba,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self {
            layers: [LayerStyle::default(); 4],
            flip_horizontal: false,
            missing_image: false,
            paper: Rgba([0xff, 0xff, 0xff, 0xff]),
            letterbox: Rgba([0x2b, 0x2b, 0x2b, 0xff]),
        }
    }
}

impl RenderOptions {
    pub fn layer(&self, layer: Layer) -> LayerStyle {
        self.layers[layer_index(layer)]
    }

    pub fn layer_mut(&mut self, layer: Layer) -> &mut LayerStyle {
        &mut self.layers[layer_index(layer)]
    }
}

fn layer_index(layer: Layer) -> usize {
    match layer {
        Layer::Reference => 0,
        Layer::Sketch => 1,
        Layer::Ink => 2,
        Layer::Annotation => 3,
    }
}

/// The pixel size [`render_panel`] produces for a requested width: the
/// aspect's frame size, shrunk (keeping its shape) so no side exceeds
/// [`MAX_RENDER_SIDE`].
pub fn render_size(aspect: AspectRatio, width_px: u32) -> (u32, u32) {
    let ratio = aspect.ratio();
    let widest = (MAX_RENDER_SIDE as f32 * ratio.min(1.0)).floor().max(1.0) as u32;
    let (w, h) = aspect.frame_size(width_px.clamp(1, widest));
    (w.min(MAX_RENDER_SIDE), h.clamp(1, MAX_RENDER_SIDE))
}

/// Render a panel: paper, the frame image fitted by *contain* (or the
/// missing-image placeholder), then its strokes layer by layer.
///
/// Never panics, whatever the strokes hold.
pub fn render_panel(
    panel: &Panel,
    frame_image: Option<&RgbaImage>,
    aspect: AspectRatio,
    width_px: u32,
    options: &RenderOptions,
) -> RgbaImage {
    let (w, h) = render_size(aspect, width_px);
    let Some(mut pixmap) = Pixmap::new(w, h) else {
        return RgbaImage::from_pixel(w, h, image::Rgba(options.paper.0));
    };
    let [r, g, b, a] = options.paper.0;
    pixmap.fill(tiny_skia::Color::from_rgba8(r, g, b, a));
    let mut canvas = pixmap.as_mut();

    let reference = options.layer(Layer::Reference);
    if reference.is_drawn() {
        let flip = if options.flip_horizontal {
            Transform::from_row(-1.0, 0.0, 0.0, 1.0, w as f32, 0.0)
        } else {
            Transform::identity()
        };
        match frame_image.filter(|i| i.width() > 0 && i.height() > 0) {
            Some(image) => frame::draw_image(
                &mut canvas,
                image,
                options.letterbox,
                reference.opacity(),
                flip,
            ),
            None if options.missing_image => frame::draw_missing(&mut canvas, reference.opacity()),
            None => {}
        }
    }
    render_strokes_onto(&mut canvas, &panel.strokes, options);
    pixmap_to_image(pixmap)
}
