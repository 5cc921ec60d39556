"""The HTML report in a real browser: headless Chromium driven by selenium.

The ledger is the seed corpus with figures and claims located by this test in the seed
texts (the figures DESIGN.md says the system must get right), a hostile article beside
them, and two small checks run by the real check runner. The page must load with no
console error (a content-security-policy violation is one), show every finding and plot,
filter, follow a quote to its document, and show the hostile text as text.

Needs the ``chromium`` and ``chromium-driver`` packages (Debian); skipped without them.
The last test renders the seed corpus through the real pipeline, as ``fact-ledger check
seeds/`` does; set ``FACT_LEDGER_SCREENSHOT=docs/report.png`` to refresh the README's
screenshot from it.
"""

from __future__ import annotations

import base64
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest

from fact_ledger.components import Check
from fact_ledger.config import Config
from fact_ledger.hookspecs import hookimpl
from fact_ledger.ingest import read_inputs
from fact_ledger.manager import PluginHost
from fact_ledger.model import Document
from fact_ledger.pipeline import Ledger, check_ledger, run_check
from fact_ledger.renderers.html import render_html
from fact_ledger.report import Report
from fact_ledger.testing import make_assertions, make_document

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="needs Chromium and its driver: apt-get install -y chromium chromium-driver",
)

# Without network the browser's background services hang or log errors; these flags are
# the ones the CI image uses.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,2200",
)

HOSTILE = make_document(
    "Reader mail <script>alert(1)</script> says [x](javascript:alert(1)) and | forged | cell |"
    ' =HYPERLINK("http://evil.test") \x1b[31m red; 40 people saw it and 4 people said so.\n',
    name="hostile",
)


def _figures(frame: pd.DataFrame, context: object) -> pd.DataFrame:
    """Figures for one subject and place whose intervals do not meet."""
    ids, messages = [], []
    keyed = frame.dropna(subset=["subject_key", "value_low", "value_high"])
    for (subject, place), group in keyed.groupby(["subject_key", "location_key"], dropna=False):
        if len(group) > 1 and group["value_low"].max() > group["value_high"].min():
            ids.append(list(group["assertion_id"]))
            messages.append(
                f"{subject} at {place}: " + " vs ".join(f"“{q}”" for q in group["quote"])
            )
    return pd.DataFrame({"assertion_ids": pd.Series(ids, dtype=object), "message": messages})


def _claims(frame: pd.DataFrame, context: object) -> pd.DataFrame:
    """A claim asserted by one speaker and denied by another."""
    ids, messages = [], []
    for claim, group in frame.dropna(subset=["claim_key"]).groupby("claim_key"):
        if {"asserts", "denies"} <= set(group["stance"]):
            ids.append(list(group["assertion_id"]))
            messages.append(f"“{claim}” is asserted and denied")
    return pd.DataFrame({"assertion_ids": pd.Series(ids, dtype=object), "message": messages})


class BrowserChecks:
    @hookimpl
    def ledger_register_checks(self, register: Callable[[Check], None]) -> None:
        register(
            Check(
                "BT101",
                "figures-disagree",
                "Figures disagree",
                "Two figures for the same subject and place whose intervals do not meet.",
                "error",
                _figures,
            )
        )
        register(Check("BT102", "claim-denied", "Claim denied",
                       "One speaker asserts what another denies.", "warning", _claims))  # fmt: skip


def _seed(documents: list[Document], fragment: str) -> Document:
    return next(d for d in documents if fragment in d.text)


def seed_report() -> Report:
    articles = sorted(str(p) for p in SEEDS.glob("*.txt"))
    documents = [*read_inputs(articles).documents, HOSTILE]
    gerasimov = _seed(documents, "about 750 militants")
    tass = _seed(documents, "dozens of off-road vehicles")
    afp = _seed(documents, "absolutely false")

    def at(document: Document, quote: str, **fields: object) -> dict[str, object]:
        return {"document": document, "quote": quote, **fields}

    militants = {"unit": "person", "subject": "militants", "subject_key": "militant"}
    vehicles = {"unit": "vehicle", "subject": "vehicles", "subject_key": "vehicle"}
    zone = {"unit": "km", "subject": "exclusion zone", "subject_key": "zone"}
    rows = [
        at(gerasimov, "about 750 militants", value=750, value_low=675, value_high=825,
           location="Al-Shaddadah", location_key="al-shaddadah", speaker="Gerasimov", **militants),
        at(gerasimov, "350", value=350, location="Al-Tanf", location_key="al-tanf",
           speaker="Gerasimov", **militants),
        at(tass, "about 300", value=300, value_low=270, value_high=330, location="Rukban",
           location_key="rukban", speaker="Igor Konashenkov", **militants),
        at(tass, "about 300 ISIL gunmen", value=300, value_low=270, value_high=330,
           location="Rukban", location_key="rukban", speaker="the Russian general", **militants),
        at(tass, "dozens of off-road vehicles", value=None, value_low=24, value_high=99,
           location="al-Qaryatayn", location_key="al-qaryatayn", speaker="Igor Konashenkov",
           **vehicles),
        # The wire copy has no-break spaces inside this phrase, as scraped news often does.
        at(tass, "a dozen of\u00a0cross country\u00a0vehicles", value=12, location="Al-Karatein",
           location_key="al-qaryatayn", speaker="the Russian general", **vehicles),
        at(tass, "50-kilometer area", value=50, location="al-Tanf", location_key="al-tanf",
           speaker="Igor Konashenkov", **zone),
        at(tass, "50km zone", value=50, location="At Tanf", location_key="al-tanf",
           speaker="Igor Konashenkov", **zone),
        at(afp, "The US-led coalition sharply reduced its strikes on Iraq in September",
           kind="proposition", speaker="Igor Konashenkov", claim_key="coalition cut its strikes"),
        at(afp, "That's absolutely false", kind="proposition", speaker="Rob Manning",
           stance="denies", claim_key="coalition cut its strikes"),
        at(HOSTILE, "40 people", value=40, subject_key="witness", unit="person",
           speaker="<b>Reader</b> \u202eevil"),
        at(HOSTILE, "4 people", value=4, subject_key="witness", unit="person"),
    ]  # fmt: skip
    ledger = Ledger(documents={d.doc_id: d for d in documents}, assertions=make_assertions(rows))
    host = PluginHost(entry_points=False, plugins=[BrowserChecks()])
    return check_ledger(ledger, host, Config(select=("BT",)))


@pytest.fixture(scope="module")
def report() -> Report:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed corpus is not at {SEEDS}")
    return seed_report()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="fact-ledger-chromium-")
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def page(report: Report, browser, tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(report, title="fact-ledger: seed corpus"), encoding="utf-8")
    browser.get(path.as_uri())
    return browser


def test_page_loads_without_console_errors(page) -> None:
    errors = [entry for entry in page.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
    with pytest.raises(NoAlertPresentException):
        page.switch_to.alert.text  # noqa: B018 - no script of the article ran


def test_every_finding_is_visible_with_both_quotes_marked(page, report: Report) -> None:
    articles = page.find_elements(By.CSS_SELECTOR, "article.finding")
    assert len(articles) == len(report.findings) == 3
    assert all(a.is_displayed() for a in articles)
    vehicles = page.find_element(By.CSS_SELECTOR, "article.finding[data-code='BT101']")
    marks = [m.text for m in vehicles.find_elements(By.CSS_SELECTOR, ".sentence mark")]
    assert "dozens of off-road vehicles" in marks
    assert "a dozen of cross country vehicles" in marks  # WebDriver reads no-break spaces as spaces


def test_plots_are_drawn_and_visible(page) -> None:
    plots = page.find_elements(By.CSS_SELECTOR, "figure > svg.plot")  # not the legend
    assert len(plots) >= 3  # militants, vehicles, zone; and the stance matrix
    assert all(p.is_displayed() and p.size["height"] > 40 for p in plots)
    militants = page.find_element(
        By.XPATH, "//figure[figcaption/strong[starts-with(., 'militants')]]"
    )
    rows = militants.find_elements(By.CSS_SELECTOR, ".row")
    assert len(rows) == 4  # Al-Shaddadah, Al-Tanf and Rukban twice
    # A row links only to a quote the page shows (excerpts around findings): no dead links.
    links = militants.find_elements(By.CSS_SELECTOR, "a.row")
    assert links
    for link in links:
        anchor = link.get_dom_attribute("href").rpartition("#")[2]
        assert page.find_elements(By.ID, anchor), anchor
    stance = page.find_element(By.CSS_SELECTOR, "figure.stance-plot svg")
    assert stance.find_elements(By.CSS_SELECTOR, "path.denies")


def test_filters_hide_and_show_findings(page) -> None:
    box = page.find_element(By.CSS_SELECTOR, "#filters input[name='severity'][value='error']")
    box.click()
    hidden = page.find_elements(By.CSS_SELECTOR, "article.finding[data-severity='error']")
    assert hidden and not any(a.is_displayed() for a in hidden)
    assert page.find_element(By.ID, "shown-count").text == "1"
    box.click()
    assert all(a.is_displayed() for a in hidden)


def test_a_quote_leads_to_its_highlighted_assertion_in_the_document(page) -> None:
    quote = page.find_element(By.CSS_SELECTOR, "article.finding[data-code='BT102'] a.quote")
    target = quote.get_attribute("href").rsplit("#", 1)[1]
    quote.click()
    anchor = page.find_element(By.ID, target)
    mark = anchor.find_element(By.XPATH, "following-sibling::mark[1]")
    assert mark.is_displayed()
    assert mark.text.startswith("The US-led coalition")


def test_hostile_text_is_shown_as_text(page) -> None:
    body = page.find_element(By.TAG_NAME, "body").text
    assert "<script>alert(1)</script>" in body
    assert "[x](javascript:alert(1))" in body
    assert "⟨U+001B⟩[31m" in body and "⟨U+202E⟩evil" in body
    assert len(page.find_elements(By.TAG_NAME, "script")) == 1


def test_print_layout_hides_the_controls_and_unfolds_everything(page, tmp_path: Path) -> None:
    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not page.find_element(By.ID, "filters").is_displayed()
        assert not page.find_element(By.TAG_NAME, "nav").is_displayed()
        pdf = base64.b64decode(page.execute_cdp_cmd("Page.printToPDF", {})["data"])
        assert pdf.startswith(b"%PDF")
        (tmp_path / "report.pdf").write_bytes(pdf)
        # Printing opened every folded document and check, and hides the per-finding
        # explanations: each check is explained once, in the Checks section.
        closed = page.execute_script(
            "return document.querySelectorAll('details:not(.about):not([open])').length"
        )
        assert closed == 0
        about = page.find_elements(By.CSS_SELECTOR, "details.about")
        assert about and not any(d.is_displayed() for d in about)
        notes = page.find_elements(By.CSS_SELECTOR, "details.check")
        assert notes and all(d.is_displayed() for d in notes)
    finally:
        page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_the_seed_corpus_report_as_fact_ledger_check_writes_it(browser, tmp_path: Path) -> None:
    """The real pipeline over seeds/ (as `fact-ledger check seeds/`), in the browser; its
    screenshot is the one the README shows."""
    report = run_check([SEEDS], config=Config(), host=PluginHost(entry_points=False))
    path = tmp_path / "seeds.html"
    path.write_text(render_html(report, title="fact-ledger: seed corpus"), encoding="utf-8")
    browser.get(path.as_uri())
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    articles = browser.find_elements(By.CSS_SELECTOR, "article.finding")
    assert len(articles) == len(report.findings) > 0
    assert browser.find_elements(By.CSS_SELECTOR, "figure > svg.plot")
    browser.set_window_size(1280, 2000)
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    speakers = browser.find_elements(By.CSS_SELECTOR, "#by-speaker tbody tr")
    if len(speakers) > 10:  # the long tail of speakers is folded behind a button
        assert sum(row.is_displayed() for row in speakers) == 10
        browser.find_element(By.CSS_SELECTOR, "button[data-toggle='more-speakers']").click()
        assert all(row.is_displayed() for row in speakers)
    target = os.environ.get("FACT_LEDGER_SCREENSHOT")
    if target:
        shutil.copyfile(shot, target)
