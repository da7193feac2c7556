package com.leadimport.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.domain.request.ImportRequests;
import com.leadimport.imports.ImportStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalServerTest {

    @Test
    void theMidnightPurgeIsScheduledForTheStartOfTheNextDayInItsZone() {
        ZoneId london = ZoneId.of("Europe/London");

        assertThat(LocalServer.untilNextMidnight(java.time.ZonedDateTime.of(2026, 12, 3, 23, 59, 30, 0, london)))
                .isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(LocalServer.untilNextMidnight(java.time.ZonedDateTime.of(2026, 12, 3, 0, 0, 0, 0, london)))
                .as("at midnight itself, the next one").isEqualTo(java.time.Duration.ofDays(1));
        assertThat(LocalServer.untilNextMidnight(java.time.ZonedDateTime.of(2026, 10, 24, 23, 0, 0, 0, london)))
                .isEqualTo(java.time.Duration.ofHours(1));
        assertThat(LocalServer.untilNextMidnight(java.time.ZonedDateTime.of(2026, 10, 25, 12, 0, 0, 0, london)))
                .as("the clocks went back at 02:00 that day, the next midnight is still 12 hours on").isEqualTo(java.time.Duration.ofHours(12));
    }

    @Test
    void servesTheApiOverHttpAndImportsSupplierDrops(@TempDir Path data) throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Settings.defaults(data));
             LocalServer server = LocalServer.start(runtime, 0, data.resolve("drop"), ZoneId.of("Europe/London"), null)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();

            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/lists"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"Drops\"}")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> lists = http.send(HttpRequest.newBuilder(URI.create(base + "/api/lists")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(lists.body()).isEqualTo("[\"Drops\"]");
            assertThat(lists.headers().firstValue("Content-Type")).contains("application/json");

            var saved = ImportRequests.parse(Files.readString(Path.of("samples", "request.json")));
            runtime.importFile("first.csv", Files.readAllBytes(Path.of("samples", "leads.csv")), saved, "test");
            Path drop = Files.createDirectories(data.resolve("drop").resolve("Acme Data"));
            Files.copy(Path.of("samples", "leads.csv"), drop.resolve("weekly.csv"));

            Files.writeString(drop.resolve(".weekly.csv.part"), "Title,First");
            Files.writeString(drop.resolve("growing.csv"), "Title,First Name");

            server.importDrops();
            assertThat(drop.resolve("done")).as("a file is taken once it has held still for a poll").doesNotExist();
            Files.writeString(drop.resolve("growing.csv"), ",Last Name\n", java.nio.file.StandardOpenOption.APPEND);
            server.importDrops();

            assertThat(drop.resolve("done").resolve("weekly.csv")).exists();
            assertThat(drop.resolve("growing.csv")).as("still being written at the last poll").exists();
            assertThat(drop.resolve(".weekly.csv.part")).as("hidden temporaries are left alone").exists();
            assertThat(runtime.stores().imports().history(10)).anySatisfy(r -> {
                assertThat(r.createdBy()).isEqualTo("supplier:Acme Data");
                assertThat(r.status()).isEqualTo(ImportStatus.COMPLETED);
                assertThat(r.totalRows()).isEqualTo(10);
                assertThat(r.rejectedByReason()).as("the default dedupes against the list the first import filled")
                        .containsEntry(com.leadimport.domain.row.Reason.DUPLICATE, 6L);
            });

            HttpResponse<String> console = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(console.statusCode()).isEqualTo(200);
            assertThat(console.body()).contains("<html");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/../pom.xml")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        }
    }
}
