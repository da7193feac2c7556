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
    void servesTheApiOverHttpAndImportsSupplierDrops(@TempDir Path data) throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Settings.defaults(data));
             LocalServer server = LocalServer.start(runtime, 0, data.resolve("drop"), ZoneId.of("Europe/London"))) {
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

            server.importDrops();

            assertThat(drop.resolve("done").resolve("weekly.csv")).exists();
            assertThat(runtime.stores().imports().history(10)).anySatisfy(r -> {
                assertThat(r.createdBy()).isEqualTo("supplier:Acme Data");
                assertThat(r.status()).isEqualTo(ImportStatus.COMPLETED);
                assertThat(r.totalRows()).isEqualTo(10);
                assertThat(r.rejectedByReason()).as("the default dedupes against the list the first import filled")
                        .containsEntry(com.leadimport.domain.row.Reason.DUPLICATE, 6L);
            });
        }
    }
}
