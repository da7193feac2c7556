package com.leadimport.domain.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON configuration of the project: ISO dates, unknown properties refused. */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private Json() {
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static <T> T read(java.io.InputStream in, Class<T> type) {
        try (in) {
            return MAPPER.readValue(in, type);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + type.getSimpleName() + " JSON", e);
        }
    }

    public static <T> T read(java.io.InputStream in, com.fasterxml.jackson.core.type.TypeReference<T> type) {
        try (in) {
            return MAPPER.readValue(in, type);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + type.getType().getTypeName() + " JSON", e);
        }
    }
}
