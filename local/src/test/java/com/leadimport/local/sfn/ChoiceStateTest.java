package com.leadimport.local.sfn;

import static com.leadimport.local.sfn.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChoiceStateTest {

    private final Fixtures fixtures = new Fixtures();

    private String leaf(String variable, String operator, String operand, String input) {
        return decideNested("{'Variable': '" + variable + "', '" + operator + "': " + operand + "}", input);
    }

    @Test
    void comparesStringsNumbersBooleansAndTimestamps() {
        assertThat(leaf("$.s", "StringEquals", "'x'", "{'s': 'x'}")).isEqualTo("yes");
        assertThat(leaf("$.s", "StringEquals", "'x'", "{'s': 'y'}")).isEqualTo("no");
        assertThat(leaf("$.s", "StringEquals", "'1'", "{'s': 1}")).as("wrong type does not match").isEqualTo("no");
        assertThat(leaf("$.s", "StringLessThan", "'b'", "{'s': 'a'}")).isEqualTo("yes");
        assertThat(leaf("$.s", "StringGreaterThanEquals", "'b'", "{'s': 'b'}")).isEqualTo("yes");
        assertThat(leaf("$.s", "StringMatches", "'log-*.csv'", "{'s': 'log-2024.csv'}")).isEqualTo("yes");
        assertThat(leaf("$.s", "StringMatches", "'log-*.csv'", "{'s': 'log-2024.txt'}")).isEqualTo("no");
        assertThat(leaf("$.n", "NumericEquals", "10", "{'n': 10.0}")).isEqualTo("yes");
        assertThat(leaf("$.n", "NumericGreaterThan", "10", "{'n': 11}")).isEqualTo("yes");
        assertThat(leaf("$.n", "NumericGreaterThan", "10", "{'n': 10}")).isEqualTo("no");
        assertThat(leaf("$.n", "NumericLessThanEquals", "10", "{'n': 10}")).isEqualTo("yes");
        assertThat(leaf("$.b", "BooleanEquals", "true", "{'b': true}")).isEqualTo("yes");
        assertThat(leaf("$.b", "BooleanEquals", "true", "{'b': 'true'}")).isEqualTo("no");
        assertThat(leaf("$.t", "TimestampLessThan", "'2024-01-02T00:00:00Z'", "{'t': '2024-01-01T23:00:00-00:30'}"))
                .isEqualTo("yes");
    }

    @Test
    void comparesWithPaths() {
        assertThat(leaf("$.a", "StringEqualsPath", "'$.b'", "{'a': 'x', 'b': 'x'}")).isEqualTo("yes");
        assertThat(leaf("$.a", "NumericGreaterThanPath", "'$.b'", "{'a': 2, 'b': 1}")).isEqualTo("yes");
        assertThat(leaf("$.a", "NumericGreaterThanPath", "'$.b'", "{'a': 1, 'b': 1}")).isEqualTo("no");
        assertThat(leaf("$.a", "BooleanEqualsPath", "'$$.Execution.Input.b'", "{'a': false, 'b': false}")).isEqualTo("yes");
    }

    @Test
    void testsPresenceAndTypes() {
        assertThat(leaf("$.a", "IsPresent", "true", "{'a': null}")).isEqualTo("yes");
        assertThat(leaf("$.a", "IsPresent", "false", "{}")).isEqualTo("yes");
        assertThat(leaf("$.a", "IsNull", "true", "{'a': null}")).isEqualTo("yes");
        assertThat(leaf("$.a", "IsNumeric", "true", "{'a': 1.5}")).isEqualTo("yes");
        assertThat(leaf("$.a", "IsString", "true", "{'a': 1.5}")).isEqualTo("no");
        assertThat(leaf("$.a", "IsBoolean", "false", "{'a': 'x'}")).isEqualTo("yes");
        assertThat(leaf("$.a", "IsTimestamp", "true", "{'a': '2024-05-01T10:00:00Z'}")).isEqualTo("yes");
    }

    @Test
    void combinesRulesWithAndOrNot() {
        String rule = "{'And': [{'Variable': '$.n', 'NumericGreaterThan': 10}, {'Variable': '$.s', 'StringEquals': 'x'}]}";
        assertThat(decideNested(rule, "{'n': 11, 's': 'x'}")).isEqualTo("yes");
        assertThat(decideNested(rule, "{'n': 11, 's': 'y'}")).isEqualTo("no");
        String or = "{'Or': [{'Variable': '$.n', 'NumericEquals': 1}, {'Not': {'Variable': '$.s', 'StringEquals': 'x'}}]}";
        assertThat(decideNested(or, "{'n': 1, 's': 'x'}")).isEqualTo("yes");
        assertThat(decideNested(or, "{'n': 2, 's': 'y'}")).isEqualTo("yes");
        assertThat(decideNested(or, "{'n': 2, 's': 'x'}")).isEqualTo("no");
    }

    /** A Choice with one rule: "yes" when it matches, "no" (the Default) otherwise. */
    private String decideNested(String rule, String input) {
        String withNext = rule.substring(0, rule.length() - 1) + ", 'Next': 'Yes'}";
        String definition = "{'StartAt': 'C', 'States': {'C': {'Type': 'Choice', 'Choices': [" + withNext
                + "], 'Default': 'No'}, 'Yes': {'Type': 'Pass', 'Result': 'yes', 'End': true},"
                + "'No': {'Type': 'Pass', 'Result': 'no', 'End': true}}}";
        Execution execution = fixtures.executor(definition).run("c", json(input));
        assertThat(execution.status()).as(execution.cause()).isEqualTo(Execution.Status.SUCCEEDED);
        return execution.output().asText();
    }

    @Test
    void firstMatchingRuleWinsAndTheChoiceStatePassesItsInputOn() {
        String definition = "{'StartAt': 'C', 'States': {'C': {'Type': 'Choice', 'InputPath': '$.in', 'OutputPath': '$.v', "
                + "'Choices': [{'Variable': '$.v', 'NumericGreaterThan': 1, 'Next': 'First'},"
                + "{'Variable': '$.v', 'NumericGreaterThan': 0, 'Next': 'Second'}]},"
                + "'First': {'Type': 'Succeed'}, 'Second': {'Type': 'Fail', 'Error': 'Wrong'}}}";

        Execution execution = fixtures.executor(definition).run("c", json("{'in': {'v': 5}}"));

        assertThat(execution.output()).isEqualTo(json("5"));
        assertThat(execution.events()).contains("StateEntered First").doesNotContain("StateEntered Second");
    }

    @Test
    void noMatchWithoutDefaultIsNoChoiceMatchedAndAMissingVariableIsARuntimeError() {
        String definition = "{'StartAt': 'C', 'States': {'C': {'Type': 'Choice', "
                + "'Choices': [{'Variable': '$.v', 'NumericEquals': 1, 'Next': 'E'}]}, 'E': {'Type': 'Succeed'}}}";
        StateMachineExecutor executor = fixtures.executor(definition);

        assertThat(executor.run("a", json("{'v': 2}")).error()).isEqualTo("States.NoChoiceMatched");
        assertThat(executor.run("b", json("{}")).error()).isEqualTo("States.Runtime");
    }
}
