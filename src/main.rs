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
    /// Make a new board from a Fountain or Final Draft (.fdx) screenplay, or
    /// a Storyboarder project.
    Import {
        input: PathBuf,
        /// The board to write (must not exist yet).
        #[arg(short, long)]
        out: PathBuf,
    },
    /// Update a board from a new draft of its script (Fountain or .fdx):
    /// matched scenes keep their panels and drawings, text edited by hand
    /// is kept, panels of cut scenes move to an OMITTED scene. Prints what
    /// changes; the update is one undo step in the editor.
    Sync {
        file: PathBuf,
        script: PathBuf,
        /// Only print what would change; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Lock or unlock scene and shot numbers, or choose how shots are
    /// numbered; prints the numbering and what a lock omits.
    Numbering {
        file: PathBuf,
        /// Freeze today's labels (again, if already locked).
        #[arg(long, conflicts_with = "unlock")]
        lock: bool,
        /// Derive labels from the order again.
        #[arg(long)]
        unlock: bool,
        /// Shots as letters (1A), dashed (1-1) or dotted (1.1) numbers.
        #[arg(long, value_parser = ["letters", "dash", "dot"])]
        scheme: Option<String>,
        /// Pad derived scene and shot numbers with zeros to this many digits.
        #[arg(long)]
        pad: Option<u8>,
        /// Skip the letters I and O (yes or no).
        #[arg(long, value_parser = clap::builder::BoolishValueParser::new())]
        skip_i_and_o: Option<bool>,
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
    /// Export a board: PDF, panel PNGs, contact sheets, animatic GIF, shot
    /// list CSV, an editor timeline, or its words as a Fountain script.
    /// The board file is never changed.
    Export {
        /// The board (`NAME.ron`); it is only read.
        file: PathBuf,
        #[arg(long, value_parser = shotboard::headless::export_formats())]
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
        Command::Sync {
            file,
            script,
            dry_run,
        } => {
            let report = shotboard::headless::sync_file(&file, &script, dry_run)?;
            print!("{}", report.summary);
            if report.saved {
                println!("updated {}", file.display());
            } else if dry_run {
                println!("dry run: {} was not changed", file.display());
            } else {
                println!("nothing to update in {}", file.display());
            }
        }
        Command::Numbering {
            file,
            lock,
            unlock,
            scheme,
            pad,
            skip_i_and_o,
        } => {
            use shotboard::model::ShotScheme;
            let change = shotboard::headless::NumberingChange {
                lock: (lock || unlock).then_some(lock),
                scheme: scheme.map(|s| match s.as_str() {
                    "dash" => ShotScheme::Dash,
                    "dot" => ShotScheme::Dot,
                    _ => ShotScheme::Letters,
                }),
                zero_pad: pad,
                skip_i_and_o,
            };
            println!("{}", shotboard::headless::numbering(&file, &change)?);
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
            if format == shotboard::headless::FOUNTAIN_FORMAT {
                let written = shotboard::headless::export_fountain_file(&file, &out, &settings)
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                println!("wrote {}", written.display());
                return Ok(());
            }
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
