package com.leadimport.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.leadimport.domain.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of CONTRACT.md: its summary JSON, its exit codes, data kept between runs. */
class CliTest {

    @TempDir
    Path data;

    private String output;

    private int run(String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int status = new Cli(new PrintStream(buffer, true, StandardCharsets.UTF_8), LocalRuntime.Settings.defaults(data))
                .run(new ArrayList<>(List.of(args)));
        output = buffer.toString(StandardCharsets.UTF_8);
        return status;
    }

    private JsonNode json() throws Exception {
        return Json.MAPPER.readTree(output);
    }

    @Test
    void importPrintsTheSummaryAndTheLeadsOutliveTheProcess() throws Exception {
        assertThat(run("import", "samples/leads.csv", "--request", "samples/request.json")).isZero();

        JsonNode summary = json();
        assertThat(summary.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(summary.get("totalRows").asLong()).isEqualTo(10);
        assertThat(summary.get("imported").asLong() + summary.get("rejected").asLong()).isEqualTo(10);
        long byReason = 0;
        for (JsonNode count : summary.get("rejectedByReason")) {
            byReason += count.asLong();
        }
        assertThat(byReason).isEqualTo(summary.get("rejected").asLong());
        assertThat(summary.has("importId") && summary.has("replacedExisting")).isTrue();
        assertThat(Path.of(summary.get("rejectedRowsFile").asText())).exists()
                .content().contains("Title,First Name").contains("NO_CONTACT");

        assertThat(run("leads", "--list", "Sample List")).as("a new process on the same data directory").isZero();
        List<String> lines = output.lines().toList();
        assertThat(lines).hasSize(summary.get("imported").asInt());
        JsonNode lead = Json.MAPPER.readTree(lines.get(0));
        assertThat(lead.get("importId").asText()).isEqualTo(summary.get("importId").asText());
        assertThat(lead.get("list").asText()).isEqualTo("Sample List");
        assertThat(lead.has("leadId") && lead.has("timeZone") && lead.has("numberTimeZone") && lead.has("expiresOn") && lead.has("callInfo")).isTrue();

        assertThat(run("purge", "--date", "2099-01-01")).isZero();
        assertThat(run("leads", "--list", "Sample List")).isZero();
        assertThat(output).as("the purge removed every expired lead").isEmpty();
    }

    @Test
    void numbersOnDncAreDroppedFromTheNextImport() throws Exception {
        assertThat(run("dnc", "add", "requested", "07412 345123", "+44 7412 345456")).as("names ignore case").isZero();
        assertThat(json().get("category").asText()).isEqualTo("Requested");
        assertThat(run("dnc", "add", "Requested", "07412 345003", "call me")).as("one bad number refuses the lot").isEqualTo(2);

        assertThat(run("import", "samples/leads.csv", "--request", "samples/request.json")).isZero();

        assertThat(json().at("/rejectedByReason").has("DUPLICATE")).as("Fay shared Ann's mobile, now dropped from both").isFalse();
        assertThat(run("leads", "--list", "Sample List")).isZero();
        assertThat(output).doesNotContain("345123").doesNotContain("345456")
                .as("Bob is still reachable by email").contains("bob.hart@example.co.uk");
    }

    @Test
    void aRefusedRequestExitsWith2AndSaysWhy() throws Exception {
        Path request = data.resolve("bad.json");
        Files.writeString(request, Files.readString(Path.of("samples", "request.json")).replace("\"First Name\"", "\"Forename\""));

        assertThat(run("import", "samples/leads.csv", "--request", request.toString())).isEqualTo(2);

        assertThat(json().get("status").asText()).isEqualTo("REFUSED");
        assertThat(json().get("error").asText()).contains("Lead Mapping - First name: 'Forename' is not a header of the file");
        assertThat(run("import", "nope.csv", "--request", "samples/request.json")).isEqualTo(2);
        assertThat(json().get("error").asText()).contains("no such file: nope.csv");
    }

    @Test
    void dncCategoriesMustExistAndIgnoreCase() throws Exception {
        assertThat(run("dnc", "add", "Winback", "07412 345123")).isEqualTo(2);
        assertThat(json().get("error").asText())
                .isEqualTo("there is no DNC category 'Winback'; the categories are IVR, Imported, Requested (create it first)");
        assertThat(run("dnc", "create", "Winback")).isZero();
        assertThat(run("dnc", "create", "WINBACK")).isEqualTo(2);
        assertThat(json().get("error").asText()).isEqualTo("the DNC category 'Winback' exists already");
        assertThat(run("dnc", "add", "winback", "07412 345123")).isZero();
        assertThat(json().get("category").asText()).isEqualTo("Winback");
        assertThat(json().get("added").asInt()).isEqualTo(1);
    }

    @Test
    void helpAndUnknownNames() throws Exception {
        assertThat(run("--help")).isZero();
        assertThat(output).contains("import FILE --request REQUEST.json", "dnc create CATEGORY");
        assertThat(run("help", "serve")).isZero();
        assertThat(output).contains("serve [--port 8080]", "[--no-skill-routing]").doesNotContain("dnc add");
        assertThat(run("leads", "--list", "Nowhere")).isEqualTo(2);
        assertThat(json().get("error").asText()).isEqualTo("there is no list 'Nowhere'; the lists are none yet");
    }

    @Test
    void skillGroupsAreListedAndAddedOnceIgnoringCase() throws Exception {
        assertThat(run("skill-groups")).isZero();
        assertThat(output).isEmpty();
        assertThat(run("skill-groups", "add", "Sales")).isZero();
        assertThat(run("skill-groups", "add", "Retention")).isZero();
        assertThat(run("skill-groups", "add", "SALES")).isEqualTo(2);
        assertThat(json().get("error").asText()).isEqualTo("the skill group 'Sales' exists already");

        assertThat(run("skill-groups")).isZero();
        assertThat(output.lines()).containsExactly("Retention", "Sales");
    }

    @Test
    void aNullRequestIsARefusalNotACrash() throws Exception {
        Path request = data.resolve("null.json");
        Files.writeString(request, "null");

        assertThat(run("import", "samples/leads.csv", "--request", request.toString())).isEqualTo(2);

        assertThat(json().get("status").asText()).isEqualTo("REFUSED");
        assertThat(json().get("error").asText()).contains("must be a JSON object");
    }

    @Test
    void aWrongCommandLineIsAUsageError() {
        assertThatThrownBy(() -> run("import", "samples/leads.csv")).isInstanceOf(Cli.UsageException.class)
                .hasMessageContaining("--request");
        assertThatThrownBy(() -> run("serve", "--colour")).isInstanceOf(Cli.UsageException.class)
                .hasMessageContaining("--no-skill-routing");
        assertThatThrownBy(() -> run("fly")).isInstanceOf(Cli.UsageException.class).hasMessageContaining("unknown command 'fly'");
    }
}
