package io.branchline.renderer.media;

import io.branchline.renderer.FfmpegLog;
import io.branchline.renderer.RenderException;
import org.bytedeco.javacv.FFmpegFrameGrabber;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the media readers share: checking that an asset is there, and opening it with FFmpeg. */
final class MediaFiles {


    private MediaFiles() {
    }

    /**
     * Fails with a message for the author when {@code file} is missing, a folder, unreadable or empty.
     *
     * @param what     the asset's kind in the story's words: image, clip, audio
     * @param expected what the file should be, e.g. "a video file such as MP4, WebM or MOV"
     */
    static void requireFile(Path file, String what, String expected) {
        if (!Files.exists(file)) {
            throw new RenderException(what + " \"" + file + "\" was not found: expected " + expected + " at that path");
        }
        if (Files.isDirectory(file)) {
            throw new RenderException(what + " \"" + file + "\" is a folder: expected " + expected);
        }
        if (!Files.isReadable(file)) {
            throw new RenderException(what + " \"" + file + "\" cannot be read (no permission): expected " + expected);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new RenderException(what + " \"" + file + "\" cannot be read (" + e.getMessage() + "): expected " + expected, e);
        }
        if (size == 0) {
            throw new RenderException(what + " \"" + file + "\" is empty (0 bytes): expected " + expected);
        }
    }

    /**
     * Opens {@code file} with FFmpeg, turning its failure into a message for the author.
     * The grabber is configured by {@code setup} before it starts.
     */
    static FFmpegFrameGrabber start(Path file, String what, String expected,
                                    java.util.function.Consumer<FFmpegFrameGrabber> setup) {
        FfmpegLog.quiet();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        setup.accept(grabber);
        try {
            grabber.start();
            return grabber;
        } catch (Exception | LinkageError e) {
            closeQuietly(grabber);
            String message = e.getMessage() == null ? "" : e.getMessage();
            boolean unknown = message.contains("error -1094995529") || message.contains("error -541478725");
            String holds = unknown && looksLikeText(head(file, what, expected)) ? "it holds text" : null;
            String why = holds != null ? holds
                    : unknown ? "its contents are not in any format FFmpeg knows (damaged, cut short, or not a media file)"
                    : "FFmpeg could not open it (" + firstLine(message) + ")";
            throw new RenderException(what + " \"" + file + "\" could not be read: " + why + "; expected " + expected, e);
        }
    }

    /** The first bytes of {@code file}, to tell what it holds. */
    static byte[] head(Path file, String what, String expected) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(512);
        } catch (IOException e) {
            throw new RenderException(what + " \"" + file + "\" cannot be read (" + e.getMessage() + "): expected " + expected, e);
        }
    }

    /** A few words on what a file holds that no reader knows: text, or which bytes it starts with. */
    static String describe(byte[] head) {
        if (looksLikeText(head)) {
            return "it holds text";
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(8, head.length); i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("%02x", head[i] & 0xFF));
        }
        return "its format is not recognised (it starts with bytes " + hex + ")";
    }

    private static boolean looksLikeText(byte[] head) {
        if (head.length == 0) {
            return false;
        }
        int printable = 0;
        for (byte b : head) {
            int c = b & 0xFF;
            if (c == 0) {
                return false;
            }
            if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
                printable++;
            }
        }
        return printable == head.length;
    }

    static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (Exception ignored) {
            // Closing frees native memory; a failure there leaves nothing the author could act on.
        }
    }

    /** The pixels of {@code image} when they can be written in place (a whole TYPE_INT_RGB image), else null. */
    static int[] intPixels(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB
                || image.getRaster().getSampleModelTranslateX() != 0
                || image.getRaster().getSampleModelTranslateY() != 0
                || !(image.getSampleModel() instanceof SinglePixelPackedSampleModel model)
                || model.getScanlineStride() != image.getWidth()) {
            return null;
        }
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    /** Writes a whole frame of packed RGB pixels into {@code target}. */
    static void put(int[] pixels, BufferedImage target) {
        int[] direct = intPixels(target);
        if (direct != null && direct != pixels) {
            System.arraycopy(pixels, 0, direct, 0, pixels.length);
        } else if (direct == null) {
            target.setRGB(0, 0, target.getWidth(), target.getHeight(), pixels, 0, target.getWidth());
        }
    }

    private static String firstLine(String s) {
        int end = s.indexOf('\n');
        return end < 0 ? s : s.substring(0, end);
    }
}
