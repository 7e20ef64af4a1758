package dev.groot.model.io;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;

/**
 * Reads a stream as UTF-8 lines, strictly: a leading BOM is dropped, {@code \r\n} and {@code \n}
 * both end a line, invalid UTF-8 or a NUL byte makes that one line a problem line (the rest of
 * the file is still read). A file whose first 8 KiB hold a NUL byte is binary; {@link #open}
 * reports that, and an empty file, before any line is read.
 */
public final class TextLineReader implements Closeable {

    static final int SNIFF_BYTES = 8192;

    private final PushbackInputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
    private long lineNumber;
    private boolean eof;
    private TextLine next;

    private TextLineReader(PushbackInputStream in) {
        this.in = in;
    }

    /**
     * Opens a reader, or throws {@link ReadException} for a file that is empty or binary.
     */
    public static TextLineReader open(InputStream raw, String file) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        int start = startsWithBom(head) ? 3 : 0;
        if (head.length - start == 0) {
            throw new ReadException(ReadError.of(file, 0, Problem.EMPTY_FILE, "empty file"));
        }
        for (int i = start; i < head.length; i++) {
            if (head[i] == 0) {
                throw new ReadException(ReadError.of(file, 0, Problem.BINARY_FILE,
                        "binary file (NUL byte at offset " + i + "), not a text corpus"));
            }
        }
        in.unread(head, start, head.length - start);
        return new TextLineReader(in);
    }

    private static boolean startsWithBom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
    }

    public boolean hasNext() throws IOException {
        if (next == null && !eof) {
            next = readLine();
        }
        return next != null;
    }

    public TextLine next() throws IOException {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        TextLine line = next;
        next = null;
        return line;
    }

    private TextLine readLine() throws IOException {
        buf.reset();
        int b;
        boolean sawNul = false;
        while ((b = in.read()) != -1 && b != '\n') {
            sawNul |= b == 0;
            buf.write(b);
        }
        if (b == -1) {
            eof = true;
            if (buf.size() == 0) {
                return null;
            }
        }
        byte[] bytes = buf.toByteArray();
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\r') {
            len--;
        }
        lineNumber++;
        String lossy = new String(bytes, 0, len, StandardCharsets.UTF_8);
        if (sawNul) {
            return new TextLine(lineNumber, lossy.replace('\0', ' '), Problem.BINARY_FILE, "NUL byte (binary data) in line");
        }
        try {
            String text = decoder.reset().decode(ByteBuffer.wrap(bytes, 0, len)).toString();
            return new TextLine(lineNumber, text, null, null);
        } catch (CharacterCodingException e) {
            return new TextLine(lineNumber, lossy, Problem.INVALID_UTF8,
                    "bytes that are not valid UTF-8 at byte " + firstBadByte(bytes, len) + " of the line");
        }
    }

    private int firstBadByte(byte[] bytes, int len) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bb = ByteBuffer.wrap(bytes, 0, len);
        d.decode(bb, CharBuffer.allocate(len + 1), true);
        return bb.position() + 1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
