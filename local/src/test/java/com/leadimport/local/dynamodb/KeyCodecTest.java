package com.leadimport.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Key bytes sort as DynamoDB orders the values, and a partition key's bytes never run into the sort key's. */
class KeyCodecTest {

    private static byte[] bytes(JsonNode... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (JsonNode value : values) {
            KeyCodec.append(out, value);
        }
        return out.toByteArray();
    }

    private static void assertSameOrder(List<JsonNode> values) {
        for (JsonNode a : values) {
            for (JsonNode b : values) {
                int expected = Integer.signum(Values.compare(a, b));
                assertThat(Integer.signum(Arrays.compareUnsigned(bytes(a), bytes(b)))).as(a + " vs " + b).isEqualTo(expected);
            }
        }
    }

    @Test
    void numbersSortByValue() {
        Random random = new Random(42);
        List<JsonNode> numbers = new ArrayList<>();
        for (String fixed : List.of("0", "-0", "0.0", "1", "1.0", "10", "9.99", "-1", "-10", "-9.99", "0.001", "-0.001", "1E+125",
                "-1E+125", "1E-130", "-1E-130", "123456789012345678901234567890123456.78", "0.1", "0.101", "-0.1", "-0.101")) {
            numbers.add(Values.JSON.objectNode().put("N", fixed));
        }
        for (int i = 0; i < 150; i++) {
            BigDecimal n = new BigDecimal(random.nextLong()).movePointLeft(random.nextInt(30) - 10);
            numbers.add(Values.JSON.objectNode().put("N", n.toString()));
        }
        assertSameOrder(numbers);
    }

    @Test
    void stringsAndBinariesSortByTheirBytes() {
        Random random = new Random(7);
        List<JsonNode> strings = new ArrayList<>();
        List<JsonNode> binaries = new ArrayList<>();
        for (String fixed : List.of("a", "a\u0000", "a\u0000\u0000", "a\u0001", "ab", "\uFF21", "\uD83D\uDE00", "Z", "é")) {
            strings.add(Values.JSON.objectNode().put("S", fixed));
        }
        for (int i = 0; i < 150; i++) {
            byte[] raw = new byte[random.nextInt(4) + 1];
            for (int k = 0; k < raw.length; k++) {
                raw[k] = (byte) (random.nextInt(3) == 0 ? 0 : random.nextInt(256));
            }
            binaries.add(Values.JSON.objectNode().put("B", Base64.getEncoder().encodeToString(raw)));
        }
        assertSameOrder(strings);
        assertSameOrder(binaries);
    }

    @Test
    void aCompositeKeySortsByPartitionThenSortKey() {
        JsonNode a = Values.JSON.objectNode().put("S", "a");
        JsonNode aNul = Values.JSON.objectNode().put("S", "a\u0000");
        JsonNode low = Values.JSON.objectNode().put("N", "-5");
        JsonNode high = Values.JSON.objectNode().put("N", "7");
        // ("a", 7) before ("a\0", -5): the partition key decides, however the sort key's bytes begin
        assertThat(Arrays.compareUnsigned(bytes(a, high), bytes(aNul, low))).isNegative();
        assertThat(Arrays.compareUnsigned(bytes(a, low), bytes(a, high))).isNegative();
        byte[] prefix = KeyCodec.prefix(a);
        assertThat(Arrays.compareUnsigned(bytes(aNul), prefix)).isPositive();
        assertThat(Arrays.compareUnsigned(bytes(aNul), KeyCodec.successor(prefix))).isNegative();
    }
}
