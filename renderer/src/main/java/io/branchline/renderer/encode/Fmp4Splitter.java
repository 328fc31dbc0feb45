package io.branchline.renderer.encode;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Receives a fragmented MP4 as the muxer writes it and cuts it where CMAF cuts it: the
 * header boxes ({@code ftyp} + {@code moov}) are the init segment, and every
 * {@code moof} + {@code mdat} pair is one media segment. Each piece is handed on as soon
 * as its last byte arrives, so a segment can be served while the next one is encoded.
 */
final class Fmp4Splitter extends OutputStream {

    private final Consumer<byte[]> onInit;
    private final Consumer<byte[]> onFragment;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(1 << 20);
    private final ByteArrayOutputStream piece = new ByteArrayOutputStream(1 << 20);
    private boolean initSent;
    private long written;
    /** How many bytes must be pending before the next box can be complete: saves copying on every small write. */
    private long need = 8;

    Fmp4Splitter(Consumer<byte[]> onInit, Consumer<byte[]> onFragment) {
        this.onInit = onInit;
        this.onFragment = onFragment;
    }

    long written() {
        return written;
    }

    @Override
    public void write(int b) {
        pending.write(b);
        written++;
        if (pending.size() >= need) {
            drain();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        pending.write(b, off, len);
        written += len;
        if (pending.size() >= need) {
            drain();
        }
    }

    /** Takes every complete top-level box off the front of what has arrived. */
    private void drain() {
        byte[] data = pending.toByteArray();
        int pos = 0;
        need = 8;
        while (data.length - pos >= 8) {
            long size = ((data[pos] & 0xFFL) << 24) | ((data[pos + 1] & 0xFFL) << 16) | ((data[pos + 2] & 0xFFL) << 8) | (data[pos + 3] & 0xFFL);
            int header = 8;
            if (size == 1) {
                if (data.length - pos < 16) {
                    need = 16;
                    break;
                }
                size = 0;
                for (int i = 0; i < 8; i++) {
                    size = (size << 8) | (data[pos + 8 + i] & 0xFFL);
                }
                header = 16;
            }
            if (size < header) {
                throw new IllegalStateException("the muxer wrote a box of impossible size " + size);
            }
            if (data.length - pos < size) {
                need = size;
                break;
            }
            String type = new String(data, pos + 4, 4, StandardCharsets.ISO_8859_1);
            box(type, data, pos, (int) size);
            pos += (int) size;
        }
        if (pos > 0) {
            pending.reset();
            pending.write(data, pos, data.length - pos);
        }
    }

    private void box(String type, byte[] data, int pos, int size) {
        switch (type) {
            case "moof" -> {
                flushInit();
                piece.write(data, pos, size);
            }
            case "mdat" -> {
                piece.write(data, pos, size);
                onFragment.accept(piece.toByteArray());
                piece.reset();
            }
            case "mfra" -> {
                // The random-access index at the end: not part of any segment.
            }
            default -> {
                if (initSent) {
                    piece.write(data, pos, size);
                } else {
                    piece.write(data, pos, size);
                    if (type.equals("moov")) {
                        flushInit();
                    }
                }
            }
        }
    }

    private void flushInit() {
        if (!initSent) {
            initSent = true;
            onInit.accept(piece.toByteArray());
            piece.reset();
        }
    }

    @Override
    public void close() {
        if (pending.size() > 0) {
            throw new IllegalStateException("the muxer stopped in the middle of a box (" + pending.size() + " bytes left)");
        }
    }
}
