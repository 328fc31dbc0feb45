package io.branchline.renderer.media;

import io.branchline.renderer.RenderException;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads a still image file into an opaque RGB picture: PNG, JPEG, GIF and BMP (and whatever else
 * ImageIO reads) through ImageIO, WebP through FFmpeg. Transparent parts come out black, the colour
 * behind every shot.
 */
final class ImageLoader {

    static final String EXPECTED = "a PNG, JPEG, GIF, BMP or WebP image";

    private ImageLoader() {
    }

    static BufferedImage read(Path file) {
        MediaFiles.requireFile(file, "image", EXPECTED);
        byte[] head = MediaFiles.head(file, "image", EXPECTED);
        BufferedImage image = readWithImageIo(file);
        if (image == null) {
            if (!isWebp(head)) {
                throw new RenderException("image \"" + file + "\" is not an image: " + MediaFiles.describe(head)
                        + "; expected " + EXPECTED);
            }
            image = readWithFfmpeg(file);
        }
        return opaque(image);
    }

    /** The picture, or null when no ImageIO reader knows the file's format. */
    private static BufferedImage readWithImageIo(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            String format = formatName(reader);
            List<String> damage = new ArrayList<>();
            // The JPEG reader reports a file cut short as a warning and returns a half-grey picture.
            reader.addIIOReadWarningListener((source, warning) -> {
                String w = warning.toLowerCase(Locale.ROOT);
                if (w.contains("premature end") || w.contains("corrupt") || w.contains("truncated")) {
                    damage.add(warning);
                }
            });
            BufferedImage image;
            try {
                reader.setInput(in, true, true);
                image = reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw damaged(file, format, e.getMessage(), e);
            } finally {
                reader.dispose();
            }
            if (!damage.isEmpty()) {
                throw damaged(file, format, damage.get(0), null);
            }
            return image;
        } catch (IOException e) {
            throw new RenderException("image \"" + file + "\" cannot be read (" + e.getMessage() + "): expected " + EXPECTED, e);
        }
    }

    private static RenderException damaged(Path file, String format, String why, Throwable cause) {
        return new RenderException("image \"" + file + "\" is a damaged or cut-short " + format + " file"
                + (why == null || why.isBlank() ? "" : " (" + why.strip() + ")")
                + ": expected a complete " + format + " image", cause);
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName().toUpperCase(Locale.ROOT);
        } catch (IOException e) {
            return "image";
        }
    }

    private static BufferedImage readWithFfmpeg(Path file) {
        FFmpegFrameGrabber grabber = MediaFiles.start(file, "image", EXPECTED, g -> { });
        try {
            Frame frame = grabber.grabImage();
            if (frame == null || frame.image == null || frame.imageWidth <= 0 || frame.imageHeight <= 0) {
                throw new RenderException("image \"" + file + "\" holds no picture FFmpeg could decode (damaged or cut short?): expected "
                        + EXPECTED);
            }
            return Pixels.fromBgr(frame);
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new RenderException("image \"" + file + "\" could not be decoded (" + e.getMessage() + "): expected " + EXPECTED, e);
        } finally {
            MediaFiles.closeQuietly(grabber);
        }
    }

    private static BufferedImage opaque(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private static boolean isWebp(byte[] head) {
        return head.length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P';
    }
}
