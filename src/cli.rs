//! Command line: every option can also be given as an environment variable.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};

use crate::db::{Database, DbOptions};

#[derive(Debug, Parser)]
#[command(
    name = "retning",
    version,
    about = "Retning — strategy and half-yearly follow-up for Danish municipalities",
    long_about = "Retning keeps a municipality's strategy (focus areas, goals, SMART sub-goals, \
                  initiatives) and its half-yearly follow-up.\n\nWithout DATABASE_URL every command \
                  starts a private PostgreSQL cluster in --data-dir from the system's PostgreSQL \
                  binaries and stops it again when it is done."
)]
pub struct Cli {
    #[command(flatten)]
    pub db: DbArgs,

    /// Log filter when RUST_LOG is not set (e.g. "info", "retning=debug,tower_http=info").
    #[arg(
        long,
        env = "RETNING_LOG",
        default_value = "info,sqlx=warn",
        global = true
    )]
    pub log: String,

    /// The address users reach Retning at (no trailing slash needed), used in invitation and
    /// password links, whether `serve` or `user create` makes them.
    #[arg(
        long,
        env = "RETNING_BASE_URL",
        default_value = "http://127.0.0.1:8080",
        global = true
    )]
    pub base_url: String,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The base URL as links are built from it: without a trailing slash.
    pub fn base_url(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }
}

#[derive(Debug, Args)]
pub struct DbArgs {
    /// PostgreSQL server to use (owner of the schema; runs the migrations). Without it, Retning
    /// runs its own embedded cluster in --data-dir.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,

    /// Data directory of the embedded PostgreSQL cluster (used when DATABASE_URL is not set).
    #[arg(
        long,
        env = "RETNING_DATA_DIR",
        default_value = "data/postgres",
        global = true
    )]
    pub data_dir: PathBuf,

    /// Password the application's own database role (retning_app) logs in with on an external
    /// server. Set the same value on every app server; if unset a random one is set at start-up.
    #[arg(
        long,
        env = "RETNING_APP_DB_PASSWORD",
        global = true,
        hide_env_values = true
    )]
    pub app_db_password: Option<String>,

    /// Maximum number of connections in the application's pool.
    #[arg(
        long,
        env = "RETNING_DB_MAX_CONNECTIONS",
        default_value_t = 10,
        global = true
    )]
    pub max_connections: u32,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (migrates the database first; loads the demo municipalities on first
    /// start when --demo is given).
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load a strategy file (TOML, see docs/strategy-format.md) into a municipality, creating it if
    /// needed. The strategy with the same key is replaced in one transaction; a broken file writes nothing.
    Import(ImportArgs),
    /// Write a municipality's strategy as a strategy file (to stdout or --output).
    Export(ExportArgs),
    /// Load or refresh the three demo municipalities (sonderborg, skanderborg, haderslev) and
    /// print their demo users.
    Demo,
    /// Municipalities (for the platform operator).
    #[command(subcommand)]
    Tenant(TenantCommand),
    /// Users (for the platform operator): create a municipality's first admin; read the account
    /// mails that wait for a mail server.
    #[command(subcommand)]
    User(UserCommand),
}

#[derive(Debug, Subcommand)]
pub enum TenantCommand {
    /// Create a municipality.
    Create {
        /// Short name used in addresses: lowercase letters, digits and '-', e.g. "aabenraa".
        #[arg(long)]
        slug: String,
        /// Full name, e.g. "Aabenraa Kommune".
        #[arg(long)]
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user to a municipality with a role and print a one-time link (72 hours) where they
    /// choose their password.
    Create {
        /// Slug of the municipality.
        #[arg(long, env = "RETNING_TENANT")]
        tenant: String,
        #[arg(long)]
        email: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// admin, secretariat, steering, contributor or viewer.
        #[arg(long, default_value = "admin")]
        role: String,
    },
    /// Print the mails about people's own accounts (invitations, password links) that wait to be
    /// sent, newest first, with their links. Without RETNING_SMTP_URL they wait here: pass each on
    /// to its addressee only. Links are never shown on a municipality's pages.
    Mails {
        /// Only the mails to this address.
        #[arg(long)]
        email: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "RETNING_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// Load the demo municipalities if the database has no municipality yet.
    #[arg(long, env = "RETNING_DEMO")]
    pub demo: bool,

    /// Seconds a request may take before it is answered with a timeout page (a fraction such as
    /// 0.5 is allowed). A request that has begun to commit its change is answered when it is done.
    #[arg(long, env = "RETNING_REQUEST_TIMEOUT", default_value = "30", value_parser = seconds)]
    pub request_timeout: std::time::Duration,

    /// Send the session cookie only over HTTPS (and send HSTS). Turn off only for plain-http local runs.
    #[arg(long, env = "RETNING_COOKIE_SECURE", default_value_t = true, action = clap::ArgAction::Set)]
    pub cookie_secure: bool,

    /// Minutes without any request after which a user is signed out.
    #[arg(long, env = "RETNING_SESSION_IDLE_MINUTES", default_value_t = 60)]
    pub session_idle_minutes: u32,

    /// Hours after signing in after which a user is signed out, however active.
    #[arg(long, env = "RETNING_SESSION_MAX_HOURS", default_value_t = 12)]
    pub session_max_hours: u32,

    /// Add the number of SQL statements each request ran as the x-sql-statements header (for
    /// benchmarks and performance checks; off in production).
    #[arg(long, env = "RETNING_COUNT_SQL_STATEMENTS")]
    pub count_sql_statements: bool,

    /// Seconds a client has to send a request's headers. A connection that sends no request for
    /// this long (a new one, or one kept alive after an answer) is closed too.
    #[arg(long, env = "RETNING_HTTP_HEADER_TIMEOUT", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub http_header_timeout: u64,

    /// Open HTTP connections at most; connections beyond it are closed at once.
    #[arg(long, env = "RETNING_HTTP_MAX_CONNECTIONS", default_value_t = 1024, value_parser = clap::value_parser!(u32).range(1..))]
    pub http_max_connections: u32,

    /// SMTP server for reminders, e.g. smtps://user:password@smtp.example.dk:465. Without it, mail
    /// stays in the outbox that administrators read in the browser.
    #[arg(long, env = "RETNING_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// Sender of reminder mails.
    #[arg(
        long,
        env = "RETNING_MAIL_FROM",
        default_value = "Retning <noreply@retning.invalid>"
    )]
    pub mail_from: String,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Slug of the municipality (lowercase letters, digits and '-'), e.g. "sonderborg".
    #[arg(long, env = "RETNING_TENANT")]
    pub tenant: String,
    /// Only check the file; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The strategy file.
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Slug of the municipality.
    #[arg(long, env = "RETNING_TENANT")]
    pub tenant: String,
    /// Key of the strategy to export (default: the active one, else the newest).
    #[arg(long)]
    pub strategy: Option<String>,
    /// Write to this file instead of stdout.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

impl DbArgs {
    fn options(&self) -> DbOptions {
        DbOptions {
            database_url: self.database_url.clone(),
            data_dir: self.data_dir.clone(),
            app_password: self.app_db_password.clone(),
            max_connections: self.max_connections,
        }
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    if let Command::Import(args) = &cli.command
        && args.dry_run
    {
        // A dry run needs no database at all.
        let source = read_file(&args.file)?;
        let file = crate::strategy_file::parse(&args.file.display().to_string(), &source)?;
        println!(
            "{}: ok ({} focus areas, {} sub-goals, {} rounds)",
            args.file.display(),
            file.focus_areas.len(),
            file.focus_areas
                .iter()
                .flat_map(|f| &f.goals)
                .map(|g| g.sub_goals.len())
                .sum::<usize>(),
            file.rounds.len()
        );
        return Ok(());
    }

    let database = Database::start(cli.db.options()).await?;
    let result = run_with_database(&cli.command, cli.base_url(), &database).await;
    database.shutdown().await;
    result
}

async fn run_with_database(
    command: &Command,
    base_url: &str,
    database: &Database,
) -> anyhow::Result<()> {
    match command {
        Command::Serve(args) => {
            if args.demo {
                crate::demo::load_if_empty(&database.app).await?;
            }
            crate::server::serve(database.app.clone(), args, base_url).await
        }
        Command::Migrate => Ok(()),
        Command::Import(args) => {
            let source = read_file(&args.file)?;
            let file = crate::strategy_file::parse(&args.file.display().to_string(), &source)?;
            let summary = crate::strategy_file::import(&database.app, &args.tenant, &file).await?;
            println!("{summary}");
            Ok(())
        }
        Command::Export(args) => {
            let text =
                crate::strategy_file::export(&database.app, &args.tenant, args.strategy.as_deref())
                    .await?;
            match &args.output {
                Some(path) => std::fs::write(path, text)
                    .with_context(|| format!("writing {}", path.display()))?,
                None => print!("{text}"),
            }
            Ok(())
        }
        Command::Demo => {
            for summary in crate::demo::load_all(&database.app).await? {
                println!("{summary}");
            }
            crate::demo::print_users(&crate::demo::demo_users(&database.app).await?);
            Ok(())
        }
        Command::Tenant(TenantCommand::Create { slug, name }) => {
            crate::operator::create_tenant(&database.app, slug, name).await?;
            println!("Kommunen {name} er oprettet: /t/{slug}/");
            Ok(())
        }
        Command::User(UserCommand::Create {
            tenant,
            email,
            name,
            role,
        }) => {
            let link =
                crate::operator::create_user(&database.app, tenant, email, name, role, base_url)
                    .await?;
            match link {
                Some(link) => {
                    println!("{email} er oprettet. Send dette link (gyldigt i 72 timer):\n{link}")
                }
                None => {
                    println!("{email} har allerede en adgangskode og har nu adgang til {tenant}.")
                }
            }
            Ok(())
        }
        Command::User(UserCommand::Mails { email }) => {
            print!(
                "{}",
                crate::operator::account_mails(&database.app, email.as_deref()).await?
            );
            Ok(())
        }
    }
}

fn read_file(path: &std::path::Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("could not read {}", path.display()))
}

/// Reads a number of seconds, whole or with a fraction ("30", "0.005").
fn seconds(text: &str) -> Result<std::time::Duration, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    if seconds.is_nan() || seconds <= 0.0 {
        return Err(format!("{text:?}: the number of seconds must be above 0"));
    }
    std::time::Duration::try_from_secs_f64(seconds).map_err(|err| format!("{text:?}: {err}"))
}
