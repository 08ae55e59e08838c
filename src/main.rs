//! The `shotboard` command: the GUI, or a headless command.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

/// Shotboard: a storyboard editor. With no command, opens the editor.
#[derive(Parser)]
#[command(
    version = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("SHOTBOARD_COMMIT"), ")"),
    about,
    args_conflicts_with_subcommands = true
)]
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
        /// A different photograph for every panel (1920×1080 JPEGs of about
        /// 300 KB), as in a real production: the benchmark board.
        #[arg(long)]
        distinct: bool,
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
    /// Copy images the board keeps outside its own assets folder (in
    /// another board's, say) into it, so the board can be moved or sent.
    Repair { file: PathBuf },
    /// Export a board: PDF, panel PNGs, contact sheets, animatic GIF, shot
    /// list CSV, an editor timeline, a review page for any browser, or its
    /// words as a Fountain script.
    /// The board file is never changed.
    Export {
        /// The board (`NAME.ron`); it is only read.
        file: PathBuf,
        #[arg(long, value_parser = shotboard::headless::export_formats())]
        format: String,
        /// Output file (a folder for png, contact-sheet and review).
        #[arg(short, long)]
        out: PathBuf,
        /// Frame width in pixels (png, contact-sheet, gif, fcp7-xml, otio, review).
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
        /// Call sheet of one shooting day (1 is the first); default all days.
        #[arg(long)]
        day: Option<usize>,
    },
    /// Three-way merge of a board by scene and panel id (git's merge
    /// driver: `merge %O %A %B -o %A`). Exit status 0 when clean, 1 when
    /// conflicts were recorded in the merged board, 2 when an input could
    /// not be read.
    Merge {
        /// The common ancestor.
        base: PathBuf,
        /// This branch's version.
        ours: PathBuf,
        /// The other branch's version.
        theirs: PathBuf,
        /// Where to write the merged board (may be OURS).
        #[arg(short, long)]
        out: PathBuf,
        /// Whose value a conflicting field keeps (both are in the comment).
        #[arg(long, value_parser = ["ours", "theirs"], default_value = "ours")]
        keep: String,
        /// Merge files that are not Shotboard boards line by line with
        /// `git merge-file` instead of failing (git-setup's driver uses it).
        #[arg(long)]
        text_fallback: bool,
    },
    /// Merge a reviewer's reply file (saved from an exported review page)
    /// into the board's comment threads and statuses, by panel id.
    /// Importing the same reply again changes nothing.
    ImportReview { file: PathBuf, reply: PathBuf },
    /// Print what changed from board A to board B, by scene and panel id.
    Diff { a: PathBuf, b: PathBuf },
    /// Print a board as stable line-per-fact text (git's diff textconv).
    Textconv { file: PathBuf },
    /// Set up a git repository to merge and diff boards with Shotboard:
    /// adds `*.ron merge=shotboard diff=shotboard` to .gitattributes and the
    /// driver to the repository's git config.
    GitSetup {
        /// A folder in the repository (default: the current folder).
        repo: Option<PathBuf>,
    },
    /// Keep the board as it is on disk as a named snapshot beside it
    /// (`NAME.snapshots/`), sharing its images.
    Snapshot { file: PathBuf, name: String },
    /// List a board's snapshots.
    Snapshots { file: PathBuf },
    /// Restore a snapshot as a new board (the board itself is unchanged).
    Restore {
        file: PathBuf,
        name: String,
        /// The new board to write (must not exist yet).
        #[arg(short, long)]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => shotboard::ui::run(cli.file)
            .map_err(|e| anyhow::anyhow!("could not open the window: {e}")),
        Some(Command::Merge {
            base,
            ours,
            theirs,
            out,
            keep,
            text_fallback,
        }) => return merge(&base, &ours, &theirs, &out, &keep, text_fallback),
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

/// Prints long output that is often piped (`| head`, git's pager), where a
/// reader that stops early is not an error.
fn print_text(text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::anyhow!("could not write the output: {e}"))
        }
        _ => Ok(()),
    }
}

/// `shotboard merge`, with git's exit statuses: 0 clean, 1 conflicts, 2
/// could not merge.
fn merge(
    base: &std::path::Path,
    ours: &std::path::Path,
    theirs: &std::path::Path,
    out: &std::path::Path,
    keep: &str,
    text_fallback: bool,
) -> ExitCode {
    use shotboard::headless::MergeOutcome;
    use shotboard::merge::Side;
    let keep = if keep == "theirs" {
        Side::Theirs
    } else {
        Side::Ours
    };
    match shotboard::headless::merge_files(base, ours, theirs, out, keep, text_fallback) {
        Ok(MergeOutcome::Boards(merged)) => {
            for conflict in &merged.conflicts {
                eprintln!("conflict: {conflict}");
            }
            if merged.is_clean() {
                ExitCode::SUCCESS
            } else {
                eprintln!(
                    "shotboard: {} conflict(s) recorded in {} (panels marked \"needs changes\", with a comment)",
                    merged.conflicts.len(),
                    out.display()
                );
                ExitCode::from(1)
            }
        }
        Ok(MergeOutcome::Text { conflicts }) => {
            if conflicts == 0 {
                ExitCode::SUCCESS
            } else {
                eprintln!(
                    "shotboard: not a board; merged as text with {conflicts} conflict(s) marked in {}",
                    out.display()
                );
                ExitCode::from(1)
            }
        }
        Err(e) => {
            eprintln!("shotboard: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> anyhow::Result<()> {
    match command {
        // Handled in `main` for its exit status.
        Command::Merge { .. } => unreachable!("merge runs before run()"),
        Command::Diff { a, b } => {
            let mut lines = shotboard::headless::diff_files(&a, &b)?;
            if lines.is_empty() {
                lines.push("no differences".to_owned());
            }
            lines.push(String::new());
            print_text(&lines.join("\n"))?;
        }
        Command::ImportReview { file, reply } => {
            let report = shotboard::headless::import_review_file(&file, &reply)?;
            for w in &report.warnings {
                eprintln!("warning: {}: {w}", reply.display());
            }
            println!("{}: {}", file.display(), report.summary());
        }
        Command::Textconv { file } => {
            print_text(&shotboard::headless::textconv_file(&file)?)?;
        }
        Command::GitSetup { repo } => {
            let exe = std::env::current_exe().context("could not find the running shotboard")?;
            let repo = repo.unwrap_or_else(|| PathBuf::from("."));
            let report = shotboard::headless::git_setup(&repo, &exe)?;
            println!(
                "{} {}",
                if report.attributes_added {
                    "added to"
                } else {
                    "already in"
                },
                report.attributes_file.display()
            );
            println!("  {}", shotboard::headless::GIT_ATTRIBUTES_LINE);
            println!("git config in {}:", report.repository.display());
            println!("  merge.shotboard.driver = {}", report.merge_driver);
            println!("  diff.shotboard.textconv = {}", report.textconv);
        }
        Command::Snapshot { file, name } => {
            let board = shotboard::store::read_board(&file)?;
            let snapshot = shotboard::store::save_snapshot(&board, &file, &name)?;
            println!("wrote {}", snapshot.file.display());
        }
        Command::Snapshots { file } => {
            for snapshot in shotboard::store::list_snapshots(&file)? {
                println!("{}", snapshot.name);
            }
        }
        Command::Restore { file, name, out } => {
            let board = shotboard::store::restore_snapshot(&file, &name, &out)?;
            println!(
                "wrote {}: snapshot {name:?} ({} panel(s))",
                out.display(),
                board.panel_count()
            );
        }
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
            distinct,
        } => {
            if panels > shotboard::demo::MAX_PANELS {
                anyhow::bail!("at most {} panels", shotboard::demo::MAX_PANELS);
            }
            let options = shotboard::demo::DemoOptions {
                panels,
                scenes: scenes.unwrap_or_else(|| shotboard::demo::default_scenes(panels)),
                seed,
            };
            if distinct {
                shotboard::headless::demo_distinct(&out, &options)?;
            } else {
                shotboard::headless::demo(&out, &options)?;
            }
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
            day,
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
                day,
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
