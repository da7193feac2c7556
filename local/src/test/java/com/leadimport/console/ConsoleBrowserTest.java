package com.leadimport.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportStatus;
import com.leadimport.local.LocalRuntime;
import com.leadimport.local.LocalServer;
import com.leadimport.ports.StoredLead;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in real headless Chromium against `serve`: the whole wizard on the sample file,
 * and each show/hide rule of the Settings stage. Screenshots of every stage go to
 * local/target/screenshots. (.ci/run installs Debian's chromium and chromium-driver.)
 */
class ConsoleBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path data;
    private static LocalRuntime runtime;
    private static LocalServer server;
    private static WebDriver browser;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(WebDriver.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver (installed by .ci/run)");
        runtime = LocalRuntime.start(LocalRuntime.Settings.defaults(data));
        server = LocalServer.start(runtime, 0, data.resolve("drop"), ZoneId.of("Europe/London"));
        browser = new WebDriver();
        url = "http://127.0.0.1:" + server.port() + "/";
        runtime.stores().catalog().createList("Sample List");
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
            runtime.close();
        }
    }

    @BeforeEach
    void openConsole() throws Exception {
        browser.open(url);
        browser.waitUntil("the console is ready", WAIT, () -> "true".equals(browser.script("return document.body.dataset.ready").asText()));
    }

    @Test
    void aSupervisorWalksTheWizardAndTheImportCompletesInHistory() throws Exception {
        browser.screenshot(SCREENSHOTS.resolve("1-details.png"));
        browser.type("#file", Path.of("samples", "leads.csv").toAbsolutePath().toString());
        browser.waitUntil("the upload finished", WAIT, () -> browser.text("#file-progress").startsWith("100%"));
        browser.select("#list", "Sample List");
        browser.type("#supplier", "Acme Data");
        browser.type("#cost", "0.12");
        browser.click("#details button[type=submit]");

        assertThat(browser.visible("#settings")).isTrue();
        browser.type("#settings-name", "UK weekly");
        browser.click("#dedupe");
        browser.click("#scope-lists");
        browser.click("#dedupe-destination");
        browser.click("#expiry");
        browser.screenshot(SCREENSHOTS.resolve("2-settings.png"));
        browser.click("#settings button[type=submit]");

        assertThat(browser.visible("#mapping")).isTrue();
        assertThat(browser.script("return document.querySelectorAll('#fields .mapped.suggested').length").asInt())
                .as("every lead field whose label or usual header is one of the sample's headers is suggested").isEqualTo(12);
        assertThat(browser.text("#fields td.drop[data-field=phone2]")).contains("Landline");
        assertThat(browser.text("#fields td.drop[data-field=reference]")).contains("Account Ref");
        browser.screenshot(SCREENSHOTS.resolve("3a-suggested.png"));
        browser.click("[aria-label='remove Mobile from phone1']");
        browser.click("[aria-label='remove Landline from phone2']");
        browser.click("[aria-label='remove Email from email']");
        browser.click("#mapping button[type=submit]");
        assertThat(browser.text("#mapping .error[data-for='mapping.fields']")).contains("Map at least one phone number");
        browser.type("#mapping-name", "Acme layout");
        browser.select("#add-firstName", "First Name");
        browser.select("#add-lastName", "Last Name");
        browser.select("#add-phone1", "Mobile");
        browser.select("#add-phone2", "Landline");
        browser.select("#add-email", "Email");
        browser.select("#add-address1", "Address 1");
        browser.select("#add-address1", "Address 2");
        assertThat(browser.visible("[data-separator=address1]")).isTrue();
        browser.screenshot(SCREENSHOTS.resolve("3-mapping.png"));
        browser.click("#mapping button[type=submit]");

        assertThat(browser.visible("#callinfo")).isTrue();
        browser.type("#template", "Name: {First Name} {Last Name}");
        browser.waitUntil("five previews", WAIT, () -> browser.script("return document.querySelectorAll('#callinfo-preview li').length").asInt() == 5);
        assertThat(browser.text("#callinfo-preview li")).isEqualTo("Name: Ann Lee");
        browser.screenshot(SCREENSHOTS.resolve("4-callinfo.png"));
        browser.click("[data-stage=mapping]");
        assertThat(browser.visible("#mapping")).as("a stage in the bar takes the supervisor back").isTrue();
        assertThat(browser.text("#fields td.drop[data-field=phone1]")).as("with the mapping as it was").contains("Mobile");
        browser.click("#mapping button[type=submit]");
        assertThat(browser.script("return document.getElementById('template').value").asText()).isEqualTo("Name: {First Name} {Last Name}");
        browser.click("#callinfo button[type=submit]");

        assertThat(browser.visible("#secondary")).isTrue();
        browser.screenshot(SCREENSHOTS.resolve("5-secondary.png"));
        browser.click("#secondary button[type=submit]");

        assertThat(browser.visible("#summary")).isTrue();
        assertThat(browser.text("#summary-list")).contains("Sample List", "Acme Data", "UK weekly", "Phone 1 ← Mobile",
                "Address 1 ← Address 1 + Address 2", "Default UK (leading 0)", "(the destination list): Keep existing", "In 30 days");
        browser.screenshot(SCREENSHOTS.resolve("6-summary.png"));
        browser.click("#start");
        browser.waitUntil("the import started", WAIT, () -> browser.visible("#started"));
        assertThat(browser.visible("#start")).as("Start cannot be pressed twice").isFalse();
        browser.waitUntil("the Summary page follows the import to its end", WAIT,
                () -> browser.text("#live-status").startsWith("Import completed"));
        assertThat(browser.text("#live-rows")).isEqualTo("10 rows: 6 imported, 4 rejected");
        assertThat(browser.text("#live-reasons")).contains("the email address is not valid").doesNotContain("INVALID_EMAIL");
        assertThat(browser.visible("#live-rejected")).isTrue();
        browser.screenshot(SCREENSHOTS.resolve("6b-progress.png"));

        browser.click("#go-history");
        browser.waitUntil("the import completed in history", WAIT,
                () -> browser.text("#history-rows .status").startsWith("COMPLETED"));
        assertThat(browser.text("#history-rows .imported")).as("the sample without its secondary mapping: row 7's bad date is not checked").isEqualTo("6");
        assertThat(browser.visible("[data-rejected]")).isTrue();
        browser.screenshot(SCREENSHOTS.resolve("7-history.png"));
        browser.click("[data-view=report]");
        browser.waitUntil("the supplier report", WAIT, () -> browser.text("#report-rows").contains("Acme Data"));
        assertThat(browser.script("return document.querySelectorAll('#report-chart rect').length").asInt())
                .as("a bar each for imported and rejected, beside the two legend keys").isEqualTo(4);
        browser.screenshot(SCREENSHOTS.resolve("8-report.png"));

        ImportRecord record = runtime.stores().imports().history(1).get(0);
        assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED);
        List<StoredLead> leads = new ArrayList<>();
        runtime.stores().leads().forEachLead("Sample List", leads::add);
        assertThat(leads).hasSize(6).allSatisfy(l -> assertThat(l.expiresOn()).isEqualTo(record.importDate().plusDays(30)));
        assertThat(leads.get(0).lead().callInfo()).isEqualTo("Name: Ann Lee");
    }

    @Test
    void requiredDetailsAreNamedNextToTheirFields() throws Exception {
        browser.click("#details button[type=submit]");

        assertThat(browser.text(".error[data-for=file]")).contains("File is required");
        assertThat(browser.text(".error[data-for='details.list']")).isEqualTo("List is required");
        assertThat(browser.text(".error[data-for='details.supplier']")).contains("Supplier is required");
        assertThat(browser.visible("#settings")).isFalse();
        assertThat(browser.script("return document.activeElement.id").asText()).as("the first field in error has the focus").isEqualTo("file");
        assertThat(browser.script("return document.getElementById('list').getAttribute('aria-invalid')").asText()).isEqualTo("true");
        assertThat(browser.script("return document.getElementById(document.getElementById('list').getAttribute('aria-describedby')).textContent")
                .asText()).as("the error describes its field for screen readers").isEqualTo("List is required");
        browser.type("#supplier", "Acme Data");
        browser.click("#details button[type=submit]");
        assertThat(browser.script("return document.getElementById('supplier').hasAttribute('aria-invalid')").asBoolean()).isFalse();
    }

    @Test
    void anErrorFromTheApiIsShownNextToItsField() throws Exception {
        browser.script("window.prompt = () => 'Sample List';");
        browser.click("#new-list");

        browser.waitUntil("the API's answer", WAIT, () -> !browser.text(".error[data-for='details.list']").isEmpty());
        assertThat(browser.text(".error[data-for='details.list']")).isEqualTo("name: a list called 'Sample List' exists already");
    }

    @Test
    void deduplicationOptionsShowOnlyWhenDeduplicating() throws Exception {
        settingsStage();
        assertThat(browser.visible("#dedupe-on")).isFalse();
        assertThat(browser.visible("#dedupe-action")).isFalse();
        browser.click("#dedupe");
        assertThat(browser.visible("#dedupe-on")).isTrue();
        assertThat(browser.visible("#scope-file")).isTrue();
    }

    @Test
    void mappingNameAndPreviousMappingsShowOnlyWhenNotAdHoc() throws Exception {
        assertShownOnlyWhenNotAdHoc("mapping", "#mapping-name", "#previous-mappings");
    }

    /** Opens a stage directly (stages are gated by the furthest reached). */
    private static void openStage(String stage) throws Exception {
        browser.script("document.querySelector('[data-stage=" + stage + "]').disabled = false;");
        browser.click("[data-stage=" + stage + "]");
    }

    private static void settingsStage() throws Exception {
        openStage("settings");
    }

    /** The controls show on the stage, and hide there once Ad-hoc is ticked on Details. */
    private static void assertShownOnlyWhenNotAdHoc(String stage, String... selectors) throws Exception {
        openStage(stage);
        for (String selector : selectors) {
            assertThat(browser.visible(selector)).as(selector + " when not ad hoc").isTrue();
        }
        browser.click("[data-stage=details]");
        browser.click("#adhoc");
        openStage(stage);
        for (String selector : selectors) {
            assertThat(browser.visible(selector)).as(selector + " when ad hoc").isFalse();
        }
    }

    @Test
    void nameAndMyDefaultShowOnlyWhenNotAdHoc() throws Exception {
        assertShownOnlyWhenNotAdHoc("settings", "#settings-name", "#my-default", "#previous-settings");
    }

    @Test
    void advancedFormatOptionsShowOnlyForAdvanced() throws Exception {
        settingsStage();
        assertThat(browser.visible("#leading-zero")).isFalse();
        browser.select("#format", "ADVANCED");
        assertThat(browser.visible("#leading-zero")).isTrue();
        assertThat(browser.visible("#truncate")).isTrue();
    }

    @Test
    void keepLeadsWithCallbacksShowsOnlyWhenDeletingExistingRecords() throws Exception {
        settingsStage();
        assertThat(browser.visible("#keep-callbacks")).isFalse();
        browser.click("#delete-existing");
        assertThat(browser.visible("#keep-callbacks")).isTrue();
    }

    @Test
    void dncCategoriesShowWhenCheckingDnc() throws Exception {
        settingsStage();
        assertThat(browser.text("#dnc-categories")).contains("IVR", "Imported", "Requested");
        browser.click("#dnc");
        assertThat(browser.visible("#dnc-categories")).isFalse();
    }

    @Test
    void listsAreUnavailableUnlessTheScopeIsLists() throws Exception {
        settingsStage();
        browser.click("#dedupe");
        assertThat(browser.visible("#dedupe-action")).isTrue();
        browser.click("#scope-global");
        assertThat(browser.visible("#dedupe-destination")).isFalse();
        assertThat(browser.script("return document.getElementById('dedupe-additional').disabled").asBoolean()).isTrue();
        browser.click("#scope-lists");
        assertThat(browser.visible("#dedupe-destination")).isTrue();
        assertThat(browser.visible("#dedupe-additional")).isTrue();
    }

    @Test
    void theTimeZoneShowsOnlyWhenStatic() throws Exception {
        settingsStage();
        assertThat(browser.visible("#zone")).isFalse();
        browser.click("#static-zone");
        assertThat(browser.visible("#zone")).isTrue();
    }

    @Test
    void defaultSkillGroupShowsOnlyWithOutboundSkillBasedRouting() throws Exception {
        settingsStage();
        assertThat(browser.visible("#skill-group")).isTrue();
        try (LocalRuntime without = LocalRuntime.start(LocalRuntime.Settings.defaults(null).withSkillBasedRouting(false));
             LocalServer other = LocalServer.start(without, 0, data.resolve("drop-other"), ZoneId.of("Europe/London"))) {
            browser.open("http://127.0.0.1:" + other.port() + "/");
            browser.waitUntil("the console is ready", WAIT,
                    () -> "true".equals(browser.script("return document.body.dataset.ready").asText()));
            settingsStage();
            assertThat(browser.visible("#skill-group")).isFalse();
            assertThat(browser.visible("#clear-fetched")).isTrue();
        }
    }

    @Test
    void expiryFieldsFollowTheExpireOption() throws Exception {
        settingsStage();
        assertThat(browser.visible("#expiry-option")).isFalse();
        browser.click("#expiry");
        assertThat(browser.visible("#expiry-days")).isTrue();
        assertThat(browser.visible("#expiry-date")).isFalse();
        browser.select("#expiry-option", "ON_DATE");
        assertThat(browser.visible("#expiry-date")).isTrue();
        assertThat(browser.visible("#expiry-days")).isFalse();
    }
}
