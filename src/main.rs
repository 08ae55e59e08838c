//! The `shotboard` command: the GUI, or a headless command.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

/// Shotboard: a storyboard editor. With no command, opens the editor.
#[derive(Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    /// Board to open (`NAME.ron`); with none, an untitled copy of the demo.
    file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Print a board's title, counts, runtime and missing images.
    Info {
        file: PathBuf,
        /// One JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write a synthetic board with generated frames, for tests and benches.
    /// The same arguments always write byte-identical files.
    Demo {
        out: PathBuf,
        /// Number of panels.
        #[arg(long, default_value_t = 60)]
        panels: usize,
        /// Number of scenes (default: one per ten panels).
        #[arg(long)]
        scenes: Option<usize>,
        /// Random seed for text, shot facts and pictures.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Make a new board from a Fountain screenplay or a Storyboarder project.
    Import {
        input: PathBuf,
        /// The board to write (must not exist yet).
        #[arg(short, long)]
        out: PathBuf,
    },
    /// Append panels made from images (creates the board if missing).
    AddImages {
        file: PathBuf,
        #[arg(required = true)]
        images: Vec<PathBuf>,
        /// Scene number (1-based) to append to; default the last scene.
        #[arg(long)]
        scene: Option<usize>,
    },
    /// Copy images the board keeps outside its own assets folder (in
    /// another board's, say) into it, so the board can be moved or sent.
    Repair { file: PathBuf },
    /// Export a board: PDF, panel PNGs, contact sheets, animatic GIF, shot
    /// list CSV, or an editor timeline. The board file is never changed.
    Export {
        /// The board (`NAME.ron`); it is only read.
        file: PathBuf,
        #[arg(long, value_parser = shotboard::export::CLI_FORMATS)]
        format: String,
        /// Output file (a folder for png and contact-sheet).
        #[arg(short, long)]
        out: PathBuf,
        /// Frame width in pixels (png, contact-sheet, gif, fcp7-xml, otio).
        #[arg(long)]
        width: Option<u32>,
        /// PDF panels per page: 1, 2, 3, 4, 6 or 9.
        #[arg(long)]
        per_page: Option<u32>,
        /// PDF paper size.
        #[arg(long, value_parser = ["a4", "letter"])]
        paper: Option<String>,
        /// PDF pages in landscape (default portrait).
        #[arg(long)]
        landscape: bool,
        /// Start the PDF with a title page.
        #[arg(long)]
        title_page: bool,
        /// PDF frame resolution in dots per inch.
        #[arg(long)]
        dpi: Option<u32>,
        /// Contact sheet columns.
        #[arg(long)]
        columns: Option<u32>,
        /// Contact sheet rows.
        #[arg(long)]
        rows: Option<u32>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => shotboard::ui::run(cli.file)
            .map_err(|e| anyhow::anyhow!("could not open the window: {e}")),
        Some(command) => run(command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("shotboard: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Info { file, json } => {
            let info = shotboard::headless::board_info(&file)?;
            for m in &info.missing_assets {
                eprintln!("warning: {}: {}: {}", m.panel, m.path, m.problem);
            }
            if !info.outside_assets.is_empty() {
                eprintln!(
                    "warning: {} image(s) kept outside {}; run `shotboard repair {}` to copy them in",
                    info.outside_assets.len(),
                    shotboard::store::assets_dir_name(&file),
                    file.display()
                );
            }
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&info).context("could not format JSON")?
                );
            } else {
                println!("{info}");
            }
        }
        Command::Import { input, out } => {
            let warnings = shotboard::headless::import_file(&input, &out)?;
            for w in &warnings {
                eprintln!("warning: {}: {w}", input.display());
            }
            let info = shotboard::headless::board_info(&out)?;
            println!(
                "wrote {}: {} scene(s), {} panel(s), runtime {}",
                out.display(),
                info.scenes,
                info.panels,
                info.runtime
            );
        }
        Command::Demo {
            out,
            panels,
            scenes,
            seed,
        } => {
            if panels > shotboard::demo::MAX_PANELS {
                anyhow::bail!("at most {} panels", shotboard::demo::MAX_PANELS);
            }
            let options = shotboard::demo::DemoOptions {
                panels,
                scenes: scenes.unwrap_or_else(|| shotboard::demo::default_scenes(panels)),
                seed,
            };
            shotboard::headless::demo(&out, &options)?;
            println!("wrote {} ({panels} panels)", out.display());
        }
        Command::AddImages {
            file,
            images,
            scene,
        } => {
            let report = shotboard::headless::add_images(&file, &images, scene)?;
            for (path, reason) in &report.failed {
                eprintln!("skipped {}: {reason}", path.display());
            }
            println!(
                "{} {}: added {} panel(s){}",
                if report.created_board {
                    "created"
                } else {
                    "updated"
                },
                file.display(),
                report.added.len(),
                if report.failed.is_empty() {
                    String::new()
                } else {
                    format!(", {} file(s) failed", report.failed.len())
                }
            );
        }
        Command::Repair { file } => {
            let report = shotboard::headless::repair(&file)?;
            for reason in &report.failed {
                eprintln!("warning: {reason}");
            }
            if report.copied == 0 && report.failed.is_empty() {
                println!(
                    "{}: every image is already in its own assets folder",
                    file.display()
                );
            } else {
                println!(
                    "{}: copied {} image(s) into {}",
                    file.display(),
                    report.copied,
                    shotboard::store::assets_dir_name(&file)
                );
            }
            if !report.failed.is_empty() {
                anyhow::bail!("{} image(s) could not be copied", report.failed.len());
            }
        }
        Command::Export {
            file,
            format,
            out,
            width,
            per_page,
            paper,
            landscape,
            title_page,
            dpi,
            columns,
            rows,
        } => {
            let settings = shotboard::headless::ExportSettings {
                width,
                per_page,
                paper: paper.map(|p| match p.as_str() {
                    "letter" => shotboard::export::Paper::Letter,
                    _ => shotboard::export::Paper::A4,
                }),
                landscape,
                title_page,
                dpi,
                columns,
                rows,
            };
            let job = shotboard::headless::export_job(&format, &settings)?;
            let progress = shotboard::export::Progress::new();
            // The error already names the file and the reason; its source chain
            // would repeat the reason.
            let report = shotboard::headless::export(&file, &job, &out, &progress)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            for (path, problem) in &report.missing_images {
                eprintln!("warning: {path}: {problem} (drawn as a placeholder)");
            }
            if job.writes_folder() {
                println!(
                    "wrote {} file(s) to {}",
                    report.written.len(),
                    out.display()
                );
            } else {
                for path in &report.written {
                    println!("wrote {}", path.display());
                }
            }
        }
    }
    Ok(())
}
