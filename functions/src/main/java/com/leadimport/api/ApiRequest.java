package com.leadimport.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The part of an API Gateway HTTP API (payload 2.0) event the wizard API reads: method and
 * path, query, body, and the caller from the JWT authorizer's claims.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiRequest(String rawPath, String rawQueryString, Map<String, String> headers, String body,
                         boolean isBase64Encoded, RequestContext requestContext) {

    public String method() {
        return requestContext == null || requestContext.http() == null ? "GET" : requestContext.http().method();
    }

    public String bodyText() {
        if (body == null) {
            return "";
        }
        return isBase64Encoded ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
    }

    /** A query parameter's value (URL-decoded), or null when the query does not have it. */
    public String query(String name) {
        if (rawQueryString == null || rawQueryString.isEmpty()) {
            return null;
        }
        for (String pair : rawQueryString.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The caller: the token's email, else its subject; null when the request carries no verified token. */
    public String caller() {
        if (requestContext == null || requestContext.authorizer() == null || requestContext.authorizer().jwt() == null) {
            return null;
        }
        Map<String, String> claims = requestContext.authorizer().jwt().claims();
        return claims == null ? null : claims.getOrDefault("email", claims.get("sub"));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RequestContext(Http http, Authorizer authorizer) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Http(String method, String path) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Authorizer(Jwt jwt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Jwt(Map<String, String> claims) {
    }
}
