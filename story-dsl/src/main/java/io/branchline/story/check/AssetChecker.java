package io.branchline.story.check;

import io.branchline.story.ast.AssetPath;
import io.branchline.story.ast.Stmt;
import io.branchline.story.ast.StoryFile;
import io.branchline.story.ast.Walk;
import io.branchline.story.diag.Code;
import io.branchline.story.diag.Diagnostics;
import io.branchline.story.model.CompiledStory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks every image, clip and sound a story names: it must exist, stay inside the story's
 * folder, and be readable as what the shot says it is. Returns the assets with their paths
 * relative to the story's folder.
 */
final class AssetChecker {

    private static final Set<String> DECODABLE_IMAGES = Set.of("png", "jpeg", "gif", "bmp");
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("png", "png"), Map.entry("jpg", "jpeg"), Map.entry("jpeg", "jpeg"), Map.entry("gif", "gif"),
            Map.entry("webp", "webp"), Map.entry("bmp", "bmp"), Map.entry("mp4", "mp4"), Map.entry("m4v", "mp4"),
            Map.entry("mov", "mov"), Map.entry("webm", "webm"), Map.entry("mkv", "mkv"), Map.entry("avi", "avi"),
            Map.entry("ogg", "ogg"), Map.entry("oga", "ogg"), Map.entry("opus", "ogg"), Map.entry("mp3", "mp3"),
            Map.entry("wav", "wav"), Map.entry("flac", "flac"), Map.entry("m4a", "m4a"), Map.entry("aac", "aac"));

    private final Path root;
    private final Diagnostics diagnostics;
    private final Map<String, CompiledStory.Asset> assets = new LinkedHashMap<>();

    private AssetChecker(Path root, Diagnostics diagnostics) {
        this.root = root;
        this.diagnostics = diagnostics;
    }

    /** Checks the assets of all files; {@code root} is the story's folder. */
    static List<CompiledStory.Asset> check(List<StoryFile> files, Path root, Diagnostics diagnostics) {
        AssetChecker checker = new AssetChecker(root, diagnostics);
        for (StoryFile file : files) {
            Path dir = file.source().path().toAbsolutePath().normalize().getParent();
            for (StoryFile.Scene scene : file.scenes()) {
                Walk.statements(scene.body(), s -> {
                    if (s instanceof Stmt.Shot shot) {
                        if (shot.source() instanceof Stmt.Image image) {
                            String picture = checker.asset(dir, image.path(), AssetKind.IMAGE);
                            if (image.depth() != null) {
                                String depth = checker.asset(dir, image.depth(), AssetKind.IMAGE);
                                checker.sameShape(picture, image.path(), depth, image.depth());
                            }
                        } else if (shot.source() instanceof Stmt.Clip clip) {
                            checker.asset(dir, clip.path(), AssetKind.CLIP);
                        }
                        if (shot.audio() != null) {
                            checker.asset(dir, shot.audio().path(), AssetKind.AUDIO);
                        }
                    }
                });
            }
        }
        return new ArrayList<>(checker.assets.values());
    }

    /** The path of an asset relative to the story's folder, or null when it cannot be resolved. */
    static String relative(Path root, Path dir, String path) {
        try {
            Path resolved = dir.resolve(path).normalize();
            return resolved.startsWith(root) ? root.relativize(resolved).toString().replace('\\', '/') : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Checks one asset; its path relative to the story's folder when it is usable, else null. */
    private String asset(Path dir, AssetPath ref, AssetKind kind) {
        String rel = relative(root, dir, ref.path());
        if (ref.path().isBlank()) {
            diagnostics.report(Code.BL0034, ref.span(), "the path is empty; expected the path of " + kind.description + " such as \"assets/"
                    + (kind == AssetKind.IMAGE ? "door.png" : kind == AssetKind.CLIP ? "stairs.mp4" : "steps.ogg") + "\"");
            return null;
        }
        if (rel == null) {
            diagnostics.report(Code.BL0035, ref.span(), "'" + ref.path() + "' leaves the story's folder; assets must lie inside "
                    + root.getFileName() + " (its folder and the folders below it)");
            return null;
        }
        if (assets.containsKey(rel)) {
            return rel;
        }
        Path file = root.resolve(rel);
        if (!Files.isRegularFile(file)) {
            diagnostics.report(Code.BL0034, ref.span(), "cannot find " + kind.description + " at '" + ref.path() + "' (looked for " + file + ")");
            return null;
        }
        if (!SourceReader.realPathInside(file, root)) {
            diagnostics.report(Code.BL0035, ref.span(), "'" + ref.path() + "' leads out of the story's folder through a symbolic link;"
                    + " assets must lie inside " + root.getFileName());
            return null;
        }
        if (content(file, ref, kind)) {
            assets.put(rel, new CompiledStory.Asset(rel, kind.word));
            return rel;
        }
        return null;
    }

    /**
     * Warns when a depth map's width-to-height ratio differs from its picture's by more than 2%:
     * it would be stretched over the picture, and near and far would not line up with what they
     * should move. Either file unusable (already reported) or not decodable here (WebP): no check.
     */
    private void sameShape(String picture, AssetPath pictureRef, String depth, AssetPath depthRef) {
        if (picture == null || depth == null) {
            return;
        }
        int[] p = size(root.resolve(picture));
        int[] d = size(root.resolve(depth));
        if (p == null || d == null) {
            return;
        }
        double pictureRatio = (double) p[0] / p[1];
        double depthRatio = (double) d[0] / d[1];
        if (Math.abs(depthRatio / pictureRatio - 1) > 0.02) {
            diagnostics.report(Code.BL0108, depthRef.span(), "the depth map '" + depthRef.path() + "' is " + d[0] + "x" + d[1]
                    + " but its image '" + pictureRef.path() + "' is " + p[0] + "x" + p[1]
                    + "; it will be stretched over the picture; expected a depth map of the picture's shape");
        }
    }

    /** An image's width and height from its header, or null when no reader here knows it. */
    private static int[] size(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private boolean content(Path file, AssetPath ref, AssetKind kind) {
        byte[] head;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            head = in.readNBytes(64);
        } catch (IOException | SecurityException e) {
            diagnostics.report(Code.BL0036, ref.span(), "cannot read '" + ref.path() + "': " + e.getMessage());
            return false;
        }
        if (size == 0) {
            diagnostics.report(Code.BL0036, ref.span(), "'" + ref.path() + "' is empty; expected " + kind.description + " ("
                    + String.join(", ", kind.formats) + ")");
            return false;
        }
        String format = FileSniffer.sniff(head);
        if (format == null || !kind.formats.contains(format)) {
            String found = format == null ? "data of an unknown format" : format.equals("text") ? "text" : "a " + format + " file";
            diagnostics.report(Code.BL0036, ref.span(), "'" + ref.path() + "' is not " + kind.description + ": it holds " + found
                    + "; expected one of " + String.join(", ", kind.formats));
            return false;
        }
        if (DECODABLE_IMAGES.contains(format) && !decodes(file)) {
            diagnostics.report(Code.BL0036, ref.span(), "'" + ref.path() + "' looks like a " + format
                    + " image but cannot be decoded (is it truncated or damaged?); expected a complete image");
            return false;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String claimed = EXTENSIONS.get(extension);
        if (claimed != null && !claimed.equals(format) && !(claimed.equals("mp4") && format.equals("mov"))) {
            diagnostics.report(Code.BL0106, ref.span(), "'" + ref.path() + "' is named ." + extension + " but holds a " + format
                    + " file; rename it so tools that trust the name read it right");
        }
        return true;
    }

    /** Decodes the whole image; a reader's warning (such as a premature end of a JPEG) counts as damage. */
    private static boolean decodes(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return false;
            }
            ImageReader reader = readers.next();
            boolean[] warned = {false};
            reader.addIIOReadWarningListener((source, warning) -> warned[0] = true);
            try {
                reader.setInput(in, true, true);
                BufferedImage image = reader.read(0);
                return !warned[0] && image.getWidth() > 0 && image.getHeight() > 0;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
