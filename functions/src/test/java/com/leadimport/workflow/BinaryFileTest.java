package com.leadimport.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tiny parts put every value across a part boundary somewhere. */
class BinaryFileTest {

    private static final String UNICODE = "Zoë 日本 \uD83D\uDE00";

    private static BinaryFile.Writer write(int partBytes) {
        BinaryFile.Writer out = new BinaryFile.Writer(3, partBytes);
        out.writeInt(-7).writeLong(Long.MIN_VALUE + 3).writeByte(200).writeString("ascii").writeString(null).writeString("")
                .writeString(UNICODE).writeStrings(List.of("a", "bb", UNICODE)).writeStrings(null).writeLong(42)
                .writeNumber(0).writeNumber(127).writeNumber(128).writeNumber(300_001).writeNumber(Long.MAX_VALUE)
                .writeString("x".repeat(200));
        return out;
    }

    @Test
    void everyValueComesBackWhereverThePartsBreak() {
        for (int partBytes : new int[] {1, 2, 3, 5, 7, 8, 13, 64, 1 << 16}) {
            List<byte[]> parts = write(partBytes).parts();
            BinaryFile.Reader in = new BinaryFile.Reader(parts, "test file");

            assertThat(parts).as("parts of %d", partBytes).allSatisfy(part -> assertThat(part.length).isLessThanOrEqualTo(partBytes));
            assertThat(in.readInt()).isEqualTo(-7);
            assertThat(in.readLong()).isEqualTo(Long.MIN_VALUE + 3);
            assertThat(in.readUnsignedByte()).isEqualTo(200);
            assertThat(in.readString()).isEqualTo("ascii");
            assertThat(in.readString()).isNull();
            assertThat(in.readString()).isEmpty();
            assertThat(in.readString()).isEqualTo(UNICODE);
            assertThat(in.readStrings()).containsExactly("a", "bb", UNICODE);
            assertThat(in.readStrings()).isNull();
            assertThat(in.hasMore()).isTrue();
            assertThat(in.readLong()).isEqualTo(42);
            assertThat(List.of(in.readNumber(), in.readNumber(), in.readNumber(), in.readNumber(), in.readNumber()))
                    .containsExactly(0L, 127L, 128L, 300_001L, Long.MAX_VALUE);
            assertThat(in.readString()).isEqualTo("x".repeat(200));
            assertThat(in.hasMore()).as("parts of %d", partBytes).isFalse();
        }
    }

    @Test
    void numbersTakeSevenBitsAByteAndCountsAndLengthsAreNumbersOffsetByTwo() {
        byte[] expected = {
            0x00, 0x7F, (byte) 0x80, 0x01, (byte) 0xAC, 0x02, // 0, 127, 128, 300
            0x01, // a null string: -1 + 2
            0x02, // an empty string: 0 + 2
            0x07, 'a', 's', 'c', 'i', 'i', // "ascii": 5 + 2, then its bytes
            0x07, (byte) 0xC3, (byte) 0xAB, 'x', (byte) 0xC3, (byte) 0xBF, // "ëxÿ": 5 bytes of UTF-8
            (byte) 0xC9, 0x01, // the length of a string of 199 characters: 201 in two bytes
        };
        for (int partBytes : new int[] {1, 4, 1 << 16}) {
            BinaryFile.Writer out = new BinaryFile.Writer(2, partBytes).writeNumber(0).writeNumber(127).writeNumber(128).writeNumber(300)
                    .writeString(null).writeString("").writeString("ascii").writeString("ëxÿ").writeString("y".repeat(199));

            byte[] all = out.toByteArray();
            assertThat(Arrays.copyOf(all, expected.length)).as("parts of %d", partBytes).isEqualTo(expected);
            assertThat(all).hasSize(expected.length + 199);
        }
        assertThatThrownBy(() -> new BinaryFile.Writer(8).writeNumber(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSymbolIsWrittenOnceThenByNumberWhereverThePartsBreak() {
        for (int partBytes : new int[] {1, 3, 64}) {
            BinaryFile.Writer out = new BinaryFile.Writer(8, partBytes);
            out.writeSymbol("Europe/London").writeSymbol(null).writeSymbol("FIRST_NAME").writeSymbol("Europe/London")
                    .writeSymbol("FIRST_NAME");
            BinaryFile.Reader in = new BinaryFile.Reader(out.parts(), "test file");

            assertThat(out.toByteArray()).as("a symbol's number takes a byte").hasSize(1 + 1 + 13 + 1 + 1 + 1 + 10 + 1 + 1);
            assertThat(List.of(in.readSymbol(), String.valueOf(in.readSymbol()), in.readSymbol(), in.readSymbol(), in.readSymbol()))
                    .containsExactly("Europe/London", "null", "FIRST_NAME", "Europe/London", "FIRST_NAME");
        }
        BinaryFile.Reader unknown = new BinaryFile.Reader(new BinaryFile.Writer(8).writeCount(3).toByteArray(), "a test file");
        assertThatThrownBy(unknown::readSymbol).isInstanceOf(IllegalStateException.class).hasMessageContaining("damaged: symbol 3 of 0");
    }

    @Test
    void textWrittenThroughTheStreamLandsInPartsUnchanged() throws IOException {
        String text = ("Row,Reason,Zoë 日本\r\n").repeat(5_000);
        BinaryFile.Writer out = new BinaryFile.Writer(16, 4_096).writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        try (java.io.Writer writer = new java.io.OutputStreamWriter(out.asStream(), StandardCharsets.UTF_8)) {
            writer.write(text);
        }

        assertThat(out.parts()).hasSizeGreaterThan(10).allSatisfy(part -> assertThat(part.length).isLessThanOrEqualTo(4_096));
        byte[] all = out.toByteArray();
        assertThat(new String(all, 3, all.length - 3, StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void aFileThatEndsEarlyOrCarriesABadCountIsRefusedNamingIt() {
        byte[] whole = write(1 << 16).toByteArray();
        List<byte[]> cut = List.of(Arrays.copyOfRange(whole, 0, 10), Arrays.copyOfRange(whole, 10, 14));
        BinaryFile.Reader in = new BinaryFile.Reader(cut, "a test file");
        in.readInt();
        in.readLong();
        in.readUnsignedByte();

        assertThatThrownBy(in::readString).as("its length read, five of its bytes missing")
                .isInstanceOf(IllegalStateException.class).hasMessage("a test file ends early at byte 14");
        BinaryFile.Reader damaged = new BinaryFile.Reader(new BinaryFile.Writer(8).writeCount(-2).toByteArray(), "a test file");
        assertThatThrownBy(damaged::readStrings).isInstanceOf(IllegalStateException.class).hasMessage("a test file is damaged: a count of -2 before byte 1");
        BinaryFile.Reader nullCount = new BinaryFile.Reader(new BinaryFile.Writer(8).writeCount(-1).toByteArray(), "a test file");
        assertThatThrownBy(nullCount::readCount).as("a count of rows or fields is never null")
                .isInstanceOf(IllegalStateException.class).hasMessage("a test file is damaged: a count of -1 before byte 1");
        BinaryFile.Reader nullList = new BinaryFile.Reader(new BinaryFile.Writer(8).writeCount(-1).toByteArray(), "a test file");
        assertThatThrownBy(() -> nullList.readList(BinaryFile.Reader::readNumber)).as("a list of records is never null")
                .isInstanceOf(IllegalStateException.class).hasMessage("a test file is damaged: a count of -1 before byte 1");
        byte[] endless = new byte[12];
        Arrays.fill(endless, (byte) 0x80);
        assertThatThrownBy(new BinaryFile.Reader(endless, "a test file")::readNumber).isInstanceOf(IllegalStateException.class)
                .hasMessage("a test file is damaged: a number of over ten bytes before byte 10");
        BinaryFile.Reader huge = new BinaryFile.Reader(new BinaryFile.Writer(8).writeCount(1 << 30).writeInt(7).toByteArray(), "a test file");
        assertThatThrownBy(huge::readString).as("a length past the end is refused before a gigabyte is allocated")
                .isInstanceOf(IllegalStateException.class).hasMessage("a test file ends early at byte 5");
    }
}
