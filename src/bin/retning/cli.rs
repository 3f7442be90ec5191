//! Command line: every option can also be given as an environment variable. It builds the plain
//! configuration the library takes (`server::Config`, `DbOptions`); the defaults it shows are the
//! library's constants, so each is written once.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use retning::db::{self, Database, DbOptions};
use retning::kernel::session::{self, SessionPolicy};
use retning::server;
use retning::telemetry::{self, Secret};

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
        default_value = telemetry::DEFAULT_FILTER,
        global = true
    )]
    pub log: String,

    /// The address users reach Retning at (no trailing slash needed), used in invitation and
    /// password links, whether `serve` or `user create` makes them.
    #[arg(
        long,
        env = "RETNING_BASE_URL",
        default_value_t = server::default_base_url(),
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
    pub database_url: Option<Secret>,

    /// Data directory of the embedded PostgreSQL cluster (used when DATABASE_URL is not set).
    #[arg(
        long,
        env = "RETNING_DATA_DIR",
        default_value = db::DEFAULT_DATA_DIR,
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
    pub app_db_password: Option<Secret>,

    /// Maximum number of connections in the application's pool.
    #[arg(
        long,
        env = "RETNING_DB_MAX_CONNECTIONS",
        default_value_t = db::DEFAULT_MAX_CONNECTIONS,
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
    /// Sign-in through a municipality's own OpenID Connect provider (see docs/sso.md).
    #[command(subcommand)]
    Sso(SsoCommand),
}

#[derive(Debug, Subcommand)]
pub enum SsoCommand {
    /// Set (or replace) a municipality's provider, by the same checks as its administrator's page.
    /// The client secret is read from RETNING_SSO_CLIENT_SECRET or --client-secret-file, never from
    /// a flag (flags end up in the shell history and the process list); without either, the
    /// stored secret is kept.
    Set(Box<SsoSetArgs>),
    /// Print a municipality's provider settings (never the secret) and test the connection.
    Show {
        #[arg(long, env = "RETNING_TENANT")]
        tenant: String,
    },
}

#[derive(Debug, Args)]
pub struct SsoSetArgs {
    #[arg(long, env = "RETNING_TENANT")]
    pub tenant: String,
    /// Issuer URL, e.g. https://login.microsoftonline.com/<tenant id>/v2.0.
    #[arg(long)]
    pub issuer: String,
    #[arg(long)]
    pub client_id: String,
    #[arg(long, env = "RETNING_SSO_CLIENT_SECRET", hide_env_values = true)]
    pub client_secret: Option<String>,
    /// A file holding the client secret (its first line).
    #[arg(long, conflicts_with = "client_secret")]
    pub client_secret_file: Option<std::path::PathBuf>,
    /// E-mail domain that belongs to this provider (repeat for more).
    #[arg(long = "domain", required = true)]
    pub domains: Vec<String>,
    /// ID token signing algorithm accepted (RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384).
    #[arg(long, default_value = "RS256")]
    pub alg: String,
    /// The claim holding roles (Entra ID app roles: "roles").
    #[arg(long, default_value = "roles")]
    pub roles_claim: String,
    /// "claim value=role" (repeat): e.g. --role-map "Retning.Admin=admin".
    #[arg(long = "role-map")]
    pub role_map: Vec<String>,
    /// The claim holding the org unit's name (optional).
    #[arg(long)]
    pub org_unit_claim: Option<String>,
    /// Create accounts at the first sign-in (needs --default-role).
    #[arg(long)]
    pub jit: bool,
    /// Role of accounts created at the first sign-in when no mapped role applies.
    #[arg(long)]
    pub default_role: Option<String>,
    /// Passwords off for the provider's domains, except for --emergency-admin.
    #[arg(long)]
    pub sso_only: bool,
    /// An address that may still sign in with a password (repeat for more).
    #[arg(long = "emergency-admin")]
    pub emergency_admins: Vec<String>,
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
    #[arg(long, env = "RETNING_BIND", default_value_t = server::DEFAULT_BIND)]
    pub bind: SocketAddr,

    /// Load the demo municipalities if the database has no municipality yet.
    #[arg(long, env = "RETNING_DEMO")]
    pub demo: bool,

    /// Seconds a request may take before it is answered with a timeout page (a fraction such as
    /// 0.5 is allowed). A request that has begun to commit its change is answered when it is done.
    #[arg(long, env = "RETNING_REQUEST_TIMEOUT", default_value_t = Seconds(server::DEFAULT_REQUEST_TIMEOUT))]
    pub request_timeout: Seconds,

    /// Send the session cookie only over HTTPS (and send HSTS). Turn off only for plain-http local runs.
    #[arg(long, env = "RETNING_COOKIE_SECURE", default_value_t = SessionPolicy::default().secure_cookie, action = clap::ArgAction::Set)]
    pub cookie_secure: bool,

    /// Minutes without any request after which a user is signed out.
    #[arg(long, env = "RETNING_SESSION_IDLE_MINUTES", default_value_t = session::DEFAULT_IDLE_MINUTES)]
    pub session_idle_minutes: u32,

    /// Hours after signing in after which a user is signed out, however active.
    #[arg(long, env = "RETNING_SESSION_MAX_HOURS", default_value_t = session::DEFAULT_MAX_HOURS)]
    pub session_max_hours: u32,

    /// Add the number of SQL statements each request ran as the x-sql-statements header (for
    /// benchmarks and performance checks; off in production).
    #[arg(long, env = "RETNING_COUNT_SQL_STATEMENTS")]
    pub count_sql_statements: bool,

    /// MiB of memory for the steering pages' snapshot cache (dashboard, status pages, meeting
    /// pack, strategy tree, API tree), always checked against the data's version; 0 turns it off.
    #[arg(long, env = "RETNING_SNAPSHOT_CACHE_MIB", default_value_t = server::DEFAULT_SNAPSHOT_CACHE_MIB)]
    pub snapshot_cache_mib: usize,

    /// Seconds a client has to send a request's headers. A connection that sends no request for
    /// this long (a new one, or one kept alive after an answer) is closed too.
    #[arg(long, env = "RETNING_HTTP_HEADER_TIMEOUT", default_value_t = server::DEFAULT_HTTP_HEADER_TIMEOUT.as_secs(), value_parser = clap::value_parser!(u64).range(1..))]
    pub http_header_timeout: u64,

    /// Open HTTP connections at most; connections beyond it are closed at once.
    #[arg(long, env = "RETNING_HTTP_MAX_CONNECTIONS", default_value_t = server::DEFAULT_HTTP_MAX_CONNECTIONS, value_parser = clap::value_parser!(u32).range(1..))]
    pub http_max_connections: u32,

    /// SMTP server for reminders, e.g. smtps://user:password@smtp.example.dk:465. Without it, mail
    /// stays in the outbox that administrators read in the browser.
    #[arg(long, env = "RETNING_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<Secret>,

    /// Sender of reminder mails.
    #[arg(long, env = "RETNING_MAIL_FROM", default_value = server::DEFAULT_MAIL_FROM)]
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

impl ServeArgs {
    /// The server's configuration; `base_url` is the global option's.
    fn config(&self, base_url: &str) -> server::Config {
        server::Config {
            bind: self.bind,
            base_url: base_url.to_string(),
            request_timeout: self.request_timeout.0,
            sessions: SessionPolicy::new(
                self.session_idle_minutes,
                self.session_max_hours,
                self.cookie_secure,
            ),
            count_sql_statements: self.count_sql_statements,
            snapshot_cache_bytes: self.snapshot_cache_mib.saturating_mul(1024 * 1024),
            http_header_timeout: Duration::from_secs(self.http_header_timeout),
            http_max_connections: self.http_max_connections as usize,
            // An empty RETNING_SMTP_URL (as docker-compose passes when unset) means no SMTP.
            smtp_url: self
                .smtp_url
                .clone()
                .filter(|url| !url.expose().trim().is_empty()),
            mail_from: self.mail_from.clone(),
        }
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    if let Command::Import(args) = &cli.command
        && args.dry_run
    {
        // A dry run needs no database at all.
        let source = read_file(&args.file)?;
        let file = retning::strategy_file::parse(&args.file.display().to_string(), &source)?;
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
                retning::demo::load_if_empty(&database.app).await?;
            }
            server::serve(database.app.clone(), args.config(base_url)).await
        }
        Command::Migrate => Ok(()),
        Command::Import(args) => {
            let source = read_file(&args.file)?;
            let file = retning::strategy_file::parse(&args.file.display().to_string(), &source)?;
            let summary =
                retning::strategy_file::import(&database.app, &args.tenant, &file).await?;
            println!("{summary}");
            Ok(())
        }
        Command::Export(args) => {
            let text = retning::strategy_file::export(
                &database.app,
                &args.tenant,
                args.strategy.as_deref(),
            )
            .await?;
            match &args.output {
                Some(path) => std::fs::write(path, text)
                    .with_context(|| format!("writing {}", path.display()))?,
                None => print!("{text}"),
            }
            Ok(())
        }
        Command::Demo => {
            for summary in retning::demo::load_all(&database.app).await? {
                println!("{summary}");
            }
            retning::demo::print_users(&retning::demo::demo_users(&database.app).await?);
            Ok(())
        }
        Command::Tenant(TenantCommand::Create { slug, name }) => {
            retning::operator::create_tenant(&database.app, slug, name).await?;
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
                retning::operator::create_user(&database.app, tenant, email, name, role, base_url)
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
        Command::Sso(SsoCommand::Set(args)) => {
            let secret = match (&args.client_secret, &args.client_secret_file) {
                (_, Some(path)) => Some(
                    read_file(path)?
                        .lines()
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                ),
                (secret, None) => secret.clone(),
            };
            let input = retning::sso::provider::Input {
                issuer: args.issuer.clone(),
                client_id: args.client_id.clone(),
                client_secret: secret.unwrap_or_default(),
                signing_alg: args.alg.clone(),
                roles_claim: args.roles_claim.clone(),
                role_map: args.role_map.join("\n"),
                org_unit_claim: args.org_unit_claim.clone().unwrap_or_default(),
                domains: args.domains.join("\n"),
                jit: args.jit,
                default_role: args.default_role.clone().unwrap_or_default(),
                sso_only: args.sso_only,
                emergency_admins: args.emergency_admins.join("\n"),
            };
            retning::operator::set_sso(&database.app, &args.tenant, &input).await?;
            println!(
                "Log-ind via kommunens udbyder er gemt for {}. Omdirigerings-URI: {}",
                args.tenant,
                retning::sso::oidc::redirect_uri(base_url, &args.tenant)
            );
            Ok(())
        }
        Command::Sso(SsoCommand::Show { tenant }) => {
            print!(
                "{}",
                retning::operator::show_sso(&database.app, tenant, base_url).await?
            );
            Ok(())
        }
        Command::User(UserCommand::Mails { email }) => {
            print!(
                "{}",
                retning::operator::account_mails(&database.app, email.as_deref()).await?
            );
            Ok(())
        }
    }
}

fn read_file(path: &std::path::Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("could not read {}", path.display()))
}

/// A number of seconds, whole or with a fraction ("30", "0.005"), printed as it is written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seconds(pub Duration);

impl FromStr for Seconds {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let seconds: f64 = text
            .trim()
            .parse()
            .map_err(|_| format!("{text:?} is not a number of seconds"))?;
        if seconds.is_nan() || seconds <= 0.0 {
            return Err(format!("{text:?}: the number of seconds must be above 0"));
        }
        Duration::try_from_secs_f64(seconds)
            .map(Seconds)
            .map_err(|err| format!("{text:?}: {err}"))
    }
}

impl fmt::Display for Seconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DB_PASSWORD: &str = "Ejer-Kodeord-2718";
    const APP_PASSWORD: &str = "Rolle-Kodeord-8141";
    const SMTP_PASSWORD: &str = "Mail-Kodeord-5150";

    fn parse(args: &[&str]) -> Cli {
        let base = ["retning"].into_iter();
        Cli::try_parse_from(base.chain(args.iter().copied())).unwrap()
    }

    #[test]
    fn printing_the_configuration_shows_no_secret() {
        let database_url = format!("postgres://retning:{DB_PASSWORD}@db.example.dk/retning");
        let smtp_url = format!("smtps://retning:{SMTP_PASSWORD}@smtp.example.dk:465");
        let cli = parse(&[
            "--database-url",
            &database_url,
            "--app-db-password",
            APP_PASSWORD,
            "serve",
            "--smtp-url",
            &smtp_url,
        ]);
        let Command::Serve(args) = &cli.command else {
            panic!("not serve: {cli:?}");
        };
        let config = args.config(cli.base_url());
        let options = cli.db.options();
        // The values did arrive, for the database driver and the mail transport to read…
        assert_eq!(
            options.database_url.as_ref().map(Secret::expose),
            Some(database_url.as_str())
        );
        assert_eq!(
            options.app_password.as_ref().map(Secret::expose),
            Some(APP_PASSWORD)
        );
        assert_eq!(
            config.smtp_url.as_ref().map(Secret::expose),
            Some(smtp_url.as_str())
        );
        // …and no way of printing the configuration shows them.
        for printed in [
            format!("{cli:?}"),
            format!("{cli:#?}"),
            format!("{config:?}"),
            format!("{options:?}"),
        ] {
            for secret in [DB_PASSWORD, APP_PASSWORD, SMTP_PASSWORD] {
                assert!(!printed.contains(secret), "{secret} in {printed}");
            }
            assert!(printed.contains("[redacted]"), "{printed}");
        }
    }

    #[test]
    fn defaults_are_the_librarys() {
        let cli = parse(&["serve"]);
        let Command::Serve(args) = &cli.command else {
            panic!("not serve: {cli:?}");
        };
        let config = args.config(cli.base_url());
        let default = server::Config::default();
        assert_eq!(config.bind, default.bind);
        assert_eq!(config.request_timeout, default.request_timeout);
        assert_eq!(config.sessions.idle, default.sessions.idle);
        assert_eq!(config.sessions.absolute, default.sessions.absolute);
        assert_eq!(
            config.sessions.secure_cookie,
            default.sessions.secure_cookie
        );
        assert_eq!(config.http_header_timeout, default.http_header_timeout);
        assert_eq!(config.http_max_connections, default.http_max_connections);
        assert_eq!(config.mail_from, default.mail_from);
        assert_eq!(cli.log, telemetry::DEFAULT_FILTER);
        assert_eq!(cli.db.max_connections, db::DEFAULT_MAX_CONNECTIONS);
    }

    #[test]
    fn an_empty_smtp_url_means_no_smtp() {
        let cli = parse(&["serve", "--smtp-url", " "]);
        let Command::Serve(args) = &cli.command else {
            panic!("not serve: {cli:?}");
        };
        assert!(args.config(cli.base_url()).smtp_url.is_none());
    }

    #[test]
    fn seconds_may_have_a_fraction_and_print_as_written() {
        assert_eq!(
            "0.015".parse::<Seconds>(),
            Ok(Seconds(Duration::from_millis(15)))
        );
        // As --help shows a default: "30", not "30.0" or "30s".
        assert_eq!(Seconds(Duration::from_secs(30)).to_string(), "30");
        assert_eq!(Seconds(Duration::from_millis(1500)).to_string(), "1.5");
        assert!("0".parse::<Seconds>().is_err());
        assert!("soon".parse::<Seconds>().is_err());
    }
}
