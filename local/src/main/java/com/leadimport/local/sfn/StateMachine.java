package com.leadimport.local.sfn;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A state machine definition, loaded and checked: {@code ${Name}} placeholders replaced like
 * SAM's DefinitionSubstitutions (textually; a placeholder with no substitution is refused),
 * then every state, field, path, intrinsic function and transition checked against what the
 * local executor runs ({@link DefinitionValidator}). Anything else is refused here, at load,
 * with the state and field named, so a definition can only use what both AWS and the local
 * runtime run.
 */
public final class StateMachine {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final JsonNode definition;

    private StateMachine(JsonNode definition) {
        this.definition = definition;
    }

    /**
     * @throws DefinitionException when a placeholder has no substitution, the JSON is invalid,
     *                             or the definition uses what the local executor does not run
     */
    public static StateMachine load(String definitionJson, Map<String, String> substitutions) {
        JsonNode definition;
        try {
            definition = MAPPER.readTree(substitute(definitionJson, substitutions));
        } catch (java.io.IOException e) {
            throw new DefinitionException("the definition is not valid JSON: " + e.getMessage());
        }
        DefinitionValidator.checkTopLevel(definition);
        return new StateMachine(definition);
    }

    static String substitute(String text, Map<String, String> substitutions) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder replaced = new StringBuilder();
        while (matcher.find()) {
            String value = substitutions.get(matcher.group(1));
            if (value == null) {
                throw new DefinitionException("the definition uses ${" + matcher.group(1) + "} but no substitution gives it");
            }
            matcher.appendReplacement(replaced, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(replaced);
        return replaced.toString();
    }

    /** The checked definition (read only). */
    JsonNode definition() {
        return definition;
    }
}
