package com.leadimport.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.domain.request.FieldType;
import com.leadimport.domain.request.LeadField;
import com.leadimport.domain.request.Secondary;
import com.leadimport.domain.request.SecondaryFieldMapping;
import com.leadimport.imports.ImportRecord;
import com.leadimport.imports.ImportStatus;
import com.leadimport.local.LocalRuntime;
import com.leadimport.local.LocalServer;
import com.leadimport.ports.ContactTable;
import com.leadimport.ports.SecondaryMapping;
import com.leadimport.ports.StoredLead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in real headless Chromium against `serve`, driven through Selenium: the whole
 * wizard on the sample file, a header dragged onto a field, a semicolon-separated file, the
 * rejected-rows download, Call Info previews answered out of order, and each show/hide rule
 * of the Settings stage. Screenshots of every stage go to local/target/screenshots (and of
 * the page where a test failed). .ci/run installs Debian's chromium and chromium-driver;
 * Selenium is pointed at both, so Selenium Manager never downloads anything.
 */
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SAMPLE = Path.of("samples", "leads.csv");
    private static final List<String> STAGES = List.of("details", "settings", "mapping", "callinfo", "secondary", "summary");
    /** Every import here is this supplier's: the walk-through's report shows one supplier's bars. */
    private static final String SUPPLIER = "Acme Data";

    @TempDir
    static Path data;
    private static LocalRuntime runtime;
    private static LocalServer server;
    private static ChromeDriver browser;
    private static String url;
    private static Path downloads;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs " + CHROMIUM + " and " + CHROMEDRIVER + " (installed by .ci/run)");
        runtime = LocalRuntime.start(LocalRuntime.Settings.defaults(data));
        server = LocalServer.start(runtime, 0, data.resolve("drop"), ZoneId.of("Europe/London"));
        downloads = Files.createDirectories(data.resolve("downloads"));
        try (var previous = Files.newDirectoryStream(Files.createDirectories(SCREENSHOTS), "failed-*.png")) {
            for (Path failed : previous) {
                Files.delete(failed); // an earlier run's
            }
        }
        browser = headlessChromium();
        url = "http://127.0.0.1:" + server.port() + "/";
        runtime.stores().catalog().createList("Sample List");
    }

    /** Debian's chromium through Debian's chromedriver, saving downloads to {@link #downloads}. */
    private static ChromeDriver headlessChromium() {
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,1000");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        return new ChromeDriver(driver, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
            runtime.close();
        }
    }

    /** A screenshot of the page as a test failed, named after the test. */
    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                screenshot("failed-" + context.getRequiredTestMethod().getName() + ".png");
            }
        }
    };

    @BeforeEach
    void openConsole() {
        open(url);
    }

    @Test
    void aSupervisorWalksTheWizardAndTheImportCompletesInHistory() {
        screenshot("1-details.png");
        upload(SAMPLE);
        choose("#list", "Sample List");
        type("#supplier", SUPPLIER);
        type("#cost", "0.12");
        click("#details button[type=submit]");

        assertThat(visible("#settings")).isTrue();
        type("#settings-name", "UK weekly");
        click("#dedupe");
        click("#scope-lists");
        click("#dedupe-destination");
        click("#expiry");
        screenshot("2-settings.png");
        click("#settings button[type=submit]");

        assertThat(visible("#mapping")).isTrue();
        assertThat(count("#fields .mapped.suggested"))
                .as("every lead field whose label or usual header is one of the sample's headers is suggested").isEqualTo(12);
        assertThat(text("#fields td.drop[data-field=phone2]")).contains("Landline");
        assertThat(text("#fields td.drop[data-field=reference]")).contains("Account Ref");
        screenshot("3a-suggested.png");
        click("[aria-label='remove Mobile from phone1']");
        click("[aria-label='remove Landline from phone2']");
        click("[aria-label='remove Email from email']");
        click("#mapping button[type=submit]");
        assertThat(text("#mapping .error[data-for='mapping.fields']")).contains("Lead fields: map at least one phone number");
        type("#mapping-name", "Acme layout");
        choose("#add-firstName", "First Name");
        choose("#add-lastName", "Last Name");
        choose("#add-phone1", "Mobile");
        choose("#add-phone2", "Landline");
        choose("#add-email", "Email");
        choose("#add-address1", "Address 1");
        choose("#add-address1", "Address 2");
        assertThat(visible("[data-separator=address1]")).isTrue();
        screenshot("3-mapping.png");
        click("#mapping button[type=submit]");

        assertThat(visible("#callinfo")).isTrue();
        type("#template", "Name: {First Name} {Last Name}");
        waitUntil("the previews of the whole template typed", () -> text("#callinfo-preview li").equals("Name: Ann Lee"));
        assertThat(count("#callinfo-preview li")).as("five previews").isEqualTo(5);
        assertThat(text("#callinfo-preview li")).isEqualTo("Name: Ann Lee");
        screenshot("4-callinfo.png");
        click("[data-stage=mapping]");
        assertThat(visible("#mapping")).as("a stage in the bar takes the supervisor back").isTrue();
        assertThat(text("#fields td.drop[data-field=phone1]")).as("with the mapping as it was").contains("Mobile");
        click("#mapping button[type=submit]");
        assertThat(find("#template").getDomProperty("value")).isEqualTo("Name: {First Name} {Last Name}");
        click("#callinfo button[type=submit]");

        assertThat(visible("#secondary")).isTrue();
        screenshot("5-secondary.png");
        click("#secondary button[type=submit]");

        assertThat(visible("#summary")).isTrue();
        assertThat(text("#summary-list")).contains("Sample List", "Acme Data", "UK weekly", "Phone 1 ← Mobile",
                "Address 1 ← Address 1 + Address 2", "Default UK (leading 0)", "(the destination list): Keep existing", "In 30 days");
        screenshot("6-summary.png");
        click("#start");
        waitUntil("the import started", () -> visible("#started"));
        assertThat(visible("#start")).as("Start cannot be pressed twice").isFalse();
        waitUntil("the Summary page follows the import to its end", () -> text("#live-status").startsWith("Import completed"));
        assertThat(text("#live-rows")).isEqualTo("10 rows: 6 imported, 4 rejected");
        assertThat(text("#live-reasons")).contains("the email address is not valid").doesNotContain("INVALID_EMAIL");
        assertThat(visible("#live-rejected")).isTrue();
        screenshot("6b-progress.png");

        click("#go-history");
        waitUntil("the import completed in history", () -> text("#history-rows .status").startsWith("COMPLETED"));
        assertThat(text("#history-rows .imported")).as("the sample without its secondary mapping: row 7's bad date is not checked").isEqualTo("6");
        assertThat(visible("[data-rejected]")).isTrue();
        screenshot("7-history.png");
        click("[data-view=report]");
        waitUntil("the supplier report", () -> text("#report-rows").contains("Acme Data"));
        assertThat(count("#report-chart rect"))
                .as("a bar each for imported and rejected, beside the two legend keys").isEqualTo(4);
        screenshot("8-report.png");

        ImportRecord record = runtime.stores().imports().history(1).get(0);
        assertThat(record.status()).isEqualTo(ImportStatus.COMPLETED);
        List<StoredLead> leads = new ArrayList<>();
        runtime.stores().leads().forEachLead("Sample List", leads::add);
        assertThat(leads).hasSize(6).allSatisfy(l -> assertThat(l.expiresOn()).isEqualTo(record.importDate().plusDays(30)));
        assertThat(leads.get(0).lead().callInfo()).isEqualTo("Name: Ann Lee");
    }

    @Test
    void aHeaderTheSupervisorPlacesIsNoLongerSuggestedForAnotherField() {
        // given the sample on the Lead Mapping stage, Address 2 suggested for the Address 2 field
        fillDetails(SAMPLE, newList("Placed"));
        next("details");
        next("settings");
        assertThat(texts("#fields td.drop[data-field=address2] .mapped.suggested")).containsExactly("Address 2×");

        // when the supervisor adds Address 2 to Address 1 (the keyboard's way: the field's "add header" choice)
        choose("#add-address1", "Address 2");

        // then it is Address 1's, and no longer suggested for Address 2 as well
        assertThat(texts("#fields td.drop[data-field=address1] .mapped")).contains("Address 2×");
        assertThat(texts("#fields td.drop[data-field=address2] .mapped")).isEmpty();
    }

    @Test
    void aSavedSecondaryMappingIsLoadedOnTheSecondaryStage() {
        // given a contact data table and a secondary mapping saved for it by an earlier import
        runtime.stores().catalog().saveContactTable(new ContactTable("Renewals",
                List.of(new ContactTable.Field("Renewal", null, FieldType.DATE, null))));
        runtime.stores().catalog().saveSecondaryMapping(new SecondaryMapping("Renewals layout", new Secondary("Renewals",
                Map.of("Renewal", new SecondaryFieldMapping(List.of("contract end"), null, FieldType.DATE, null, null)))));
        openConsole();
        fillDetails(SAMPLE, newList("Loaded"));
        for (String stage : List.of("details", "settings", "mapping", "callinfo")) {
            next(stage);
        }

        // when the supervisor loads it
        choose("#previous-secondary", "Renewals layout (Renewals)");

        // then its table is chosen and its field mapped to the file's header (named ignoring case)
        assertThat(find("#table").getDomProperty("value")).isEqualTo("Renewals");
        assertThat(find("#secondary-fields select").getDomProperty("value")).isEqualTo("Contract End");
    }

    @Test
    void aSettingsNameIsAskedForOnSettingsNotAtStart() {
        fillDetails(SAMPLE, newList("Unnamed"));
        click("#adhoc"); // not ad hoc: the settings are saved, under a name
        next("details");
        find("#settings-name").clear(); // a default profile may have filled it

        next("settings");

        assertThat(visible("#settings")).as("still on Settings").isTrue();
        assertThat(text(".error[data-for='settings.name']"))
                .isEqualTo("Name: name these settings to save them (required unless Ad-hoc is ticked)");
    }

    @Test
    void aHeaderDraggedOntoAFieldIsMappedToItAndImportedThere() {
        // given the sample file on the Lead Mapping stage, Tariff mapped to no field
        fillDetails(SAMPLE, newList("Dragged"));
        next("details");
        next("settings");
        assertThat(text("#fields td.drop[data-field=notes]")).isEmpty();

        // when the supervisor drags the Tariff header onto Notes
        Html5DragAndDrop.drag(browser, headerChip("Tariff"), find("#fields td.drop[data-field=notes]"));

        // then Notes shows Tariff as mapped (the supervisor's own choice, not a suggestion)
        assertThat(texts("#fields td.drop[data-field=notes] .mapped")).containsExactly("Tariff×");
        assertThat(count("#fields td.drop[data-field=notes] .mapped.suggested")).isZero();
        assertThat(count("[aria-label='remove Tariff from notes']")).isEqualTo(1);
        screenshot("dragged-mapping.png");
        // and the console sends it: the Summary says so, the API saves it, each lead gets its tariff
        nextToSummary("mapping");
        assertThat(text("#summary-list")).contains("Notes ← Tariff");
        runImport();
        assertThat(importInto("Dragged").request().mapping().fields().get(LeadField.NOTES).headers()).containsExactly("Tariff");
        List<StoredLead> leads = new ArrayList<>();
        runtime.stores().leads().forEachLead("Dragged", leads::add);
        assertThat(leads).extracting(l -> l.lead().fields().get(LeadField.FIRST_NAME) + ": " + l.lead().fields().get(LeadField.NOTES))
                .contains("Ann: Gold", "Bob: Silver", "Ian: Bronze");
    }

    @Test
    void aSemicolonSeparatedFileOffersEachHeaderOnItsOwn() {
        Path file = csv("semicolons.csv", "First Name;Last Name;Mobile;Email", "Ann;Lee;07412 345123;ann.lee@example.com");

        fillDetails(file, newList("Semicolons"));

        assertThat(text("#file-progress")).contains("4 columns separated by semicolon");
        assertThat(new Select(find("#delimiter")).getFirstSelectedOption().getText()).isEqualTo("As detected (semicolon)");
        screenshot("semicolon-details.png");
        next("details");
        next("settings");
        assertThat(texts("#headers li")).containsExactly("First Name", "Last Name", "Mobile", "Email");
        assertThat(text("#fields td.drop[data-field=phone1]")).contains("Mobile");
        screenshot("semicolon-mapping.png");
    }

    @Test
    void aRejectedDuplicateNamesItsRowAndTheEarlierRowInTheRejectedRowsDownload() {
        // given a file whose fifth spreadsheet row repeats the third row's phone number
        Path file = csv("repeated-phone.csv", "First Name,Last Name,Mobile",
                "Ann,Lee,07412 345123",
                "Bob,Hart,07412 345456",
                "Cara,Dunn,07412 345789",
                "Dan,Hart,07412 345456");
        fillDetails(file, newList("Repeated Phone"));
        next("details");
        click("#dedupe"); // phone numbers, within the file uploaded, keeping the existing (first) row
        nextToSummary("settings");

        // when the import runs and the supervisor downloads its rejected rows
        runImport();
        assertThat(text("#live-rows")).isEqualTo("4 rows: 3 imported, 1 rejected");
        new Actions(browser).scrollToElement(find("#live-rejected")).perform();
        screenshot("duplicate-summary.png");
        click("#live-rejected");

        // then the duplicate is there with its row number and the row it repeats
        assertThat(downloaded("repeated-phone-rejected.csv")).containsExactly(
                "First Name,Last Name,Mobile,Row,Reason,Message",
                "Dan,Hart,07412 345456,5,DUPLICATE,duplicate of row 3 of this file");
    }

    @Test
    void theCallInfoPreviewsStayThoseOfTheTemplateTypedWhenAnEarlierAnswerArrivesLast() {
        upload(SAMPLE);
        try (HeldRequest emptyTemplatePreview = new HeldRequest(browser, "*/call-info-preview")) {
            // given the previews of the empty template, asked for as the stage opens, are slow to come
            openStage("callinfo");
            emptyTemplatePreview.awaitHeld();
            // when the supervisor types a template, sees its previews, and then the earlier answer arrives
            type("#template", "Name: {First Name}");
            waitUntil("the previews of the template typed", () -> text("#callinfo-preview li").equals("Name: Ann"));
            emptyTemplatePreview.letThrough();
            // then the previews are still the template's
            staysTrue("the previews of the template typed", Duration.ofSeconds(1),
                    () -> text("#callinfo-preview li").equals("Name: Ann"));
        }
    }

    @Test
    void requiredDetailsAreNamedNextToTheirFields() {
        click("#details button[type=submit]");

        assertThat(text(".error[data-for=file]")).contains("File: select a .csv file (required)");
        assertThat(text(".error[data-for='details.list']")).isEqualTo("List: choose the destination list (required)");
        assertThat(text(".error[data-for='details.supplier']")).contains("Supplier: record where the data came from");
        assertThat(visible("#settings")).isFalse();
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).as("the first field in error has the focus").isEqualTo("file");
        assertThat(find("#list").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(text("#" + find("#list").getDomAttribute("aria-describedby"))).as("the error describes its field for screen readers").isEqualTo("List: choose the destination list (required)");
        type("#supplier", "Acme Data");
        click("#details button[type=submit]");
        assertThat(find("#supplier").getDomAttribute("aria-invalid")).isNull();
    }

    @Test
    void anErrorFromTheApiIsShownNextToItsField() {
        click("#new-list");
        browser.switchTo().alert().sendKeys("Sample List");
        browser.switchTo().alert().accept();

        waitUntil("the API's answer", () -> !text(".error[data-for='details.list']").isEmpty());
        assertThat(text(".error[data-for='details.list']")).isEqualTo("List name: a list called 'Sample List' exists already");
    }

    @Test
    void deduplicationOptionsShowOnlyWhenDeduplicating() {
        settingsStage();
        assertThat(visible("#dedupe-on")).isFalse();
        assertThat(visible("#dedupe-action")).isFalse();
        click("#dedupe");
        assertThat(visible("#dedupe-on")).isTrue();
        assertThat(visible("#scope-file")).isTrue();
    }

    @Test
    void mappingNameAndPreviousMappingsShowOnlyWhenNotAdHoc() {
        assertShownOnlyWhenNotAdHoc("mapping", "#mapping-name", "#previous-mappings");
    }

    /** Opens a stage directly (stages are gated by the furthest reached). */
    private static void openStage(String stage) {
        browser.executeScript("document.querySelector('[data-stage=" + stage + "]').disabled = false;");
        click("[data-stage=" + stage + "]");
    }

    private static void settingsStage() {
        openStage("settings");
    }

    /** The controls show on the stage, and hide there once Ad-hoc is ticked on Details. */
    private static void assertShownOnlyWhenNotAdHoc(String stage, String... selectors) {
        openStage(stage);
        for (String selector : selectors) {
            assertThat(visible(selector)).as(selector + " when not ad hoc").isTrue();
        }
        click("[data-stage=details]");
        click("#adhoc");
        openStage(stage);
        for (String selector : selectors) {
            assertThat(visible(selector)).as(selector + " when ad hoc").isFalse();
        }
    }

    @Test
    void nameAndMyDefaultShowOnlyWhenNotAdHoc() {
        assertShownOnlyWhenNotAdHoc("settings", "#settings-name", "#my-default", "#previous-settings");
    }

    @Test
    void advancedFormatOptionsShowOnlyForAdvanced() {
        settingsStage();
        assertThat(visible("#leading-zero")).isFalse();
        choose("#format", "Advanced");
        assertThat(visible("#leading-zero")).isTrue();
        assertThat(visible("#truncate")).isTrue();
    }

    @Test
    void keepLeadsWithCallbacksShowsOnlyWhenDeletingExistingRecords() {
        settingsStage();
        assertThat(visible("#keep-callbacks")).isFalse();
        click("#delete-existing");
        assertThat(visible("#keep-callbacks")).isTrue();
    }

    @Test
    void dncCategoriesShowWhenCheckingDnc() {
        settingsStage();
        assertThat(text("#dnc-categories")).contains("IVR", "Imported", "Requested");
        click("#dnc");
        assertThat(visible("#dnc-categories")).isFalse();
    }

    @Test
    void listsAreUnavailableUnlessTheScopeIsLists() {
        settingsStage();
        click("#dedupe");
        assertThat(visible("#dedupe-action")).isTrue();
        click("#scope-global");
        assertThat(visible("#dedupe-destination")).isFalse();
        assertThat(find("#dedupe-additional").isEnabled()).isFalse();
        click("#scope-lists");
        assertThat(visible("#dedupe-destination")).isTrue();
        assertThat(visible("#dedupe-additional")).isTrue();
    }

    @Test
    void theTimeZoneShowsOnlyWhenStatic() {
        settingsStage();
        assertThat(visible("#zone")).isFalse();
        click("#static-zone");
        assertThat(visible("#zone")).isTrue();
    }

    @Test
    void defaultSkillGroupShowsOnlyWithOutboundSkillBasedRouting() {
        settingsStage();
        assertThat(visible("#skill-group")).isTrue();
        try (LocalRuntime without = LocalRuntime.start(LocalRuntime.Settings.defaults(null).withSkillBasedRouting(false));
             LocalServer other = LocalServer.start(without, 0, data.resolve("drop-other"), ZoneId.of("Europe/London"))) {
            open("http://127.0.0.1:" + other.port() + "/");
            settingsStage();
            assertThat(visible("#skill-group")).isFalse();
            assertThat(visible("#clear-fetched")).isTrue();
        }
    }

    @Test
    void expiryFieldsFollowTheExpireOption() {
        settingsStage();
        assertThat(visible("#expiry-option")).isFalse();
        click("#expiry");
        assertThat(visible("#expiry-days")).isTrue();
        assertThat(visible("#expiry-date")).isFalse();
        choose("#expiry-option", "On a date");
        assertThat(visible("#expiry-date")).isTrue();
        assertThat(visible("#expiry-days")).isFalse();
    }

    // ---------- steps of the wizard ----------

    /** A list created elsewhere, then Refresh pressed so that Details offers it. */
    private static String newList(String name) {
        runtime.stores().catalog().createList(name);
        click("#refresh-lists");
        waitUntil("the list " + name + " is offered", () -> texts("#list option").contains(name));
        return name;
    }

    private static Path csv(String name, String... lines) {
        try {
            return Files.write(data.resolve(name), List.of(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Chooses the file, then waits until it is uploaded and previewed (100% shows before the preview is read). */
    private static void upload(Path file) {
        type("#file", file.toAbsolutePath().toString());
        waitUntil("the upload finished", () -> text("#file-progress").startsWith("100%"));
        waitUntil("the preview was read", () -> text("#file-progress").contains("columns separated by"));
    }

    /** Details of a one-off import (Ad-hoc: no settings or mapping to name and save): the file, the list, the supplier. */
    private static void fillDetails(Path file, String list) {
        upload(file);
        choose("#list", list);
        type("#supplier", SUPPLIER);
        click("#adhoc");
    }

    /** Next on this stage. */
    private static void next(String stage) {
        click("#" + stage + " button[type=submit]");
    }

    /** Next on this stage and each after it, to the Summary. */
    private static void nextToSummary(String stage) {
        STAGES.subList(STAGES.indexOf(stage), STAGES.indexOf("summary")).forEach(ConsoleBrowserTest::next);
    }

    /** Start on the Summary page, then waits until the page says the import completed. */
    private static void runImport() {
        click("#start");
        waitUntil("the Summary page follows the import to its end", () -> text("#live-status").startsWith("Import completed"));
    }

    private static ImportRecord importInto(String list) {
        return runtime.stores().imports().history(100).stream().filter(i -> list.equals(i.list())).findFirst().orElseThrow();
    }

    private static WebElement headerChip(String header) {
        return browser.findElements(By.cssSelector("#headers li")).stream().filter(chip -> chip.getText().equals(header))
                .findFirst().orElseThrow(() -> new AssertionError("no header chip " + header));
    }

    /** The lines of a file the browser downloaded, once it has arrived whole, without a byte order mark. */
    private static List<String> downloaded(String name) {
        Path file = downloads.resolve(name); // Chrome writes name.crdownload, then renames it
        waitUntil(name + " downloaded", () -> Files.exists(file));
        try {
            return Files.readString(file).replaceFirst("^\uFEFF", "").lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------- the supervisor's actions and what the page shows, through Selenium ----------

    private static void open(String address) {
        browser.get(address);
        waitUntil("the console is ready", () -> "true".equals(find("body").getDomAttribute("data-ready")));
    }

    private static WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    private static int count(String css) {
        return browser.findElements(By.cssSelector(css)).size();
    }

    private static void click(String css) {
        find(css).click();
    }

    private static void type(String css, String text) {
        find(css).sendKeys(text);
    }

    /** Chooses the option showing this text, as a supervisor would from the drop-down. */
    private static void choose(String css, String option) {
        new Select(find(css)).selectByVisibleText(option);
    }

    /** The text of each element found, as the page shows it. */
    private static List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    /** The element's text as the page shows it. */
    private static String text(String css) {
        return find(css).getText();
    }

    private static boolean visible(String css) {
        List<WebElement> found = browser.findElements(By.cssSelector(css));
        return !found.isEmpty() && found.get(0).isDisplayed();
    }

    private static void waitUntil(String what, BooleanSupplier condition) {
        new WebDriverWait(browser, WAIT).withMessage("waiting until " + what).ignoring(StaleElementReferenceException.class)
                .until(page -> condition.getAsBoolean());
    }

    /** Checks the condition again and again for that long: it must hold throughout. */
    private static void staysTrue(String what, Duration duration, BooleanSupplier condition) {
        long end = System.nanoTime() + duration.toNanos();
        do {
            assertThat(condition.getAsBoolean()).as(what).isTrue();
        } while (System.nanoTime() < end);
    }

    private static void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
