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

/** Tiny parts put every value across a part boundary somewhere; the layout is DataOutputStream's. */
class BinaryFileTest {

    private static final String UNICODE = "Zoë 日本 \uD83D\uDE00";

    private static BinaryFile.Writer write(int partBytes) {
        BinaryFile.Writer out = new BinaryFile.Writer(3, partBytes);
        out.writeInt(-7).writeLong(Long.MIN_VALUE + 3).writeByte(200).writeString("ascii").writeString(null).writeString("")
                .writeString(UNICODE).writeStrings(List.of("a", "bb", UNICODE)).writeStrings(null).writeLong(42);
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
            in.skipString();
            assertThat(in.readString()).isEqualTo(UNICODE);
            assertThat(in.readStrings()).containsExactly("a", "bb", UNICODE);
            assertThat(in.readStrings()).isNull();
            assertThat(in.hasMore()).isTrue();
            assertThat(in.readLong()).isEqualTo(42);
            assertThat(in.hasMore()).as("parts of %d", partBytes).isFalse();
        }
    }

    @Test
    void theBytesAreDataOutputStreamsInOnePartOrMany() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(expected)) {
            out.writeInt(-7);
            out.writeLong(Long.MIN_VALUE + 3);
            out.writeByte(200);
            for (String s : new String[] {"ascii", null, "", UNICODE}) {
                byte[] utf8 = s == null ? null : s.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8 == null ? -1 : utf8.length);
                out.write(utf8 == null ? new byte[0] : utf8);
            }
            out.writeInt(3);
            for (String s : new String[] {"a", "bb", UNICODE}) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
            out.writeInt(-1);
            out.writeLong(42);
        }

        assertThat(write(1 << 16).toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(write(5).toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void aSymbolIsWrittenOnceThenByNumberWhereverThePartsBreak() {
        for (int partBytes : new int[] {1, 3, 64}) {
            BinaryFile.Writer out = new BinaryFile.Writer(8, partBytes);
            out.writeSymbol("Europe/London").writeSymbol(null).writeSymbol("FIRST_NAME").writeSymbol("Europe/London")
                    .writeSymbol("FIRST_NAME");
            BinaryFile.Reader in = new BinaryFile.Reader(out.parts(), "test file");

            assertThat(out.toByteArray()).hasSize(4 + 4 + 13 + 4 + 4 + 4 + 10 + 4 + 4);
            assertThat(List.of(in.readSymbol(), String.valueOf(in.readSymbol()), in.readSymbol(), in.readSymbol(), in.readSymbol()))
                    .containsExactly("Europe/London", "null", "FIRST_NAME", "Europe/London", "FIRST_NAME");
        }
        BinaryFile.Reader unknown = new BinaryFile.Reader(new BinaryFile.Writer(8).writeInt(3).toByteArray(), "a test file");
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

        assertThatThrownBy(in::readString).isInstanceOf(IllegalStateException.class).hasMessage("a test file ends early at byte 13");
        BinaryFile.Reader damaged = new BinaryFile.Reader(new BinaryFile.Writer(8).writeInt(-5).toByteArray(), "a test file");
        assertThatThrownBy(damaged::readStrings).isInstanceOf(IllegalStateException.class).hasMessageContaining("damaged");
        BinaryFile.Reader huge = new BinaryFile.Reader(new BinaryFile.Writer(8).writeInt(1 << 30).writeInt(7).toByteArray(), "a test file");
        assertThatThrownBy(huge::readString).as("a length past the end is refused before a gigabyte is allocated")
                .isInstanceOf(IllegalStateException.class).hasMessage("a test file ends early at byte 4");
    }
}
