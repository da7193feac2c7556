package com.leadimport.domain.request;

/** Stage 4: the agent's call-info panel, text with {@code {Header}} placeholders. */
public record CallInfo(String template) {
}
