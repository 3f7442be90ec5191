//! A municipality's first year in Retning (issue 13), in a real headless Chromium, as four people
//! in four browsers: the operator creates an empty municipality and its administrator with the
//! real `retning` binary; the administrator types the strategy in through the editing pages, sets
//! up org units and invites a secretariat member, a sub-goal owner and a steering-group member,
//! who choose their passwords through the links in the mail outbox; two follow-up rounds run
//! with a return, a reply in the conversation, a resubmit, an approval, a close, a reopen and a
//! close again; then the steering group reads the dashboard, the status page, the sub-goal's
//! chart, the meeting pack PDF and the XLSX export, and finds the values that were typed.

mod common;

use std::time::Duration;

use calamine::{DataType, Reader, Xlsx};
use chrono::{Datelike, Days, NaiveDate};
use common::bin::{database_url, run_ok};
use common::browser::*;
use fantoccini::{Client, Locator};
use sqlx::PgPool;

const SLUG: &str = "aaby";
const AREA: &str = "Trygge bydele på Ærø-vej";
const GOAL_SHORT: &str = "Tryghed";
const GOAL: &str = "Alle borgere skal føle sig trygge i deres nærområde – også om aftenen.";
const SUB_GOAL: &str = "Flere borgere i Søndermarken føler sig trygge efter mørkets frembrud.";
const FIRST_NARRATIVE: &str = "Trygheden er steget i Søndermarken; gadelys på Ærøvej hjalp.";
const COMMENT: &str = "Gælder tallet også for Ølgod-kvarteret?";
const REPLY: &str = "Ja, målingen dækker både Søndermarken og Ølgod-kvarteret.";
const SECOND_NARRATIVE: &str = "Fortsat fremgang; nattevandrerne går nu også i Ølgod.";

fn button(text: &str) -> String {
    format!("//button[normalize-space()='{text}']")
}

/// A date the way a person types it into Retning's date fields.
fn typed(date: NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

/// The operator's command line against this test's database.
fn retning(url: &str) -> std::process::Command {
    let mut command = common::bin::retning();
    command
        .env("DATABASE_URL", url)
        .env_remove("RETNING_SMTP_URL");
    command
}

/// The path of the newest one-time link in the account mails to `email`, read as the operator
/// reads the outbox when no mail server is set up.
fn link_for(url: &str, email: &str) -> String {
    let mails = run_ok(retning(url).args(["user", "mails", "--email", email]));
    assert!(mails.contains(email), "{mails}");
    path_of_link(&mails)
}

/// The path part of the first one-time link in `text`.
fn path_of_link(text: &str) -> String {
    let at = text
        .find("/set-password/")
        .unwrap_or_else(|| panic!("no link in:\n{text}"));
    text[at..].split_whitespace().next().unwrap().to_string()
}

async fn choose(
    browser: &Client,
    select: &str,
    option: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    click(
        browser,
        Locator::XPath(&format!(
            "//select[@id='{select}']/option[contains(., '{option}')]"
        )),
    )
    .await?;
    Ok(())
}

/// A person opens their invitation and chooses a password; they are signed in after it.
async fn accept(
    browser: &Client,
    base: &str,
    link: &str,
    name: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    browser.goto(&format!("{base}{link}")).await?;
    wait_text(browser, "h1", "Velkommen til Retning").await?;
    type_into(browser, "#password", "Et godt år for Åby Kommune").await?;
    type_into(browser, "#repeat", "Et godt år for Åby Kommune").await?;
    click(browser, Locator::XPath(&button("Gem adgangskode"))).await?;
    wait_text(browser, ".user-menu__name", name).await?;
    Ok(())
}

/// Downloads `path` in the person's own browser (their session, as a click would) and returns
/// the bytes.
async fn download(browser: &Client, path: &str) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let bytes = browser
        .execute_async(
            "const [path, done] = arguments;
             fetch(path).then(r => r.ok ? r.arrayBuffer() : Promise.reject(r.status))
               .then(b => done(Array.from(new Uint8Array(b))), e => done('failed: ' + e));",
            vec![serde_json::json!(path)],
        )
        .await?;
    match bytes {
        serde_json::Value::Array(values) => Ok(values
            .into_iter()
            .map(|v| v.as_u64().unwrap_or(0) as u8)
            .collect()),
        other => Err(format!("{path}: {other}").into()),
    }
}

/// The round page's link to the follow-up of `subject`, followed.
async fn open_followup(
    browser: &Client,
    base: &str,
    round: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    browser.goto(&format!("{base}{round}")).await?;
    click(browser, Locator::LinkText(SUB_GOAL)).await?;
    wait_text(browser, "main", "Opfølgning").await?;
    Ok(browser.current_url().await?.path().to_string())
}

/// The secretariat creates a round with Danish dates and opens it; returns the round's path.
async fn open_round(
    browser: &Client,
    base: &str,
    label: &str,
    period_end: NaiveDate,
    deadline: NaiveDate,
) -> Result<String, Box<dyn std::error::Error>> {
    browser.goto(&format!("{base}/t/{SLUG}/rounds")).await?;
    type_into(browser, "#label", label).await?;
    type_into(browser, "#period_end", &typed(period_end)).await?;
    type_into(browser, "#deadline", &typed(deadline)).await?;
    click(browser, Locator::XPath(&button("Opret runde"))).await?;
    wait_text(browser, "main", &format!("Runden {label} er oprettet")).await?;
    click(browser, Locator::LinkText(label)).await?;
    click(browser, Locator::XPath(&button("Åbn runden"))).await?;
    wait_text(browser, "main", "Luk runden").await?;
    Ok(browser.current_url().await?.path().to_string())
}

/// The owner writes and sends their follow-up from "Mine opfølgninger".
async fn report(
    browser: &Client,
    base: &str,
    status: &str,
    value: &str,
    narrative: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    browser.goto(&format!("{base}/t/{SLUG}/my")).await?;
    // The current round's list of what is still to be written.
    click(
        browser,
        Locator::XPath("//section[h2[@id='todo']]//a[contains(., 'Flere borgere i Søndermarken')]"),
    )
    .await?;
    wait_text(browser, "#skriv", "Din opfølgning").await?;
    click(
        browser,
        Locator::Css(&format!("input[name=status][value={status}]")),
    )
    .await?;
    clear(browser, "#value").await?;
    type_into(browser, "#value", value).await?;
    clear(browser, "#narrative").await?;
    type_into(browser, "#narrative", narrative).await?;
    click(browser, Locator::XPath(&button("Indsend"))).await?;
    wait_text(browser, "main", "Indsendt").await?;
    Ok(browser.current_url().await?.path().to_string())
}

/// The secretariat closes the open round at `round`, after the question that lists what is left.
async fn close_round(
    browser: &Client,
    base: &str,
    round: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    browser.goto(&format!("{base}{round}")).await?;
    click(browser, Locator::LinkText("Luk runden")).await?;
    wait_text(browser, "h1", "Luk runden").await?;
    click(browser, Locator::XPath(&button("Ja, luk runden"))).await?;
    wait_text(browser, "main", "Lukket").await?;
    Ok(())
}

async fn shot(browser: &Client, name: &str) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("first-year");
    if std::fs::create_dir_all(&dir).is_ok()
        && let Ok(png) = browser.screenshot().await
    {
        let _ = std::fs::write(dir.join(format!("{name}.png")), png);
    }
}

#[sqlx::test]
async fn a_municipality_goes_through_its_first_year_from_nothing(admin: PgPool) {
    let url = database_url(&admin);
    let pool = common::app_pool(&admin).await;
    // The operator: an empty municipality and its first administrator, with the real binary.
    let created =
        run_ok(retning(&url).args(["tenant", "create", "--slug", SLUG, "--name", "Åby Kommune"]));
    assert!(created.contains(SLUG), "{created}");
    // The operator's terminal shows the first administrator's one-time link.
    let printed = run_ok(retning(&url).args([
        "user",
        "create",
        "--tenant",
        SLUG,
        "--email",
        "anna@aaby.example",
        "--name",
        "Anna Administrator",
        "--role",
        "admin",
    ]));
    let anna_link = path_of_link(&printed);

    let addr = serve(&pool).await;
    let base = format!("http://{addr}");
    let driver = ChromeDriver::start();
    let profiles: Vec<_> = (0..4).map(|_| tempfile::tempdir().unwrap()).collect();
    let anna = open_browser(&driver, profiles[0].path()).await;
    let sara = open_browser(&driver, profiles[1].path()).await;
    let otto = open_browser(&driver, profiles[2].path()).await;
    let stine = open_browser(&driver, profiles[3].path()).await;

    let today = chrono::Utc::now().date_naive();
    let year = today.year();
    let first_end = today + Days::new(30);
    let first_deadline = today + Days::new(60);
    let second_end = today + Days::new(200);
    let second_deadline = today + Days::new(230);

    let step = std::cell::Cell::new("start");
    let result = async {
        step.set("The administrator: the checklist on an empty front page leads to the strategy's text");
        // The administrator: the checklist on an empty front page leads to the strategy's text.
        accept(&anna, &base, &anna_link, "Anna Administrator").await?;
        anna.goto(&format!("{base}/t/{SLUG}/")).await?;
        wait_text(&anna, "main", "Kom i gang").await?;
        wait_text(&anna, "main", "0 af 6 trin er klaret").await?;
        click(&anna, Locator::LinkText("Skriv grundteksten")).await?;
        type_into(&anna, "#title", "Åby 2030 – tryghed og fællesskab").await?;
        type_into(&anna, "#introduction", "Sammen om et trygt liv i Åby.").await?;
        type_into(&anna, "#period_start", &format!("01-01-{year}")).await?;
        type_into(&anna, "#period_end", &format!("31-12-{}", year + 4)).await?;
        type_into(&anna, "#focus_area_label", "Spor").await?;
        click(&anna, Locator::XPath(&button("Opret strategi"))).await?;
        wait_text(&anna, "h1", "Åby 2030 – tryghed og fællesskab").await?;

        step.set("A focus area, in the strategy's own word, and its goal with a short title");
        // A focus area, in the strategy's own word, and its goal with a short title.
        click(&anna, Locator::LinkText("Nyt spor")).await?;
        type_into(&anna, "#title", AREA).await?;
        type_into(&anna, "#challenges_text", "Mange føler sig utrygge, når det bliver mørkt.").await?;
        type_into(&anna, "#ambition", "Åby er en tryg kommune at færdes i.").await?;
        click(&anna, Locator::Css("input[name=coordination][value=central]")).await?;
        click(&anna, Locator::XPath(&button("Opret spor"))).await?;
        wait_text(&anna, "main", AREA).await?;
        click(&anna, Locator::LinkText(&format!("+ Nyt mål under {AREA}"))).await?;
        type_into(&anna, "#short_title", GOAL_SHORT).await?;
        type_into(&anna, "#text", GOAL).await?;
        click(&anna, Locator::XPath(&button("Opret mål"))).await?;
        wait_text(&anna, "main", GOAL).await?;

        step.set("Org units: a department and a team under it");
        // Org units: a department and a team under it.
        anna.goto(&format!("{base}/t/{SLUG}/admin/org-units")).await?;
        type_into(&anna, "#unit-name", "Social og Sundhed").await?;
        click(&anna, Locator::XPath(&button("Opret enhed"))).await?;
        wait_text(&anna, "main", "Social og Sundhed").await?;
        type_into(&anna, "#unit-name", "Tryghedsteamet").await?;
        choose(&anna, "unit-parent", "Social og Sundhed").await?;
        click(&anna, Locator::XPath(&button("Opret enhed"))).await?;
        wait_text(&anna, "main", "Tryghedsteamet").await?;

        step.set("Invitations; each person chooses a password through the link in the outbox");
        // Invitations; each person chooses a password through the link in the outbox.
        for (email, name, role) in [
            ("sara@aaby.example", "Sara Sekretær", "secretariat"),
            ("otto@aaby.example", "Otto Ørsted", "contributor"),
            ("stine@aaby.example", "Stine Styregruppe", "steering"),
        ] {
            anna.goto(&format!("{base}/t/{SLUG}/admin/users")).await?;
            type_into(&anna, "#invite-email", email).await?;
            type_into(&anna, "#invite-name", name).await?;
            click(&anna, Locator::Css(&format!("#invite-role option[value={role}]"))).await?;
            click(&anna, Locator::XPath(&button("Invitér"))).await?;
            wait_text(&anna, "main", email).await?;
        }
        accept(&sara, &base, &link_for(&url, "sara@aaby.example"), "Sara Sekretær").await?;
        accept(&otto, &base, &link_for(&url, "otto@aaby.example"), "Otto Ørsted").await?;
        accept(&stine, &base, &link_for(&url, "stine@aaby.example"), "Stine Styregruppe").await?;

        step.set("The secretariat: a SMART sub-goal with an owner and a unit, typed in; the version approved");
        // The secretariat: a SMART sub-goal with an owner and a unit, typed in; the version approved.
        sara.goto(&format!("{base}/t/{SLUG}/edit")).await?;
        let goal_item = format!("//li[contains(@class,'outline__goal')][.//p[normalize-space()='{GOAL}']]");
        click(&sara, Locator::XPath(&format!("{goal_item}//a[starts-with(normalize-space(), '+ Nyt delmål')]"))).await?;
        type_into(&sara, "#text", SUB_GOAL).await?;
        type_into(&sara, "#indicator", "Andel trygge borgere i Søndermarken").await?;
        type_into(&sara, "#unit", "%").await?;
        type_into(&sara, "#baseline_value", "62,5").await?;
        type_into(&sara, "#baseline_date", &format!("01-01-{year}")).await?;
        type_into(&sara, "#target_value", "75").await?;
        type_into(&sara, "#deadline", &format!("31-12-{}", year + 3)).await?;
        click(&sara, Locator::Css("input[name=direction][value=increase]")).await?;
        choose(&sara, "owner", "Otto Ørsted").await?;
        choose(&sara, "org_unit", "Tryghedsteamet").await?;
        click(&sara, Locator::XPath(&button("Opret delmål"))).await?;
        wait_text(&sara, "main", SUB_GOAL).await?;
        let sub = text_of(&sara, Locator::XPath(&format!("//li[contains(@class,'outline__sub')][contains(., '{SUB_GOAL}')]"))).await?;
        assert!(sub.contains("SMART"), "the sub-goal is SMART: {sub}");
        click(&sara, Locator::LinkText("Godkend version")).await?;
        type_into(&sara, "#approved_by", "Byrådet i Åby").await?;
        click(&sara, Locator::XPath(&button("Godkend version"))).await?;
        wait_text(&sara, ".eyebrow", "Version 1").await?;

        step.set("The first round, with dates typed the Danish way");
        // The first round, with dates typed the Danish way.
        let first = open_round(&sara, &base, "Første runde", first_end, first_deadline).await?;

        step.set("The owner writes; the secretariat returns it with a comment");
        // The owner writes; the secretariat returns it with a comment.
        let followup = report(&otto, &base, "at_risk", "64,8", FIRST_NARRATIVE).await?;
        assert_eq!(open_followup(&sara, &base, &first).await?, followup);
        wait_text(&sara, "main", "64,8").await?;
        type_into(&sara, "#comment", COMMENT).await?;
        click(&sara, Locator::XPath(&button("Send retur"))).await?;
        wait_text(&sara, "main", COMMENT).await?;

        step.set("The owner sees the comment, answers it in the conversation and sends again");
        step.set("The owner is told by mail");
        // The owner is told by mail, with the comment (the outbox, as no mail server is set up).
        anna.goto(&format!("{base}/t/{SLUG}/admin/outbox")).await?;
        let outbox = wait_text(&anna, "main", "Din opfølgning er sendt retur").await?;
        assert!(outbox.contains(COMMENT), "{outbox}");

        // The owner sees the comment, answers it in the conversation and sends again.
        otto.goto(&format!("{base}{followup}")).await?;
        wait_text(&otto, "main", COMMENT).await?;
        type_into(&otto, "#reply", REPLY).await?;
        click(&otto, Locator::XPath(&button("Send svar"))).await?;
        wait_text(&otto, "main", REPLY).await?;
        click(&otto, Locator::XPath(&button("Indsend"))).await?;
        wait_text(&otto, "main", "Indsendt").await?;

        step.set("The secretariat reads the answer and approves; the round is closed after the question");
        // The secretariat reads the answer and approves; the round is closed after the question.
        sara.goto(&format!("{base}{followup}")).await?;
        wait_text(&sara, "main", REPLY).await?;
        click(&sara, Locator::XPath(&button("Godkend"))).await?;
        wait_text(&sara, "main", "Godkendt").await?;
        close_round(&sara, &base, &first).await?;

        step.set("The administrator reopens it with a reason; the secretariat closes it again");
        // The administrator reopens it with a reason; the secretariat closes it again.
        anna.goto(&format!("{base}{first}")).await?;
        click(&anna, Locator::LinkText("Genåbn runden")).await?;
        type_into(&anna, "#reason", "Ølgod-tallet skal med i indberetningen.").await?;
        click(&anna, Locator::XPath(&button("Genåbn runden"))).await?;
        wait_text(&anna, "main", "Luk runden").await?;
        close_round(&sara, &base, &first).await?;

        step.set("The second round: written and approved");
        // The second round: written and approved.
        let second = open_round(&sara, &base, "Anden runde", second_end, second_deadline).await?;
        let followup = report(&otto, &base, "on_track", "67,3", SECOND_NARRATIVE).await?;
        assert_eq!(open_followup(&sara, &base, &second).await?, followup);
        click(&sara, Locator::XPath(&button("Godkend"))).await?;
        wait_text(&sara, "main", "Godkendt").await?;

        step.set("The steering group: the dashboard, the status page, the sub-goal's chart");
        // The steering group: the dashboard, the status page, the sub-goal's chart.
        stine.goto(&format!("{base}/t/{SLUG}/dashboard")).await?;
        let dashboard = wait_text(&stine, "main", "Anden runde").await?;
        assert!(dashboard.contains(AREA), "{dashboard}");
        assert!(!dashboard.contains("Kladde"), "the strategy is adopted: {dashboard}");
        shot(&stine, "dashboard").await;
        stine.goto(&format!("{base}/t/{SLUG}/status")).await?;
        // The overview counts per focus area and per org unit; the unit is the one typed in.
        let overview = wait_text(&stine, "main", "Pr. enhed").await?;
        assert!(overview.contains("Tryghedsteamet (1)"), "{overview}");
        click(&stine, Locator::XPath(&format!("//main//a[contains(., '{AREA}')]"))).await?;
        let status = wait_text(&stine, "main", SUB_GOAL).await?;
        assert!(status.contains("67,3 %"), "{status}");
        assert!(status.contains("Otto Ørsted"), "{status}");
        click(&stine, Locator::LinkText(SUB_GOAL)).await?;
        let page = wait_text(&stine, "main", "Under målet").await?;
        assert!(page.contains(GOAL_SHORT), "{page}");
        assert!(page.contains("62,5 %") && page.contains("75 %"), "{page}");
        assert!(page.contains(SECOND_NARRATIVE), "{page}");
        let chart = text_of(&stine, Locator::Css("main svg")).await?;
        // Both rounds' values, the baseline, the target and the deadline as typed.
        for expected in [
            "64,8 %".to_string(),
            "67,3 %".to_string(),
            "Udgangspunkt: 62,5 %".to_string(),
            "Mål: 75 %".to_string(),
            format!("Frist 31.12.{}", year + 3),
        ] {
            assert!(chart.contains(&expected), "the chart shows {expected}: {chart}");
        }
        shot(&stine, "sub-goal").await;

        step.set("The meeting pack: the page, and its PDF");
        // The meeting pack: the page, and its PDF.
        stine.goto(&format!("{base}/t/{SLUG}/meeting-pack")).await?;
        wait_text(&stine, "main", "Anden runde").await?;
        let pdf = download(&stine, &format!("/t/{SLUG}/meeting-pack.pdf")).await?;
        assert!(pdf.starts_with(b"%PDF-"), "a PDF");
        let text = pdf_extract::extract_text_from_mem(&pdf)?
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for expected in [
            AREA.to_string(),
            "Anden runde".to_string(),
            "målt 67,3 % · mål 75 %".to_string(),
            format!("frist 31.12.{}", year + 3),
            "Otto Ørsted".to_string(),
            SECOND_NARRATIVE.to_string(),
        ] {
            assert!(text.contains(&expected), "the PDF says {expected:?}: {text}");
        }

        step.set("The export, as XLSX: the round, the value as a number, the story, the review comment");
        // The export, as XLSX: the round, the value as a number, the story, the review comment.
        let xlsx = download(&stine, &format!("/t/{SLUG}/exports/download?format=xlsx")).await?;
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx))?;
        let sheet = book.worksheet_range_at(0).ok_or("a sheet")??;
        let rows: Vec<Vec<String>> = sheet
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        let all = rows.iter().map(|r| r.join(" | ")).collect::<Vec<_>>().join("\n");
        let at = rows
            .iter()
            .position(|r| r.iter().any(|c| c == SUB_GOAL) && r.iter().any(|c| c == "Anden runde"))
            .ok_or_else(|| format!("no row of the second round:\n{all}"))?;
        let row = &rows[at];
        // Dates are date cells, the ones typed.
        let column = |name: &str| rows[0].iter().position(|c| c == name).unwrap_or(usize::MAX);
        let date = |name: &str| {
            sheet
                .get((at, column(name)))
                .and_then(|c| c.as_date())
        };
        assert_eq!(date("Målt pr."), NaiveDate::from_ymd_opt(year, 1, 1), "{row:?}");
        assert_eq!(date("Frist / evaluering"), NaiveDate::from_ymd_opt(year + 3, 12, 31));
        assert!(row.iter().any(|c| c == "62.5") && row.iter().any(|c| c == "75"), "{row:?}");
        assert!(row.iter().any(|c| c == "Tryghedsteamet") && row.iter().any(|c| c == GOAL_SHORT));
        assert!(row.iter().any(|c| c == "67.3"), "the value as a number: {row:?}");
        assert!(row.iter().any(|c| c == SECOND_NARRATIVE), "{row:?}");
        assert!(row.iter().any(|c| c == "Otto Ørsted"), "{row:?}");
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    if result.is_err() {
        for (browser, name) in [
            (&anna, "anna"),
            (&sara, "sara"),
            (&otto, "otto"),
            (&stine, "stine"),
        ] {
            shot(browser, &format!("failed-{name}")).await;
        }
    }
    for browser in [anna, sara, otto, stine] {
        let _ = browser.close().await;
    }
    tokio::time::sleep(Duration::from_millis(10)).await;
    if let Err(e) = result {
        panic!("the first year stopped at \"{}\": {e}", step.get());
    }
}
