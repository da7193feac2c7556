package com.leadimport.domain.request;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The contract's example request, and the headers of the file it was written for. */
public final class RequestFixtures {

    public static final List<String> HEADERS = List.of("First Name", "Last Name", "Address 1", "Address 2",
            "Address 3", "Phone", "Email", "Account Ref", "Contract End");

    private RequestFixtures() {
    }

    public static String contractExampleJson() {
        try (InputStream in = RequestFixtures.class.getResourceAsStream("/requests/contract-example.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ImportRequest contractExample() {
        return ImportRequests.parse(contractExampleJson());
    }
}
