package com.leadimport.domain.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadimport.domain.request.Dedupe.Action;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class InFileDuplicatesTest {

    private static long[] keys(String... keys) {
        return java.util.Arrays.stream(keys).mapToLong(DedupeKeys::fingerprint).toArray();
    }

    @Test
    void keepExistingKeepsTheFirstRowOfAKey() {
        InFileDuplicates dups = new InFileDuplicates(Action.KEEP_EXISTING);
        dups.add(3, keys("P#+447400000001"));
        dups.add(1, keys("P#+447400000001", "E#ann@example.com"));
        dups.add(2, keys("E#bob@example.com"));

        assertThat(dups.isDuplicate(1, keys("P#+447400000001", "E#ann@example.com"))).isFalse();
        assertThat(dups.isDuplicate(3, keys("P#+447400000001"))).isTrue();
        assertThat(dups.isDuplicate(2, keys("E#bob@example.com"))).isFalse();
    }

    @Test
    void keepNewKeepsTheLastRowOfAKey() {
        InFileDuplicates dups = new InFileDuplicates(Action.KEEP_NEW);
        dups.add(1, keys("P#+447400000001"));
        dups.add(5, keys("P#+447400000001"));

        assertThat(dups.isDuplicate(1, keys("P#+447400000001"))).isTrue();
        assertThat(dups.isDuplicate(5, keys("P#+447400000001"))).isFalse();
    }

    @Test
    void aRowSharingAnyKeyWithAnEarlierRowIsADuplicateEvenIfThatRowLostToo() {
        InFileDuplicates dups = new InFileDuplicates(Action.RESET_OLDER);
        dups.add(1, keys("P#+447400000001"));
        dups.add(2, keys("P#+447400000001", "E#x@example.com"));
        dups.add(3, keys("E#x@example.com"));

        assertThat(dups.isDuplicate(2, keys("P#+447400000001", "E#x@example.com"))).isTrue();
        assertThat(dups.isDuplicate(3, keys("E#x@example.com"))).isTrue();
    }

    @Test
    void theAnswerDoesNotDependOnTheOrderRowsArriveIn() {
        Random random = new Random(42);
        List<long[]> rowKeys = new ArrayList<>();
        for (int row = 0; row < 20_000; row++) {
            rowKeys.add(keys("P#+4474" + String.format("%08d", random.nextInt(15_000)), "E#u" + random.nextInt(15_000) + "@x.com"));
        }
        List<Long> order = new ArrayList<>(LongStream.range(0, rowKeys.size()).boxed().toList());
        List<Boolean> first = verdicts(rowKeys, order);
        Collections.shuffle(order, random);
        List<Boolean> shuffled = verdicts(rowKeys, order);

        assertThat(shuffled).isEqualTo(first);
        assertThat(first).contains(true, false);
    }

    private static List<Boolean> verdicts(List<long[]> rowKeys, List<Long> order) {
        InFileDuplicates dups = new InFileDuplicates(Action.KEEP_EXISTING);
        for (long row : order) {
            dups.add(row, rowKeys.get((int) row));
        }
        List<Boolean> verdicts = new ArrayList<>();
        for (int row = 0; row < rowKeys.size(); row++) {
            verdicts.add(dups.isDuplicate(row, rowKeys.get(row)));
        }
        return verdicts;
    }

    @Test
    void fingerprintsSeparatePhonesFromHashedKeysAndAreNeverZero() {
        assertThat(DedupeKeys.fingerprint("P#+447400000001")).isEqualTo(447400000001L | (1L << 62));
        assertThat(DedupeKeys.fingerprint("E#ann@example.com")).isNegative();
        assertThat(DedupeKeys.fingerprint("P#07400")).isNotZero().isNotEqualTo(DedupeKeys.fingerprint("P#07401"));
    }
}
