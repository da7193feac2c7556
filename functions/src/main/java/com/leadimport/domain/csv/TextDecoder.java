package com.leadimport.domain.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;

/**
 * Decodes a supplier file as UTF-8 (a leading byte order mark is dropped) and, when it turns
 * out not to be UTF-8 before any multi-byte character was seen, as Windows-1252 from there on:
 * that is what Excel's plain "CSV" writes, and ASCII reads the same in both, so the text
 * already read is unaffected. A file that mixes valid UTF-8 characters with invalid bytes is
 * refused rather than guessed at. Counts bytes, refusing a file past the size limit even when
 * its declared size was smaller.
 */
final class TextDecoder extends Reader {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** Byte to character; the five bytes Windows-1252 leaves undefined map to the C1 controls, as browsers do. */
    private static final char[] CP1252 = windows1252Table();

    private final InputStream in;
    private final long maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private long consumed;
    private boolean windows1252;
    private boolean sawMultibyte;
    private boolean started;
    private int pendingLowSurrogate = -1;

    TextDecoder(InputStream in, long maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The encoding the file has turned out to be so far. */
    Charset charset() {
        return windows1252 ? WINDOWS_1252 : java.nio.charset.StandardCharsets.UTF_8;
    }

    @Override
    public int read(char[] out, int offset, int length) throws IOException {
        int written = 0;
        while (written < length) {
            if (pendingLowSurrogate >= 0) {
                out[offset + written++] = (char) pendingLowSurrogate;
                pendingLowSurrogate = -1;
                continue;
            }
            if (started) {
                // ASCII reads the same in UTF-8 and Windows-1252: the common case, a run at a time without the checks
                int start = position;
                int end = position + (int) Math.min(Math.min(length - written, limit - position), maxBytes - consumed);
                while (position < end && buffer[position] >= 0) {
                    out[offset + written++] = (char) buffer[position++];
                }
                consumed += position - start;
                if (position > start) {
                    continue;
                }
            }
            int c = nextChar();
            if (c < 0) {
                break;
            }
            if (c > 0xFFFF) {
                out[offset + written++] = Character.highSurrogate(c);
                pendingLowSurrogate = Character.lowSurrogate(c);
            } else {
                out[offset + written++] = (char) c;
            }
        }
        return written == 0 && length > 0 ? -1 : written;
    }

    private int nextChar() throws IOException {
        int b = nextByte();
        if (b < 0) {
            return -1;
        }
        if (!started) {
            started = true;
            if (b == 0xEF && peekByte(0) == 0xBB && peekByte(1) == 0xBF) {
                nextByte();
                nextByte();
                return nextChar();
            }
        }
        if (windows1252 || b < 0x80) {
            return windows1252 ? CP1252[b] : b;
        }
        int extra = b >= 0xF0 && b <= 0xF4 ? 3 : b >= 0xE0 ? 2 : b >= 0xC2 && b < 0xE0 ? 1 : -1;
        int codePoint = extra == 1 ? b & 0x1F : extra == 2 ? b & 0x0F : b & 0x07;
        boolean valid = extra > 0;
        for (int i = 0; valid && i < extra; i++) {
            int next = peekByte(i);
            valid = next >= 0x80 && next <= 0xBF;
            codePoint = (codePoint << 6) | (next & 0x3F);
        }
        if (valid && (extra == 2 && (codePoint < 0x800 || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
                || extra == 3 && (codePoint < 0x10000 || codePoint > 0x10FFFF))) {
            valid = false;
        }
        if (valid) {
            for (int i = 0; i < extra; i++) {
                nextByte();
            }
            sawMultibyte = true;
            return codePoint;
        }
        if (sawMultibyte) {
            throw new FileRefusedException("The file is not valid UTF-8 at byte " + consumed
                    + " but has UTF-8 characters before it: save it again as \"CSV UTF-8\"");
        }
        windows1252 = true;
        return CP1252[b];
    }

    private int nextByte() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        consumed++;
        if (consumed > maxBytes) {
            throw new FileRefusedException("The file is larger than the 50 MB limit");
        }
        return buffer[position++] & 0xFF;
    }

    /** The byte {@code ahead} places after the next one, or -1 past the end. */
    private int peekByte(int ahead) throws IOException {
        while (position + ahead >= limit) {
            if (position > 0) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            }
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                return -1;
            }
            limit += n;
        }
        return buffer[position + ahead] & 0xFF;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static char[] windows1252Table() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            bytes[i] = (byte) i;
        }
        char[] table = new String(bytes, WINDOWS_1252).toCharArray();
        for (int i = 0; i < 256; i++) {
            if (table[i] == '\uFFFD') {
                table[i] = (char) i;
            }
        }
        return table;
    }
}
