//! The memory floor of an eframe window: the same eframe features, window
//! size and release profile as Shotboard, drawing two labels and nothing
//! else. `benches/startup.sh` measures it beside Shotboard so start-up
//! memory can be read as "the toolkit's floor + what Shotboard adds".

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("eframe floor")
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    eframe::run_ui_native("eframe floor", options, |ui, _frame| {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("eframe floor");
            ui.label("An empty eframe window, for memory comparisons.");
        });
    })
}
